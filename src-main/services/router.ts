/**
 * Turns the contract into one dispatch function shared by both transports: the channel must be
 * a contract channel, the payload must pass its schema, and every failure comes back as a
 * {name, message} the renderer can show, never as a crash of the host.
 */
import { isRequestChannel, requests, type RequestChannel, type RequestOf, type ResponseOf, type WireResult } from '../shared/contract';

export type Handlers = { [C in RequestChannel]: (req: RequestOf<C>) => Promise<ResponseOf<C>> };
export type Dispatch = (channel: unknown, payload: unknown) => Promise<WireResult>;

export class ContractError extends Error {
  override name = 'ContractError';
}

export function createDispatch(handlers: Handlers): Dispatch {
  return async (channel, payload) => {
    try {
      if (!isRequestChannel(channel)) throw new ContractError(`unknown channel ${JSON.stringify(channel)}`);
      const parsed = requests[channel].request.safeParse(payload ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
        throw new ContractError(`invalid payload for ${channel}: ${issues}`);
      }
      const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      return { ok: false, error: { name: err.name, message: err.message } };
    }
  };
}
