/**
 * The real web host process (with its storage and data workers) against hostile and malformed
 * clients, and its storage across a restart on the same data folder.
 */
import { rmSync } from 'node:fs';
import { WebSocket } from 'ws';
import { expect, startHost, test } from './fixtures';

type Host = Awaited<ReturnType<typeof startHost>>;

function connect(host: Host, opts: { token?: string | null; origin?: string } = {}): Promise<WebSocket> {
  const token = opts.token === undefined ? host.token : opts.token;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws${token === null ? '' : `?token=${token}`}`, { origin: opts.origin ?? host.origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function send(ws: WebSocket, frame: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (d: Buffer) => {
      const msg = JSON.parse(d.toString());
      if ('event' in msg) return; // progress events are not replies
      ws.off('message', onMessage);
      resolve(msg);
    };
    ws.on('message', onMessage);
    ws.send(frame);
  });
}

test.describe('web host security', () => {
  let host: Host;
  test.beforeAll(async () => (host = await startHost()));
  test.afterAll(async () => {
    await host.stop();
    rmSync(host.dataDir, { recursive: true, force: true });
  });

  test('the page needs the launch token', async ({ request }) => {
    expect((await request.get(`${host.origin}/`)).status()).toBe(403);
    expect((await request.get(`${host.origin}/?token=wrong`)).status()).toBe(403);
    const ok = await request.get(host.url);
    expect(ok.status()).toBe(200);
    expect(ok.headers()['content-security-policy']).toContain("default-src 'self'");
  });

  test('the socket refuses a missing token, a wrong token and a foreign Origin', async () => {
    await expect(connect(host, { token: null })).rejects.toThrow('HTTP 403');
    await expect(connect(host, { token: host.token.slice(1) + 'x' })).rejects.toThrow('HTTP 403');
    await expect(connect(host, { origin: 'https://attacker.example' })).rejects.toThrow('HTTP 403');
    // The host logs after it has answered, so the line may arrive a moment after the 403.
    await expect.poll(() => host.output(), { timeout: 5000 }).toContain('refused WebSocket: foreign Origin');
  });

  test('unknown channels and malformed payloads get clear errors and the host keeps serving', async () => {
    const ws = await connect(host);
    expect(await send(ws, JSON.stringify({ id: 1, channel: 'fleet:launchMissiles', payload: {} }))).toEqual({
      id: 1, result: { ok: false, error: { name: 'ContractError', message: 'unknown channel "fleet:launchMissiles"' } },
    });
    const bad = await send(ws, JSON.stringify({ id: 2, channel: 'dataset:histogram', payload: { datasetId: 'milling-ai4i', bins: 'many' } }));
    expect(bad).toMatchObject({ id: 2, result: { ok: false, error: { name: 'ContractError' } } });
    expect(JSON.stringify(bad)).toContain('column');
    expect(await send(ws, 'not json at all')).toMatchObject({ id: null, result: { ok: false, error: { name: 'CodecError' } } });
    const open = await send(ws, JSON.stringify({ id: 3, channel: 'dataset:openBundled', payload: { id: 'milling-ai4i' } }));
    expect(open).toMatchObject({ id: 3, result: { ok: true, value: { rows: 10000 } } });
    ws.close();
  });
});

test('settings written through the host survive a restart on the same data folder', async () => {
  const first = await startHost();
  const ws = await connect(first);
  const saved = await send(ws, JSON.stringify({ id: 1, channel: 'settings:update', payload: { operatorName: 'Night shift', temperatureUnit: 'C' } }));
  expect(saved).toMatchObject({ result: { ok: true, value: { operatorName: 'Night shift' } } });
  ws.close();
  await first.stop();

  const second = await startHost(first.dataDir);
  try {
    const ws2 = await connect(second);
    const read = await send(ws2, JSON.stringify({ id: 1, channel: 'settings:get', payload: {} }));
    expect(read).toMatchObject({ result: { ok: true, value: { operatorName: 'Night shift', temperatureUnit: 'C', theme: 'system' } } });
    const info = await send(ws2, JSON.stringify({ id: 2, channel: 'app:info', payload: {} }));
    expect(info).toMatchObject({ result: { ok: true, value: { transport: 'web', dataDir: first.dataDir } } });
    ws2.close();
  } finally {
    await second.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  }
});

test('a second host on the same data folder is refused with a clear message; the first keeps serving', async () => {
  const first = await startHost(undefined, { defaultModels: false });
  try {
    const second = await startHost(first.dataDir, { defaultModels: false }).then(
      async (h) => {
        await h.stop();
        return null;
      },
      (e: Error) => e.message,
    );
    expect(second).toMatch(/exited with 3/);
    expect(second).toContain(`The data folder ${first.dataDir} is in use by another Twinscope`);
    const ws = await connect(first);
    expect(await send(ws, JSON.stringify({ id: 1, channel: 'app:info', payload: {} }))).toMatchObject({ result: { ok: true } });
    ws.close();
  } finally {
    await first.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  }
});
