/**
 * Settings › REST API's form logic, apart from React: the editable text of each field, its checks
 * (the same limits as the contract, with the message naming the field), the patch a save sends,
 * and the curl example a plant engineer can paste.
 */
import type { PredictApiConfig, PredictApiStatus } from '@shared/contract';

export type DraftKey = 'host' | 'port' | 'tlsCertFile' | 'tlsKeyFile' | 'ratePerSecond' | 'burst' | 'maxBodyBytes';
export type Draft = Record<DraftKey, string>;

interface NumberField { key: 'port' | 'ratePerSecond' | 'burst' | 'maxBodyBytes'; label: string; min: number; max: number }

export const NUMBER_FIELDS: NumberField[] = [
  { key: 'port', label: 'Port', min: 0, max: 65_535 },
  { key: 'ratePerSecond', label: 'Rate limit (requests/s)', min: 1, max: 1_000_000 },
  { key: 'burst', label: 'Burst (requests)', min: 1, max: 1_000_000 },
  { key: 'maxBodyBytes', label: 'Body limit (bytes)', min: 256, max: 16 * 1024 * 1024 },
];

const LOOPBACK = /^(localhost|::1|\[::1\]|127(\.\d{1,3}){3})$/i;

export function draftOf(c: PredictApiConfig): Draft {
  return {
    host: c.host, port: String(c.port), tlsCertFile: c.tlsCertFile ?? '', tlsKeyFile: c.tlsKeyFile ?? '',
    ratePerSecond: String(c.ratePerSecond), burst: String(c.burst), maxBodyBytes: String(c.maxBodyBytes),
  };
}

/** The changes a draft makes, or per field what is wrong with it. */
export function patchOf(draft: Draft, current: PredictApiConfig): { patch: Partial<PredictApiConfig>; errors: Partial<Record<DraftKey, string>> } {
  const errors: Partial<Record<DraftKey, string>> = {};
  const patch: Partial<PredictApiConfig> = {};
  const host = draft.host.trim();
  if (!host) errors.host = 'Address must not be empty (127.0.0.1 serves this computer only).';
  else if (host !== current.host) patch.host = host;
  for (const f of NUMBER_FIELDS) {
    const text = draft[f.key].trim(), v = Number(text);
    if (!text || !Number.isInteger(v) || v < f.min || v > f.max) {
      errors[f.key] = `${f.label} must be a whole number from ${f.min.toLocaleString()} to ${f.max.toLocaleString()}.`;
    } else if (v !== current[f.key]) patch[f.key] = v;
  }
  const cert = draft.tlsCertFile.trim() || null, key = draft.tlsKeyFile.trim() || null;
  if ((cert === null) !== (key === null)) {
    errors[cert === null ? 'tlsCertFile' : 'tlsKeyFile'] = 'Set both the certificate and the key file, or neither.';
  }
  if (cert !== current.tlsCertFile) patch.tlsCertFile = cert;
  if (key !== current.tlsKeyFile) patch.tlsKeyFile = key;
  if (host && !LOOPBACK.test(host) && cert === null && !errors.tlsCertFile) {
    errors.host = `${host} is reachable from other computers: set a TLS certificate and key first, or use 127.0.0.1.`;
  }
  return { patch, errors };
}

/** Quotes for a POSIX shell: single quotes, with embedded ones closed, escaped and reopened. */
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A ready-to-paste call for the active model, with its inputs at example values. Without the
 * revealed token it refers to $TWINSCOPE_TOKEN, so the token is not left in a shell history by accident.
 */
export function curlExample(url: string, model: NonNullable<PredictApiStatus['model']>, token: string | null, caFile: string | null, now: Date = new Date()): string {
  const reading = Object.fromEntries(model.inputs.map((i) => [i.name, i.example]));
  const body = model.body === 'inputs' ? { inputs: reading, reasons: true } : { readings: [{ time: now.toISOString(), ...reading }], reasons: true };
  const auth = token ? shellQuote(`Authorization: Bearer ${token}`) : '"Authorization: Bearer $TWINSCOPE_TOKEN"';
  return [
    `curl -sS -X POST ${shellQuote(`${url}/predict`)}`,
    ...(caFile ? [`  --cacert ${shellQuote(caFile)}`] : []),
    `  -H ${auth}`,
    `  -H 'Content-Type: application/json'`,
    `  -d ${shellQuote(JSON.stringify(body))}`,
  ].join(' \\\n');
}

export const STATE_TEXT: Record<PredictApiStatus['state'], string> = {
  off: 'Off', starting: 'Starting…', listening: 'Listening', error: 'Not listening',
};
