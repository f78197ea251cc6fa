/** Envelope of the web host's WebSocket messages (the payloads are the contract's). */
import type { WireResult } from './contract';

export const WS_PATH = '/ws';

export interface WsRequest {
  id: number;
  channel: string;
  payload: unknown;
}

export type WsReply = { id: number | null; result: WireResult } | { event: string; payload: unknown };
