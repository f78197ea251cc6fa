import { decodeMessage } from '@shared/codec';
import type { ConnectionState, Transport } from './transport';

/** What the preload exposes as window.twinscope. */
export interface PreloadBridge {
  invoke(channel: string, encoded: string): Promise<string>;
  on(event: string, listener: (encoded: string) => void): () => void;
}

export function createIpcTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'electron',
    invoke: async (channel, encoded) => decodeMessage(await bridge.invoke(channel, encoded)),
    on: (event, listener) => bridge.on(event, (encoded) => listener(decodeMessage(encoded))),
    onConnectionChange(listener: (s: ConnectionState) => void) {
      listener('open');
      return () => {};
    },
  };
}
