/**
 * Preload: exposes exactly two functions to the sandboxed renderer, for contract channels only.
 * Payloads cross as encoded strings (shared/codec), the same encoding as the web host's.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventName, isRequestChannel } from '../shared/contract';

const bridge = {
  invoke(channel: string, encoded: string): Promise<string> {
    if (!isRequestChannel(channel)) return Promise.reject(new Error(`unknown channel ${JSON.stringify(channel)}`));
    if (typeof encoded !== 'string') return Promise.reject(new Error('payload must be an encoded message'));
    return ipcRenderer.invoke(channel, encoded);
  },
  on(event: string, listener: (encoded: string) => void): () => void {
    if (!isEventName(event)) throw new Error(`unknown event ${JSON.stringify(event)}`);
    const wrapped = (_e: IpcRendererEvent, encoded: string) => listener(encoded);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
};

contextBridge.exposeInMainWorld('twinscope', bridge);
