import { describe, expect, it } from 'vitest';
import type { PredictApiConfig, PredictApiStatus } from '@shared/contract';
import { curlExample, draftOf, patchOf } from './predict-api-form';

const config: PredictApiConfig = { enabled: true, host: '127.0.0.1', port: 8787, tlsCertFile: null, tlsKeyFile: null, ratePerSecond: 5000, burst: 1000, maxBodyBytes: 65536 };
const model: NonNullable<PredictApiStatus['model']> = {
  runId: 'run-1', createdAt: '2026-11-25T12:00:00.000Z', checksum: 'sha256:x', pipeline: 'milling-physics', body: 'inputs',
  inputs: [{ name: 'Torque [Nm]', type: 'number', example: 40 }, { name: 'Type', type: 'category', categories: ['L', "M'X"], example: "M'X" }],
};

describe('REST API form', () => {
  it('sends only what changed', () => {
    const d = { ...draftOf(config), port: '9000', host: ' 127.0.0.1 ' };
    expect(patchOf(d, config)).toEqual({ patch: { port: 9000 }, errors: {} });
    expect(patchOf(draftOf(config), config).patch).toEqual({});
  });

  it('names each bad field', () => {
    const { errors } = patchOf({ ...draftOf(config), port: '70000', burst: '1.5', ratePerSecond: '', host: '' }, config);
    expect(Object.keys(errors).sort()).toEqual(['burst', 'host', 'port', 'ratePerSecond']);
    expect(errors.port).toMatch(/^Port must be a whole number from 0 to 65,535/);
  });

  it('asks for TLS before a non-loopback address, and for both files', () => {
    expect(patchOf({ ...draftOf(config), host: '0.0.0.0' }, config).errors.host).toMatch(/TLS certificate and key/);
    expect(patchOf({ ...draftOf(config), tlsCertFile: '/etc/c.pem' }, config).errors).toEqual({ tlsKeyFile: 'Set both the certificate and the key file, or neither.' });
    const ok = patchOf({ ...draftOf(config), host: '0.0.0.0', tlsCertFile: '/etc/c.pem', tlsKeyFile: '/etc/k.pem' }, config);
    expect(ok).toEqual({ patch: { host: '0.0.0.0', tlsCertFile: '/etc/c.pem', tlsKeyFile: '/etc/k.pem' }, errors: {} });
  });

  it('builds a curl call that a shell reads back as the exact JSON body', () => {
    const text = curlExample('http://127.0.0.1:8787', model, null, null);
    expect(text).toContain('"Authorization: Bearer $TWINSCOPE_TOKEN"');
    // The body in single quotes, with the embedded quote escaped the POSIX way.
    const quoted = /-d '(.*)'$/.exec(text)![1].replace(/'\\''/g, "'");
    expect(JSON.parse(quoted)).toEqual({ inputs: { 'Torque [Nm]': 40, Type: "M'X" }, reasons: true });
    const withToken = curlExample('https://host:1', { ...model, body: 'readings' }, 'tok', '/c.pem', new Date('2026-01-01T00:00:00Z'));
    expect(withToken).toContain("--cacert '/c.pem'");
    expect(withToken).toContain("-H 'Authorization: Bearer tok'");
    expect(withToken).toContain('"readings":[{"time":"2026-01-01T00:00:00.000Z"');
  });
});
