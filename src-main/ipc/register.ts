/**
 * The one place Electron IPC handlers are registered: one handler per contract channel, each
 * checking that the sender is the app's own main frame before decoding and dispatching.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { decodeMessage, encodeMessage } from '../shared/codec';
import { requestChannels, type EventName, type WireResult } from '../shared/contract';
import type { Dispatch } from '../services/router';

export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>) => boolean;

/** Handles one invoke: used by every registered channel, and by tests without Electron. */
export async function handleInvoke(
  channel: string,
  event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>,
  encoded: unknown,
  dispatch: Dispatch,
  isTrusted: SenderCheck,
): Promise<string> {
  let result: WireResult;
  if (!isTrusted(event)) {
    result = { ok: false, error: { name: 'SecurityError', message: `refused ${channel}: the sender is not the app's own window` } };
  } else if (typeof encoded !== 'string') {
    result = { ok: false, error: { name: 'CodecError', message: `payload for ${channel} is not an encoded message` } };
  } else {
    try {
      result = await dispatch(channel, decodeMessage(encoded));
    } catch (e) {
      const err = e as Error;
      result = { ok: false, error: { name: err.name, message: err.message } };
    }
  }
  return encodeMessage(result);
}

export function registerContractHandlers(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, isTrusted: SenderCheck): void {
  for (const channel of requestChannels) {
    ipcMain.handle(channel, (event, encoded: unknown) => handleInvoke(channel, event, encoded, dispatch, isTrusted));
  }
}

/** Trusted = the main frame of our window, showing our own page. */
export function trustedSender(getContents: () => WebContents | null, appUrlPrefix: string): SenderCheck {
  return (event) => {
    const contents = getContents();
    const frame = event.senderFrame;
    return !!contents && event.sender === contents && !!frame && frame === contents.mainFrame && frame.url.startsWith(appUrlPrefix);
  };
}

export function pushEvent(contents: WebContents, name: EventName, payload: unknown): void {
  if (!contents.isDestroyed()) contents.send(name, encodeMessage(payload));
}
