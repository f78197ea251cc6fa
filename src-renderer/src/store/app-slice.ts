import type { StateCreator } from 'zustand';
import type { AppInfo, Settings } from '@shared/contract';
import { invoke } from '../api/client';
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
