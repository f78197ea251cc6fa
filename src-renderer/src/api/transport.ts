/**
 * The renderer's only contact with the outside: a transport that carries encoded contract
 * messages. Inside Electron the preload's bridge is used; in a browser, the web host's WebSocket.
 */
import { createIpcTransport, type PreloadBridge } from './ipc-transport';
import { createWsTransport } from './ws-transport';

export interface Transport {
  kind: 'electron' | 'web';
  /**
   * Sends an encoded payload on a contract channel; resolves with the DECODED WireResult. Each
   * message is decoded once, where it arrives: a fleet frame of 10,000 assets is megabytes, and
   * decoding, re-encoding and decoding it again was most of the renderer's work per frame.
   */
  invoke(channel: string, encoded: string): Promise<unknown>;
  /** Subscribes to a contract event; the listener gets the decoded payload (shared: do not mutate). */
  on(event: string, listener: (payload: unknown) => void): () => void;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

declare global {
  interface Window {
    twinscope?: PreloadBridge;
  }
}

export function chooseTransport(): Transport {
  if (window.twinscope) return createIpcTransport(window.twinscope);
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return createWsTransport(window.location.host, token);
}
