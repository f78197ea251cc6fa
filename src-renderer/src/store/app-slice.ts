import type { StateCreator } from 'zustand';
import type { AppInfo } from '@shared/contract';
import { invoke } from '../api/client';
import type { ConnectionState } from '../api/client';
import type { StoreState } from './index';

export type View = 'data' | 'model';

export interface AppSlice {
  view: View;
  setView(view: View): void;
  info: AppInfo | null;
  connection: ConnectionState;
  appError: string | null;
  loadInfo(): Promise<void>;
  setConnection(state: ConnectionState): void;
}

export const createAppSlice: StateCreator<StoreState, [], [], AppSlice> = (set) => ({
  view: 'data',
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
});
