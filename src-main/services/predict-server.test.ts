/**
 * The /predict server over real sockets with a real (small) milling forest: health, bearer auth,
 * validation, body cap, rate limit, the TLS rule for non-loopback addresses, HTTPS, OpenAPI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PredictModel } from '../ml/predict-model';
import type { PredictApiCounts } from '../shared/contract';
import { millingModel } from '../twin/test-models';
import { isLoopback, startPredictServer, type PredictServerOptions, type RunningPredictServer } from './predict-server';

const TOKEN = 'test-token-0123456789abcdef';
const INPUTS = { 'Air temperature [K]': 298.1, 'Process temperature [K]': 308.6, 'Rotational speed [rpm]': 1551, 'Torque [Nm]': 42.8, 'Tool wear [min]': 0, Type: 'M' };
const counts = (): PredictApiCounts => ({ requests: 0, ok: 0, badRequest: 0, unauthorized: 0, tooLarge: 0, rateLimited: 0, otherErrors: 0 });

let model: PredictModel;
const running: RunningPredictServer[] = [];
beforeAll(() => {
  model = new PredictModel('run-a', millingModel(readFileSync(join(__dirname, '../../datasets/milling-ai4i.csv'))), `sha256:${'a'.repeat(64)}`);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(over: Partial<PredictServerOptions> = {}) {
  const opts: PredictServerOptions = {
    host: '127.0.0.1', port: 0, tls: null, maxBodyBytes: 4096, ratePerSecond: 10_000, burst: 10_000,
    token: () => TOKEN, model: async () => model, appVersion: '0.0.0-test', counts: counts(), ...over,
  };
  const s = await startPredictServer(opts);
  running.push(s);
  return { ...s, counts: opts.counts };
}

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: Record<string, unknown> }

/** One request; `body` a string is sent as is (chunked when `chunked`), an object as JSON. */
function call(url: string, path: string, o: { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string>; chunked?: boolean; ca?: string } = {}): Promise<Reply> {
  const text = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  const headers: Record<string, string> = { ...(text !== undefined ? { 'Content-Type': 'application/json' } : {}), ...o.headers };
  if (o.token !== null) headers.Authorization = `Bearer ${o.token ?? TOKEN}`;
  if (text !== undefined && !o.chunked) headers['Content-Length'] = String(Buffer.byteLength(text));
  const request = url.startsWith('https') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: o.method ?? (text !== undefined ? 'POST' : 'GET'), headers, agent: false, ...(o.ca ? { ca: o.ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
    });
    // The server may close early (413) while the body is still going: the reply has arrived by then.
    req.on('error', reject);
    if (text !== undefined && o.chunked) {
      for (let i = 0; i < text.length; i += 512) req.write(text.slice(i, i + 512));
    } else if (text !== undefined) req.write(text);
    req.end();
  });
}

describe('predict server', () => {
  it('answers /health without a token', async () => {
    const s = await start();
    expect(await call(s.url, '/health', { token: null })).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('requires the bearer token: missing, wrong and right', async () => {
    let token = TOKEN;
    const s = await start({ token: () => token });
    const missing = await call(s.url, '/predict', { token: null, body: { inputs: INPUTS } });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(missing.body.error).toMatch(/missing "Authorization: Bearer/);
    expect((await call(s.url, '/predict', { token: `${TOKEN}x`, body: { inputs: INPUTS } })).status).toBe(401);
    expect((await call(s.url, '/predict', { token: 'short', body: { inputs: INPUTS } })).status).toBe(401);
    expect((await call(s.url, '/predict', { token: TOKEN.slice(0, -1), body: { inputs: INPUTS } })).status).toBe(401);
    // Same length in characters, more in bytes: the copy truncates, the byte length refuses it.
    expect((await call(s.url, '/predict', { token: `${TOKEN.slice(0, -1)}é`, body: { inputs: INPUTS } })).status).toBe(401);
    expect((await call(s.url, '/predict', { token: `${TOKEN.slice(0, -1)}F`, body: { inputs: INPUTS } })).status).toBe(401);
    expect((await call(s.url, '/predict', { headers: { Authorization: `Basic ${TOKEN}` }, token: null, body: { inputs: INPUTS } })).status).toBe(401);
    const ok = await call(s.url, '/predict', { body: { inputs: INPUTS } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: expect.stringMatching(/NORMAL|WARNING|CRITICAL/), threshold: 0.5, model: { runId: 'run-a', checksum: `sha256:${'a'.repeat(64)}` } });
    expect(ok.body.probability).toBe(model.predict({ rows: [INPUTS], reasons: false }).probability);
    expect(ok.body.reasons).toBeUndefined();
    // A regenerated token applies from the next request; the old one stops working.
    token = 'regenerated-token-abcdef0123456789';
    expect((await call(s.url, '/predict', { body: { inputs: INPUTS } })).status).toBe(401);
    expect((await call(s.url, '/predict', { token, body: { inputs: INPUTS } })).status).toBe(200);
    expect(s.counts).toMatchObject({ requests: 10, ok: 2, unauthorized: 8 });
  });

  it('refuses a server without a token', async () => {
    const s = await start({ token: () => null });
    expect((await call(s.url, '/predict', { body: { inputs: INPUTS } })).status).toBe(401);
  });

  it('returns 400 naming the field for bad bodies, 415 for other content types, reasons on request', async () => {
    const s = await start();
    const { Type: _, ...noType } = INPUTS;
    expect(await call(s.url, '/predict', { body: { inputs: noType } })).toMatchObject({ status: 400, body: { field: 'inputs.Type', error: 'missing field "Type" in inputs' } });
    expect(await call(s.url, '/predict', { body: { inputs: { ...INPUTS, extra: 1 } } })).toMatchObject({ status: 400, body: { field: 'inputs.extra' } });
    expect(await call(s.url, '/predict', { body: { inputs: { ...INPUTS, 'Torque [Nm]': 'high' } } })).toMatchObject({ status: 400, body: { field: 'inputs.Torque [Nm]' } });
    expect(await call(s.url, '/predict', { body: '{"inputs": ' })).toMatchObject({ status: 400, body: { field: '(body)', error: expect.stringMatching(/not valid JSON/) } });
    expect((await call(s.url, '/predict', { body: 'inputs=1', headers: { 'Content-Type': 'text/plain' } })).status).toBe(415);
    const r = await call(s.url, '/predict', { body: { inputs: INPUTS, reasons: true } });
    expect(r.status).toBe(200);
    const reasons = r.body.reasons as { scale: string; top: { feature: string }[] };
    expect(reasons.scale).toBe('probability');
    expect(reasons.top).toHaveLength(6);
    expect((await call(s.url, '/nope')).status).toBe(404);
    expect((await call(s.url, '/predict', { method: 'GET' })).headers.allow).toBe('POST');
  });

  it('caps the body: by Content-Length before reading, and while reading a chunked body', async () => {
    const s = await start({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ inputs: INPUTS, pad: 'x'.repeat(2000) });
    expect(await call(s.url, '/predict', { body: big })).toMatchObject({ status: 413, body: { error: expect.stringMatching(/1024-byte cap/) } });
    expect((await call(s.url, '/predict', { body: big, chunked: true })).status).toBe(413);
    // Just under the cap is read (and then refused for its extra field, not its size).
    const under = JSON.stringify({ inputs: INPUTS, pad: 'x'.repeat(1024 - JSON.stringify({ inputs: INPUTS, pad: '' }).length) });
    expect(Buffer.byteLength(under)).toBe(1024);
    expect(await call(s.url, '/predict', { body: under })).toMatchObject({ status: 400, body: { field: 'pad' } });
    expect(s.counts.tooLarge).toBe(2);
  });

  it('limits the rate with a token bucket (also for callers without a token), and refills with time', async () => {
    let now = 0;
    const s = await start({ ratePerSecond: 2, burst: 3, now: () => now });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(s.url, '/predict', { token: i === 0 ? null : TOKEN, body: { inputs: INPUTS } })).status);
    expect(statuses).toEqual([401, 200, 200, 429, 429]);
    const limited = await call(s.url, '/predict', { body: { inputs: INPUTS } });
    expect(limited.headers['retry-after']).toBe('1');
    now += 500; // one token back
    expect((await call(s.url, '/predict', { body: { inputs: INPUTS } })).status).toBe(200);
    expect((await call(s.url, '/predict', { body: { inputs: INPUTS } })).status).toBe(429);
    expect((await call(s.url, '/health', { token: null })).status).toBe(200); // health is never limited
  });

  it('answers 503 while no model is active, and says why a model cannot be used', async () => {
    const none = await start({ model: async () => null });
    expect(await call(none.url, '/predict', { body: { inputs: INPUTS } })).toMatchObject({ status: 503, body: { error: expect.stringMatching(/no model is active/) } });
    const broken = await start({ model: async () => { throw new Error('the checksum does not match'); } });
    expect(await call(broken.url, '/predict', { body: { inputs: INPUTS } })).toMatchObject({ status: 503, body: { error: expect.stringMatching(/checksum does not match/) } });
  });

  it("serves an OpenAPI 3 description of the active model's inputs (with the token)", async () => {
    const s = await start();
    expect((await call(s.url, '/openapi.json', { token: null })).status).toBe(401);
    const r = await call(s.url, '/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.0.3');
    const schemas = (r.body.components as { schemas: Record<string, { properties: Record<string, { properties: Record<string, unknown>; required: string[] }> }> }).schemas;
    const inputs = schemas.PredictRequest.properties.inputs;
    expect(inputs.properties.Type).toEqual({ type: 'string', enum: ['L', 'M', 'H'], example: 'L' });
    expect(inputs.properties['Torque [Nm]']).toEqual({ type: 'number', example: expect.any(Number) });
    expect(inputs.required).toHaveLength(6);
    expect(Object.keys(r.body.paths as object)).toEqual(['/predict', '/openapi.json', '/health']);
  });

  it('listens on a non-loopback address only with TLS', async () => {
    expect(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('localhost') && isLoopback('127.3.2.1')).toBe(true);
    expect(isLoopback('0.0.0.0') || isLoopback('192.168.1.5') || isLoopback('::') || isLoopback('127.example.com')).toBe(false);
    await expect(start({ host: '0.0.0.0' })).rejects.toThrow(/"0.0.0.0" is not a loopback address.*TLS certificate and key/);
  });

  it('says clearly when the port is taken', async () => {
    const s = await start();
    const port = Number(new URL(s.url).port);
    await expect(start({ port })).rejects.toThrow(`port ${port} is already in use on 127.0.0.1`);
  });
});

describe.skipIf(!existsSync('/usr/bin/openssl'))('predict server over HTTPS', () => {
  let dir: string, cert: string, key: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'twinscope-tls-'));
    execFileSync('/usr/bin/openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    key = readFileSync(join(dir, 'key.pem'), 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves /predict over TLS with the configured certificate', async () => {
    const s = await start({ tls: { cert, key } });
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const r = await call(s.url, '/predict', { body: { inputs: INPUTS }, ca: cert });
    expect(r.status).toBe(200);
    expect(r.body.probability).toBe(model.predict({ rows: [INPUTS], reasons: false }).probability);
  });
});
