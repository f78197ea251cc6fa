import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { decodeMessage, encodeMessage } from '../shared/codec';
import { EventHub } from '../services/events';
import type { Dispatch } from '../services/router';
import { createDispatch } from '../services/router';
import { startWebHost, type WebHost } from './server';

let dir: string;
let host: WebHost;
const events = new EventHub();
// The transport is under test here, so the dispatch echoes what it receives, except for the
// contract's own validation paths which go through the real router.
const real = createDispatch({
  'app:info': async () => ({ name: 'Twinscope', version: 't', transport: 'web', platform: 'linux', dataDir: '/x', databaseSchemaVersion: 1 }),
} as never);
const dispatch: Dispatch = async (channel, payload) => (channel === 'test:echo' ? { ok: true, value: payload } : real(channel, payload));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twinscope-host-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'twinscope-secret.txt'), 'secret');
  host = await startWebHost({ port: 0, rendererDir: dir, dispatch, events });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${host.port}`;

function connect(opts: { token?: string | null; origin?: string } = {}): Promise<WebSocket> {
  const token = opts.token === undefined ? host.token : opts.token;
  const url = `ws://127.0.0.1:${host.port}/ws${token === null ? '' : `?token=${token}`}`;
  const ws = new WebSocket(url, { origin: opts.origin ?? base() });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function request(ws: WebSocket, msg: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(decodeMessage(data.toString()) as Record<string, unknown>));
    ws.send(msg);
  });
}

describe('web host HTTP', () => {
  it('serves the page only with the launch token, with a CSP', async () => {
    expect((await fetch(`${base()}/`)).status).toBe(403);
    expect((await fetch(`${base()}/?token=wrong`)).status).toBe(403);
    const ok = await fetch(host.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(ok.headers.get('content-security-policy')).not.toContain('unsafe');
  });

  it('serves assets and refuses path traversal', async () => {
    expect((await fetch(`${base()}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${base()}/..%2Ftwinscope-secret.txt`)).status).toBe(404);
    expect((await fetch(`${base()}/assets/..%2F..%2Ftwinscope-secret.txt`)).status).toBe(404);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: host.port, path: `/?token=${host.token}`, headers: { Host: 'evil.example:80' } }, (res) => resolve(res.statusCode ?? 0));
    });
    expect(status).toBe(403);
  });
});

describe('web host WebSocket', () => {
  it('refuses a missing token, a wrong token and a foreign Origin', async () => {
    await expect(connect({ token: null })).rejects.toThrow('HTTP 403');
    await expect(connect({ token: 'nope' })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('answers contract requests and keeps NaN, ±Infinity and typed arrays intact', async () => {
    const ws = await connect();
    const info = await request(ws, encodeMessage({ id: 1, channel: 'app:info', payload: {} }));
    expect(info).toMatchObject({ id: 1, result: { ok: true, value: { name: 'Twinscope' } } });
    const payload = { a: NaN, b: -Infinity, c: new Float64Array([1, NaN, Infinity]), d: new Int32Array([-1, 2]) };
    const echo = await request(ws, encodeMessage({ id: 2, channel: 'test:echo', payload }));
    const value = (echo.result as { value: typeof payload }).value;
    expect(value.a).toBeNaN();
    expect(value.b).toBe(-Infinity);
    expect(value.c).toBeInstanceOf(Float64Array);
    expect(Array.from(value.c)).toEqual([1, NaN, Infinity]);
    expect(Array.from(value.d)).toEqual([-1, 2]);
    ws.close();
  });

  it('answers unknown channels and malformed messages with clear errors and keeps serving', async () => {
    const ws = await connect();
    const unknown = await request(ws, encodeMessage({ id: 3, channel: 'fleet:selfDestruct', payload: {} }));
    expect(unknown).toEqual({ id: 3, result: { ok: false, error: { name: 'ContractError', message: 'unknown channel "fleet:selfDestruct"' } } });
    const garbage = await request(ws, '{not json');
    expect(garbage).toMatchObject({ id: null, result: { ok: false, error: { name: 'CodecError' } } });
    const noId = await request(ws, encodeMessage({ channel: 'app:info' }));
    expect(noId).toMatchObject({ id: null, result: { ok: false, error: { message: 'a request needs a numeric id' } } });
    const badPayload = await request(ws, encodeMessage({ id: 4, channel: 'app:info', payload: { extra: 1 } }));
    expect(badPayload).toMatchObject({ id: 4, result: { ok: false, error: { name: 'ContractError' } } });
    const after = await request(ws, encodeMessage({ id: 5, channel: 'app:info', payload: {} }));
    expect(after).toMatchObject({ id: 5, result: { ok: true } });
    ws.close();
  });

  it('pushes contract events to connected clients', async () => {
    const ws = await connect();
    const got = new Promise((resolve) => ws.once('message', (d) => resolve(decodeMessage(d.toString()))));
    events.emit('dataset:progress', { datasetId: 'x', phase: 'done', fraction: 1 });
    expect(await got).toEqual({ event: 'dataset:progress', payload: { datasetId: 'x', phase: 'done', fraction: 1 } });
    ws.close();
  });
});
