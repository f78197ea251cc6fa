/**
 * The open twin: the selected asset's detail (sensors, history, events), its reasons and alerts,
 * and what an operator does with it — what-if, the optimiser, setpoints, maintenance, acknowledging.
 *
 * The detail (`twin:get`, a few ms) is re-read when a frame touched the asset, at most twice a
 * second and only while the Twin view is on screen; the view asks again when shown. Its reasons
 * (`twin:reasons`, exact TreeSHAP: 175–350 ms in the twin worker, which also runs the simulation)
 * at most every 2 s, after a new reading. One what-if is in flight at a time; the latest sliders
 * are sent when it returns.
 */
import type { StateCreator } from 'zustand';
import type { Alert, FleetEvent, OptimiseResult, Reason, TwinDetail, WhatIfResult } from '@shared/contract';
import { invoke } from '../api/client';
import type { StoreState } from './index';

const REFRESH_MS = 500;
const REASONS_MS = 2000;
const WHAT_IF_DEBOUNCE_MS = 50;

export interface WhatIfState {
  assetId: string;
  /** Only the inputs the operator moved; the others stay at their live values. */
  overrides: Record<string, number>;
  result: WhatIfResult | null;
  error: string | null;
}

export interface OptimiserState {
  assetId: string;
  running: boolean;
  result: OptimiseResult | null;
  error: string | null;
  applied: boolean;
}

export interface TwinSlice {
  selectedAssetId: string | null;
  twinDetail: TwinDetail | null;
  twinReasons: Reason[];
  /** Every alert of the selected asset the renderer knows (cleared ones too: trend markers), newest first. */
  twinAlerts: Alert[];
  twinError: string | null;
  whatIf: WhatIfState | null;
  /** Sensor keys the what-if accepts, by asset kind (asked of the service, see probeWhatIfInputs). */
  whatIfInputs: Record<string, string[]>;
  optimiser: OptimiserState | null;
  maintainError: string | null;
  lastMaintenance: FleetEvent | null;
  ackError: string | null;
  /** Selects an asset and shows the Twin view. */
  openTwin(assetId: string): void;
  selectAsset(assetId: string | null): void;
  /** Asks for a fresh detail (throttled; nothing while the Twin view is hidden). */
  refreshTwin(): void;
  setWhatIf(key: string, value: number): void;
  resetWhatIf(): void;
  runOptimiser(): Promise<void>;
  applyBestSetpoint(): Promise<void>;
  maintain(action: string, comment: string): Promise<boolean>;
  ackAlert(alertId: string, comment: string): Promise<boolean>;
}

const message = (e: unknown) => (e as Error).message;

export const createTwinSlice: StateCreator<StoreState, [], [], TwinSlice> = (set, get) => {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = false;
  let again = false;
  let lastFetch = 0;
  let lastReasons = { at: 0, readings: -1 };
  let whatIfBusy = false;
  let whatIfAgain = false;
  let whatIfTimer: ReturnType<typeof setTimeout> | null = null;
  let whatIfSeq = 0;
  const probing = new Set<string>();

  const fetchTwin = async () => {
    timer = null;
    const assetId = get().selectedAssetId;
    if (!assetId) return;
    inFlight = true;
    lastFetch = Date.now();
    try {
      const detail = await invoke('twin:get', { assetId });
      if (get().selectedAssetId !== assetId) return;
      set({ twinDetail: detail, twinError: null });
      void probeWhatIfInputs(detail);
      const readings = detail.snapshot.readings;
      if (readings !== lastReasons.readings && Date.now() - lastReasons.at >= REASONS_MS) {
        lastReasons = { at: Date.now(), readings };
        const reasons = await invoke('twin:reasons', { assetId });
        if (get().selectedAssetId === assetId) set({ twinReasons: reasons });
      } else if (readings !== lastReasons.readings) {
        again = true; // a newer reading than the reasons shown: come back for them
      }
    } catch (e) {
      if (get().selectedAssetId === assetId) set({ twinError: message(e) });
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };

  function schedule() {
    if (get().view !== 'twin' || !get().selectedAssetId) return;
    if (inFlight) {
      again = true;
      return;
    }
    if (timer) return;
    timer = setTimeout(() => void fetchTwin(), Math.max(0, lastFetch + REFRESH_MS - Date.now()));
  }

  /**
   * Which sensors the what-if accepts: the contract lists an asset's sensors, not which of them are
   * model inputs (a motor's load is derived, not an input). Each is tried once per asset kind at its
   * live value; those the service accepts get a slider.
   */
  async function probeWhatIfInputs(detail: TwinDetail) {
    const kind = detail.config.kind;
    if (get().whatIfInputs[kind] || probing.has(kind) || detail.snapshot.lastReadingMs === null) return;
    probing.add(kind);
    try {
      const tried = await Promise.all(detail.sensors.map(async (s) => {
        try {
          await invoke('twin:whatIf', { assetId: detail.config.id, overrides: { [s.key]: detail.snapshot.values[s.key] ?? s.min } });
          return s.key;
        } catch {
          return null;
        }
      }));
      const inputs = tried.filter((k): k is string => k !== null);
      if (inputs.length) set((s) => ({ whatIfInputs: { ...s.whatIfInputs, [kind]: inputs } }));
    } finally {
      probing.delete(kind);
    }
  }

  async function runWhatIf() {
    whatIfTimer = null;
    const w = get().whatIf;
    if (!w || Object.keys(w.overrides).length === 0) return;
    if (whatIfBusy) {
      whatIfAgain = true;
      return;
    }
    whatIfBusy = true;
    const seq = ++whatIfSeq;
    try {
      const result = await invoke('twin:whatIf', { assetId: w.assetId, overrides: w.overrides });
      if (seq === whatIfSeq) set((s) => (s.whatIf?.assetId === w.assetId ? { whatIf: { ...s.whatIf, result, error: null } } : {}));
    } catch (e) {
      if (seq === whatIfSeq) set((s) => (s.whatIf?.assetId === w.assetId ? { whatIf: { ...s.whatIf, error: message(e) } } : {}));
    } finally {
      whatIfBusy = false;
      if (whatIfAgain) {
        whatIfAgain = false;
        void runWhatIf();
      }
    }
  }

  return {
    selectedAssetId: null,
    twinDetail: null,
    twinReasons: [],
    twinAlerts: [],
    twinError: null,
    whatIf: null,
    whatIfInputs: {},
    optimiser: null,
    maintainError: null,
    lastMaintenance: null,
    ackError: null,
    openTwin(assetId) {
      get().selectAsset(assetId);
      get().setView('twin');
      get().refreshTwin();
    },
    selectAsset(assetId) {
      if (assetId === get().selectedAssetId) return;
      whatIfSeq++;
      if (whatIfTimer) clearTimeout(whatIfTimer);
      set({
        selectedAssetId: assetId, twinDetail: null, twinReasons: [], twinAlerts: [], twinError: null, whatIf: null, optimiser: null,
        maintainError: null, lastMaintenance: null, ackError: null,
      });
      lastFetch = 0;
      lastReasons = { at: 0, readings: -1 };
      if (!assetId) return;
      // All of this asset's alerts (cleared ones are trend markers); later changes arrive as events.
      void invoke('alerts:list', { assetId }).then(
        (alerts) => get().selectedAssetId === assetId && set({ twinAlerts: alerts }),
        (e) => get().selectedAssetId === assetId && set({ twinError: message(e) }),
      );
      schedule();
    },
    refreshTwin: () => schedule(),
    setWhatIf(key, value) {
      const assetId = get().selectedAssetId;
      if (!assetId) return;
      set((s) => {
        const base = s.whatIf?.assetId === assetId ? s.whatIf : { assetId, overrides: {}, result: null, error: null };
        return { whatIf: { ...base, overrides: { ...base.overrides, [key]: value } } };
      });
      if (whatIfTimer) clearTimeout(whatIfTimer);
      whatIfTimer = setTimeout(() => void runWhatIf(), WHAT_IF_DEBOUNCE_MS);
    },
    resetWhatIf() {
      whatIfSeq++;
      if (whatIfTimer) clearTimeout(whatIfTimer);
      set({ whatIf: null });
    },
    async runOptimiser() {
      const assetId = get().selectedAssetId;
      if (!assetId) return;
      set({ optimiser: { assetId, running: true, result: null, error: null, applied: false } });
      try {
        const result = await invoke('twin:optimise', { assetId });
        if (get().selectedAssetId === assetId) set({ optimiser: { assetId, running: false, result, error: null, applied: false } });
      } catch (e) {
        if (get().selectedAssetId === assetId) set({ optimiser: { assetId, running: false, result: null, error: message(e), applied: false } });
      }
    },
    async applyBestSetpoint() {
      const o = get().optimiser;
      if (!o?.result) return;
      try {
        const detail = await invoke('twin:setpoint', { assetId: o.assetId, setpoint: o.result.best.setpoint });
        if (get().selectedAssetId === o.assetId) set((s) => ({ twinDetail: detail, optimiser: s.optimiser && { ...s.optimiser, applied: true, error: null } }));
      } catch (e) {
        set((s) => ({ optimiser: s.optimiser && { ...s.optimiser, error: message(e) } }));
      }
    },
    async maintain(action, comment) {
      const assetId = get().selectedAssetId;
      if (!assetId) return false;
      try {
        const event = await invoke('twin:maintain', { assetId, action, comment });
        set({ lastMaintenance: event, maintainError: null });
        schedule();
        return true;
      } catch (e) {
        set({ maintainError: message(e) });
        return false;
      }
    },
    async ackAlert(alertId, comment) {
      try {
        const alert = await invoke('alerts:ack', { alertId, comment });
        get().applyAlertChanges([{ alert, change: 'acknowledged' }]);
        set({ ackError: null });
        return true;
      } catch (e) {
        set({ ackError: message(e) });
        return false;
      }
    },
  };
};
