import type { StateCreator } from 'zustand';
import type { AppInfo, Settings, StorageStatus } from '@shared/contract';
import { invoke, subscribe } from '../api/client';
import type { ConnectionState } from '../api/client';
import type { StoreState } from './index';

export type View = 'fleet' | 'twin' | 'data' | 'model' | 'settings';

export interface AppSlice {
  view: View;
  setView(view: View): void;
  info: AppInfo | null;
  connection: ConnectionState;
  appError: string | null;
  loadInfo(): Promise<void>;
  setConnection(state: ConnectionState): void;
  settings: Settings | null;
  settingsError: string | null;
  loadSettings(): Promise<void>;
  updateSettings(patch: Partial<Settings>): Promise<boolean>;
  /** Whether the services can save (a full disk or an unwritable folder shows here; the twin runs on). */
  storage: StorageStatus;
  /** Follows the store's status events; returns the unsubscribe. */
  watchStorage(): () => void;
}

export const createAppSlice: StateCreator<StoreState, [], [], AppSlice> = (set) => ({
  view: 'fleet',
  setView: (view) => set({ view }),
  info: null,
  connection: 'connecting',
  appError: null,
  async loadInfo() {
    try {
      set({ info: await invoke('app:info', {}), appError: null });
    } catch (e) {
      set({ appError: (e as Error).message });
    }
  },
  setConnection: (connection) => set({ connection }),
  storage: { ok: true, message: '' },
  watchStorage() {
    void invoke('storage:status', {}).then(({ ok, message }) => set({ storage: { ok, message } }), () => undefined);
    return subscribe('storage:changed', (storage) => set({ storage }));
  },
  settings: null,
  settingsError: null,
  async loadSettings() {
    try {
      set({ settings: await invoke('settings:get', {}), settingsError: null });
    } catch (e) {
      set({ settingsError: (e as Error).message });
    }
  },
  async updateSettings(patch) {
    try {
      set({ settings: await invoke('settings:update', patch), settingsError: null });
      return true;
    } catch (e) {
      set({ settingsError: (e as Error).message });
      return false;
    }
  },
});
