import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeMessage } from '@shared/codec';
import { createIpcTransport } from './ipc-transport';
import { createWsTransport } from './ws-transport';

/** A stand-in for the browser's WebSocket: records what is sent, lets the test push messages. */
class FakeSocket {
  static last: FakeSocket | null = null;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(m: string) {
    this.sent.push(m);
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('transports hand the client decoded messages, decoded once', () => {
  it('web socket: replies and events, with and without tagged values', async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const t = createWsTransport('127.0.0.1:1', 'tok');
    const ws = FakeSocket.last!;
    ws.onopen!();
    const reply = t.invoke('twin:get', encodeMessage({ assetId: 'A' }));
    const sent = JSON.parse(ws.sent[0]);
    expect(sent).toMatchObject({ channel: 'twin:get', payload: { assetId: 'A' } });
    ws.onmessage!({ data: JSON.stringify({ id: sent.id, result: { ok: true, value: { y: 1 } } }) });
    expect(await reply).toEqual({ ok: true, value: { y: 1 } });

    const got: unknown[] = [];
    t.on('fleet:frame', (p) => got.push(p));
    ws.onmessage!({ data: JSON.stringify({ event: 'fleet:frame', payload: { assets: [{ p: 0.5 }] } }) });
    // A tagged value (NaN) goes through the codec.
    ws.onmessage!({ data: `{"event":"fleet:frame","payload":${encodeMessage({ p: NaN, a: new Float64Array([1, 2]) })}}` });
    expect(got[0]).toEqual({ assets: [{ p: 0.5 }] });
    expect(Number.isNaN((got[1] as { p: number }).p)).toBe(true);
    expect((got[1] as { a: Float64Array }).a).toEqual(new Float64Array([1, 2]));
  });

  it('ipc: the bridge carries encoded text; the transport decodes it', async () => {
    let listener: ((encoded: string) => void) | null = null;
    const t = createIpcTransport({
      invoke: async () => encodeMessage({ ok: true, value: { v: NaN } }),
      on: (_event, l) => ((listener = l), () => undefined),
    });
    const r = (await t.invoke('x', '{}')) as { value: { v: number } };
    expect(Number.isNaN(r.value.v)).toBe(true);
    const got: unknown[] = [];
    t.on('fleet:models', (p) => got.push(p));
    listener!(encodeMessage({ state: 'ready', progress: 1 }));
    expect(got).toEqual([{ state: 'ready', progress: 1 }]);
  });
});
