import { describe, expect, it } from 'vitest';
import { checkedConfig, DEFAULT_MQTT_CONFIG, readTlsFiles } from './mqtt-config';

describe('plant connection configuration', () => {
  it('accepts the four broker schemes and keeps the defaults valid', () => {
    for (const url of ['mqtt://broker:1883', 'mqtts://broker.plant.local:8883', 'ws://10.0.0.2:9001/mqtt', 'wss://broker/mqtt']) expect(checkedConfig({ ...DEFAULT_MQTT_CONFIG, url }).url).toBe(url);
    expect(checkedConfig(DEFAULT_MQTT_CONFIG)).toEqual(DEFAULT_MQTT_CONFIG);
  });

  it('names each wrong field', () => {
    expect(() => checkedConfig({ ...DEFAULT_MQTT_CONFIG, url: 'http://broker' })).toThrow(/^plant connection not saved: url: use mqtt:\/\//);
    expect(() => checkedConfig({ ...DEFAULT_MQTT_CONFIG, url: 'mqtt://plant:secret@broker' })).toThrow(/url: put the username and password in their own fields/);
    expect(() => checkedConfig({ ...DEFAULT_MQTT_CONFIG, queueLimit: 0, maxPayloadBytes: 2 })).toThrow(/maxPayloadBytes: .*; queueLimit: /);
    expect(() => checkedConfig({ ...DEFAULT_MQTT_CONFIG, mapping: { ...DEFAULT_MQTT_CONFIG.mapping, format: 'per-sensor', topic: 'plant/#' } })).toThrow(/^mapping\.topic: .*\{asset\} and \{sensor\}/);
    expect(() => checkedConfig({ ...DEFAULT_MQTT_CONFIG, mapping: { ...DEFAULT_MQTT_CONFIG.mapping, defaultKind: 'boiler' } })).toThrow(/mapping\.defaultKind/);
  });

  it('reads no TLS file when none is named, and names the field of one it cannot read', async () => {
    expect(await readTlsFiles(DEFAULT_MQTT_CONFIG.tls)).toEqual({ ca: undefined, cert: undefined, key: undefined });
    await expect(readTlsFiles({ ...DEFAULT_MQTT_CONFIG.tls, caFile: '/nonexistent/ca.pem' })).rejects.toThrow(/^tls\.caFile: cannot read \/nonexistent\/ca\.pem \(ENOENT\)/);
  });
});
