/**
 * The live fleet: its simulated clock, every asset's latest snapshot, the open alerts and the
 * default models' progress. Loaded with `fleet:state` / `alerts:list`, then kept current by the
 * pushed events (subscribed once, by startFleet).
 *
 * Frames arrive up to 10 times a second with up to 10,000 assets: they are merged into one Map in
 * place (see fleet-merge.ts) and `fleetVersion` counts them. Components select one asset each (a
 * row re-renders only when its asset changed) or derive from the version at their own pace.
 */
import type { StateCreator } from 'zustand';
import type { Alert, DefaultModels, FleetClock, FleetFrame } from '@shared/contract';
import { invoke, subscribe } from '../api/client';
import { fleetFromState, frameTouches, mergeAlerts, mergeFrame, type AlertChange, type FleetAsset } from './fleet-merge';
import type { StoreState } from './index';

export type { FleetAsset };

export interface FleetSlice {
  fleetClock: FleetClock | null;
  fleetModels: DefaultModels | null;
  /** Assets by id, updated in place by frames: read it with fleetVersion (or one asset's `version`). */
  fleetAssets: Map<string, FleetAsset>;
  /** The register's order; a new array only when assets were added or removed. */
  fleetIds: string[];
  fleetVersion: number;
  fleetLoaded: boolean;
  fleetError: string | null;
  /** Open alerts of the whole fleet, newest raised first. */
  openAlerts: Alert[];
  /** Subscribes to the fleet's events and loads its state; returns the unsubscribe. */
  startFleet(): () => void;
  loadFleet(): Promise<void>;
  controlFleet(arg: { speed?: FleetClock['speed']; paused?: boolean; step?: boolean }): Promise<void>;
  applyFrame(frame: FleetFrame): void;
  applyAlertChanges(changes: AlertChange[]): void;
  /**
   * The fleet list's rows on screen: with the open twin, the assets the host sends in every frame
   * they changed in (`fleet:watch`; a large fleet's others arrive a few thousand a second).
   */
  watchRows(ids: string[]): void;
}

/** Coalesces scrolling and re-ranking: the host hears the rows on screen at most this often. */
const WATCH_DEBOUNCE_MS = 150;

export const createFleetSlice: StateCreator<StoreState, [], [], FleetSlice> = (set, get, store) => {
  /** Reloads the whole state once when frames name assets this renderer has not seen. */
  let reloading = false;
  const reloadForUnknown = () => {
    if (reloading) return;
    reloading = true;
    void get().loadFleet().finally(() => (reloading = false));
  };

  let rows: string[] = [];
  let watchedKey = '';
  let watchTimer: ReturnType<typeof setTimeout> | null = null;
  const sendWatch = () => {
    watchTimer = null;
    const selected = get().selectedAssetId;
    const ids = selected && !rows.includes(selected) ? [...rows, selected] : rows;
    const key = ids.join('\n');
    if (key === watchedKey) return;
    watchedKey = key;
    // A lost request only means slower updates for those rows until the next change.
    invoke('fleet:watch', { assetIds: ids.slice(0, 1000) }).catch(() => (watchedKey = ''));
  };
  const scheduleWatch = () => {
    if (!watchTimer) watchTimer = setTimeout(sendWatch, WATCH_DEBOUNCE_MS);
  };

  return {
    fleetClock: null,
    fleetModels: null,
    fleetAssets: new Map(),
    fleetIds: [],
    fleetVersion: 0,
    fleetLoaded: false,
    fleetError: null,
    openAlerts: [],
    startFleet() {
      const offs = [
        subscribe('fleet:frame', (frame) => get().applyFrame(frame)),
        subscribe('alerts:changed', ({ changes }) => get().applyAlertChanges(changes)),
        subscribe('fleet:models', (models) => {
          const was = get().fleetModels?.state;
          set({ fleetModels: models });
          // Assets got their default model: the open twin's detail and the reasons change with it.
          // They are stored runs too: the Model view's list shows them.
          if (models.state === 'ready' && was !== 'ready') {
            get().refreshTwin();
            void get().loadRuns();
          }
        }),
      ];
      // The open twin is watched too.
      offs.push(store.subscribe((s, prev) => {
        if (s.selectedAssetId !== prev.selectedAssetId) scheduleWatch();
      }));
      void get().loadFleet();
      return () => offs.forEach((off) => off());
    },
    async loadFleet() {
      try {
        const [state, alerts] = await Promise.all([invoke('fleet:state', {}), invoke('alerts:list', { openOnly: true })]);
        const { assets, ids } = fleetFromState(state);
        set((s) => ({
          fleetClock: state.clock, fleetModels: state.models, fleetAssets: assets, fleetIds: ids, fleetVersion: s.fleetVersion + 1,
          fleetLoaded: true, fleetError: null, openAlerts: [...alerts].sort((a, b) => b.raisedAt - a.raisedAt),
        }));
      } catch (e) {
        set({ fleetError: (e as Error).message });
      }
    },
    async controlFleet(arg) {
      try {
        set({ fleetClock: await invoke('fleet:control', arg), fleetError: null });
      } catch (e) {
        set({ fleetError: (e as Error).message });
      }
    },
    applyFrame(frame) {
      const s = get();
      if (!s.fleetLoaded) return; // the state load that is under way includes it
      const unknown = mergeFrame(s.fleetAssets, frame);
      set({ fleetClock: frame.clock, fleetVersion: s.fleetVersion + (frame.assets.length ? 1 : 0) });
      if (unknown.length) reloadForUnknown();
      if (s.selectedAssetId && frameTouches(frame, s.selectedAssetId)) s.refreshTwin();
    },
    watchRows(ids) {
      rows = ids;
      scheduleWatch();
    },
    applyAlertChanges(changes) {
      const selected = get().selectedAssetId;
      set((s) => ({
        openAlerts: mergeAlerts(s.openAlerts, changes, false),
        twinAlerts: selected ? mergeAlerts(s.twinAlerts, changes, true, (a) => a.assetId === selected) : s.twinAlerts,
      }));
    },
  };
};
