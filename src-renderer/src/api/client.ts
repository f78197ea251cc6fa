/**
 * Typed access to the contract for the rest of the renderer: `invoke('dataset:openBundled', {id})`
 * returns the response type of that channel, or throws a ServiceError with the service's message.
 */
import { encodeMessage } from '@shared/codec';
import type { EventName, EventOf, RequestChannel, RequestOf, ResponseOf, WireResult } from '@shared/contract';
import { chooseTransport, type ConnectionState, type Transport } from './transport';

export type { ConnectionState };

export class ServiceError extends Error {
  constructor(name: string, message: string, readonly channel: string) {
    super(message);
    this.name = name;
  }
}

let transport: Transport | null = null;
const getTransport = (): Transport => (transport ??= chooseTransport());

export async function invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const reply = (await getTransport().invoke(channel, encodeMessage(request))) as WireResult;
  if (!reply.ok) throw new ServiceError(reply.error.name, reply.error.message, channel);
  return reply.value as ResponseOf<C>;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
  return getTransport().on(event, (payload) => listener(payload as EventOf<E>));
}

export function onConnectionChange(listener: (state: ConnectionState) => void): () => void {
  return getTransport().onConnectionChange(listener);
}

export function transportKind(): 'electron' | 'web' {
  return getTransport().kind;
}
