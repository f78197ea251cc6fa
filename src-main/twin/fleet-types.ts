/**
 * The live fleet's shapes: what a snapshot of one asset holds, what a restart needs, the event log,
 * and each asset's runtime state inside the fleet.
 */
import type { DriftPolicy } from '../ml/drift-monitor';
import type { AssetStep, ModelRow, SimAsset } from './asset-sim';
import type { AssetConfig, SensorSpec } from './assets';
import type { RemainingLife } from './health';
import type { FeatureWindow } from './online-features';
import type { Assessment } from './scoring';
import type { TrendHistory } from './trend-history';

export interface TwinSnapshot extends Assessment {
  assetId: string;
  values: Record<string, number>;
  lastReadingMs: number | null;
  rul: RemainingLife | null;
  down: boolean;
  /** Readings so far (the frame sender sends an asset only when this changed). */
  readings: number;
}

export interface PersistedFleet {
  simTimeMs: number;
  assets: { id: string; sim: SimAsset; nextDueMs: number; rows: ModelRow[]; state: TwinSnapshot; times: number[]; series: Record<string, number[]> }[];
}

export interface FleetEvent {
  atMs: number;
  assetId: string;
  kind: 'failure' | 'maintenance' | 'repair';
  detail: string;
}

/** One reading from outside the simulators (a replayed file, a broker) or from them. */
export type Reading = Pick<AssetStep, 'values' | 'row' | 'failure'>;

export interface FleetOptions {
  seed: number;
  startMs: number;
  historyLength?: number;
  /** Reading interval override (seconds) for every asset: the benchmark drives assets at 1 Hz. */
  intervalS?: number;
  /** A real-time clock (ms) for profiling: with it, `timing` adds up where each reading's time goes. */
  clock?: () => number;
  /** Keep a journal of every reading taken in (for the history store); the host drains it. */
  journal?: boolean;
  /** Drift monitoring windows, thresholds and cadence (ml/drift-monitor.ts defaults otherwise). */
  drift?: DriftPolicy;
}

/** One reading as the history stores it: its values, and the prediction made on it by which model. */
export interface JournalEntry {
  assetId: string;
  t: number;
  readings: Record<string, number>;
  probability: number | null;
  modelVersion: string | null;
  /** Model inputs the sensor values do not give (./history-rows.ts): a retrain rebuilds the scored row from both. */
  inputs?: ModelRow | null;
}

export interface AssetRuntime {
  /** Position in the register: breaks ties between readings due at the same moment. */
  order: number;
  config: AssetConfig;
  sim: SimAsset;
  nextDueMs: number;
  intervalMs: number;
  /** The latest readings, oldest first: at least the model's window (trimmed in batches). */
  rows: ModelRow[];
  /** The kind's sensors with this asset's own warning and alarm levels (kept with the config). */
  levels: SensorSpec[];
  /** The same readings as typed columns for the model's pipeline, and which model it serves. */
  window: FeatureWindow | null;
  windowOf: string | null;
  /** A replayed asset: its recorded readings (times shifted onto the fleet's clock) instead of a simulator. */
  replay: { times: number[]; readings: Reading[]; next: number; offsetMs: number } | null;
  history: TrendHistory;
  state: TwinSnapshot;
  /** Consecutive readings whose own status was below the one shown (the status off-delay). */
  lowerFor: number;
  /** The batch run this asset's reading belongs to (an asset read twice in one batch starts a new run). */
  run: number;
}
