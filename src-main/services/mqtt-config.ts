/** The plant connection's stored configuration: defaults, the checks before saving, the TLS files. */
import { readFile } from 'node:fs/promises';
import { MqttConfig } from '../shared/contract';
import { checkMapping } from '../ingest/ingestor';

export const DEFAULT_MQTT_CONFIG: MqttConfig = {
  enabled: false, url: 'mqtt://127.0.0.1:1883', username: '',
  tls: { caFile: null, certFile: null, keyFile: null, rejectUnauthorized: true },
  mapping: { format: 'json', topic: 'plant/+/reading', timestampUnit: 'auto', unknownAssets: 'auto-add', defaultKind: null },
  maxPayloadBytes: 16_384, maxFutureSkewS: 300, queueLimit: 10_000,
};

/** The configuration as it may be saved, or an error naming each wrong field. */
export function checkedConfig(candidate: unknown): MqttConfig {
  const next = MqttConfig.safeParse(candidate);
  if (!next.success) throw new Error(`plant connection not saved: ${next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  // Credentials in the URL would be stored and shown in plain text.
  if (/^[a-z]+:\/\/[^/]*@/i.test(next.data.url)) throw new Error('plant connection not saved: url: put the username and password in their own fields, not in the URL');
  checkMapping(next.data);
  return next.data;
}

/** The CA, certificate and key files named in the configuration (read at each connection attempt). */
export async function readTlsFiles(tls: MqttConfig['tls']): Promise<{ ca?: Buffer; cert?: Buffer; key?: Buffer }> {
  const read = async (field: string, path: string | null) => {
    if (!path) return undefined;
    try {
      return await readFile(path);
    } catch (e) {
      throw new Error(`tls.${field}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
    }
  };
  return { ca: await read('caFile', tls.caFile), cert: await read('certFile', tls.certFile), key: await read('keyFile', tls.keyFile) };
}
