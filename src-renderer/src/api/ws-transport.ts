/**
 * WebSocket transport to the local web host. Requests are matched to replies by id; while the
 * socket is down, calls wait for the reconnect (with capped backoff) instead of failing.
 */
import { decodeMessage } from '@shared/codec';
import { WS_PATH, type WsReply } from '@shared/ws-protocol';
import type { ConnectionState, Transport } from './transport';

const REQUEST_TIMEOUT_MS = 120_000;

export function createWsTransport(host: string, token: string): Transport {
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> }>();
  const queue: string[] = [];
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(s: ConnectionState) => void>();

  const setState = (s: ConnectionState) => {
    state = s;
    stateListeners.forEach((l) => l(s));
  };

  const connect = () => {
    setState('connecting');
    const ws = new WebSocket(`ws://${host}${WS_PATH}?token=${encodeURIComponent(token)}`);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      setState('open');
      queue.splice(0).forEach((m) => ws.send(m));
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      // Decoded once, here. Only a message with tagged values (NaN, typed arrays…: the key "$t")
      // needs the codec's walk over every value; the rest is plain JSON (a fleet frame usually is).
      const msg = (e.data.includes('"$t"') ? decodeMessage(e.data) : JSON.parse(e.data)) as WsReply;
      if ('event' in msg) {
        eventListeners.get(msg.event)?.forEach((l) => l(msg.payload));
        return;
      }
      if (msg.id === null) return;
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      p.resolve(msg.result);
    };
    ws.onclose = () => {
      socket = null;
      setState('closed');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
  };
  connect();

  return {
    kind: 'web',
    invoke(channel, encoded) {
      const id = nextId++;
      // The payload is already encoded; splice it in rather than decoding and re-encoding.
      const frame = `{"id":${id},"channel":${JSON.stringify(channel)},"payload":${encoded}}`;
      return new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${channel}: no answer from the Twinscope host within ${REQUEST_TIMEOUT_MS / 1000} s`));
        }, REQUEST_TIMEOUT_MS);
        pending.set(id, { resolve, reject, timer });
        if (socket && state === 'open') socket.send(frame);
        else queue.push(frame);
      });
    },
    on(event, listener) {
      const set = eventListeners.get(event) ?? new Set();
      set.add(listener);
      eventListeners.set(event, set);
      return () => set.delete(listener);
    },
    onConnectionChange(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
}
