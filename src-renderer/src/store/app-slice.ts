import type { StateCreator } from 'zustand';
import type { AppInfo, Settings, StorageDamage, StorageStatus } from '@shared/contract';
import { invoke, subscribe } from '../api/client';
import type { ConnectionState } from '../api/client';
import type { StoreState } from './index';

export type View = 'fleet' | 'twin' | 'model' | 'data' | 'alerts' | 'settings';

/** A short message in the corner (a new critical alert, a finished training run, a saved file). */
export interface Notice {
  id: number;
  tone: 'info' | 'ok' | 'warn' | 'bad';
  text: string;
  /** Opens what the notice is about (an asset's twin, a view). */
  action?: { label: string; run(): void };
}

export interface AppSlice {
  view: View;
  setView(view: View): void;
  /** The keyboard-shortcuts panel. */
  helpOpen: boolean;
  setHelpOpen(open: boolean): void;
  notices: Notice[];
  notify(notice: Omit<Notice, 'id'>): void;
  dismissNotice(id: number): void;
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
  storage: Pick<StorageStatus, 'ok' | 'message'>;
  /** Damage found in the database, with the backup on offer; null when sound. */
  storageDamage: StorageDamage | null;
  storageRecoverError: string | null;
  /** Follows the store's status events; returns the unsubscribe. */
  watchStorage(): () => void;
  recoverStorage(choice: 'backup' | 'fresh'): Promise<void>;
}

/** Notices shown at once; older ones give way. */
const MAX_NOTICES = 4;
let noticeSeq = 0;

export const createAppSlice: StateCreator<StoreState, [], [], AppSlice> = (set) => ({
  view: 'fleet',
  setView: (view) => set({ view }),
  helpOpen: false,
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  notices: [],
  notify: (notice) => set((s) => ({ notices: [...s.notices, { ...notice, id: ++noticeSeq }].slice(-MAX_NOTICES) })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
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
  storageDamage: null,
  storageRecoverError: null,
  watchStorage() {
    void invoke('storage:status', {}).then(
      ({ ok, message, damage }) => set(damage ? { storageDamage: damage } : { storage: { ok, message }, storageDamage: null }),
      () => undefined,
    );
    // A status with `damage` is about the file's health, one without it about saving.
    return subscribe('storage:changed', ({ ok, message, damage }) => set(damage !== undefined ? { storageDamage: damage } : { storage: { ok, message } }));
  },
  async recoverStorage(choice) {
    try {
      await invoke('storage:recover', { choice });
      set({ storageDamage: null, storageRecoverError: null });
    } catch (e) {
      set({ storageRecoverError: (e as Error).message });
    }
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
