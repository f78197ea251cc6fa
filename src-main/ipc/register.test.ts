import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../shared/codec';
import { requestChannels } from '../shared/contract';
import type { Dispatch } from '../services/router';
import { createDispatch } from '../services/router';
import { handleInvoke, registerContractHandlers, trustedSender } from './register';

const mainFrame = { url: 'file:///app/out/renderer/index.html' };
const contents = { mainFrame } as never;
const trusted = trustedSender(() => contents, 'file:///app/out/renderer/');
const ownEvent = { sender: contents, senderFrame: mainFrame } as never;
const echo: Dispatch = async (_c, payload) => ({ ok: true, value: payload });

describe('Electron IPC path', () => {
  it('registers exactly the contract channels, through one helper', () => {
    const registered: string[] = [];
    registerContractHandlers({ handle: (ch: string) => void registered.push(ch) } as never, echo, trusted);
    expect(registered.sort()).toEqual([...requestChannels].sort());
  });

  it('keeps NaN, ±Infinity and typed arrays intact through the IPC encoding', async () => {
    const payload = { a: NaN, b: Infinity, c: new Float64Array([NaN, -Infinity, 2.5]), d: new Uint8Array([7]) };
    const reply = decodeMessage(await handleInvoke('app:info', ownEvent, encodeMessage(payload), echo, trusted)) as { value: typeof payload };
    expect(reply.value.a).toBeNaN();
    expect(reply.value.b).toBe(Infinity);
    expect(reply.value.c).toBeInstanceOf(Float64Array);
    expect(Array.from(reply.value.c)).toEqual([NaN, -Infinity, 2.5]);
    expect(Array.from(reply.value.d)).toEqual([7]);
  });

  it('refuses senders that are not the app window main frame', async () => {
    const subFrame = { url: 'file:///app/out/renderer/index.html' };
    const foreign = [
      { sender: contents, senderFrame: subFrame },
      { sender: {}, senderFrame: mainFrame },
      { sender: contents, senderFrame: null },
    ];
    for (const ev of foreign) {
      const r = decodeMessage(await handleInvoke('app:info', ev as never, encodeMessage({}), echo, trusted));
      expect(r).toMatchObject({ ok: false, error: { name: 'SecurityError' } });
    }
    const navigatedAway = trustedSender(() => ({ mainFrame: { url: 'https://evil.example/' } }) as never, 'file:///app/out/renderer/');
    const evil = { sender: undefined, senderFrame: undefined } as never;
    expect(navigatedAway(evil)).toBe(false);
  });

  it('answers malformed payloads with a clear error', async () => {
    const dispatch = createDispatch({} as never);
    const notEncoded = decodeMessage(await handleInvoke('app:info', ownEvent, { raw: true }, dispatch, trusted));
    expect(notEncoded).toMatchObject({ ok: false, error: { name: 'CodecError' } });
    const broken = decodeMessage(await handleInvoke('app:info', ownEvent, '{oops', dispatch, trusted));
    expect(broken).toMatchObject({ ok: false, error: { name: 'CodecError' } });
  });
});
