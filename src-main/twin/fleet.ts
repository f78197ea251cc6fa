/**
 * The live fleet: every asset's simulator, readings window, trend history and assessment, on one
 * simulated clock. `advanceTo` steps each asset whose next reading is due, in time order, so the
 * result depends only on the seed and the simulated time reached — not on how often the host
 * loop ticks (real time, ×10 … ×1000, single steps all give the same fleet).
 */
import { deriveSeed } from '../common/random';
import { AlertEngine, type AlertChange } from './alerts';
import { newSimAsset, stepAsset, type AssetStep, type ModelRow, type SimAsset } from './asset-sim';
import { operatingThreshold, READING_INTERVAL_S, REPAIR_HOURS, SENSORS, sensorLevels, type AssetConfig, type SensorSpec } from './assets';
import { toolLife, vibrationLife, type RemainingLife } from './health';
import { modeProbabilities, probabilities } from '../ml/model-predict';
import { assess, assessScored, MODES_FROM, type Assessment, type LiveModel } from './scoring';
import type { FeatureWindow } from './online-features';
import { DueHeap } from './due-heap';

/** Readings kept per asset for trend charts (the database keeps the long history). */
export const DEFAULT_HISTORY = 288;
/** Readings the vibration trend (remaining life) is fitted over: 6 h of motor snapshots. */
const RUL_READINGS = 36;

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

interface AssetRuntime {
  /** Position in the register: breaks ties between readings due at the same moment. */
  order: number;
  config: AssetConfig;
  sim: SimAsset;
  nextDueMs: number;
  intervalMs: number;
  rows: ModelRow[];
  /** The kind's sensors with this asset's own warning and alarm levels (kept with the config). */
  levels: SensorSpec[];
  /** The same readings as typed columns for the model's pipeline, and which model it serves. */
  window: FeatureWindow | null;
  windowOf: string | null;
  seriesKeys: string[];
  /** A replayed asset: its recorded readings (times shifted onto the fleet's clock) instead of a simulator. */
  replay: { times: number[]; readings: Pick<AssetStep, 'values' | 'row' | 'failure'>[]; next: number; offsetMs: number } | null;
  /** Trend history: reading times and, per sensor plus "probability", values (ring, oldest first). */
  times: number[];
  series: Record<string, number[]>;
  state: TwinSnapshot;
}

export interface FleetOptions {
  seed: number;
  startMs: number;
  historyLength?: number;
  /** Reading interval override (seconds) for every asset: the benchmark drives assets at 1 Hz. */
  intervalS?: number;
  /** A real-time clock (ms) for profiling: with it, `timing` adds up where each reading's time goes. */
  clock?: () => number;
}

const NO_MODES: Assessment['modes'] = [];

/** Units per sensor for alert messages, per kind (built once). */
const UNITS = Object.fromEntries(Object.entries(SENSORS).map(([kind, specs]) => [kind, Object.fromEntries(specs.map((s) => [s.key, s.unit]))])) as Record<keyof typeof SENSORS, Record<string, string>>;

export class Fleet {
  simTimeMs: number;
  private readonly assets = new Map<string, AssetRuntime>();
  private readonly models = new Map<string, LiveModel>();
  readonly events: FleetEvent[] = [];
  /** With a profiling clock: ms spent simulating, on features + prediction, on twin state, on alert rules. */
  readonly timing = { simulate: 0, predict: 0, state: 0, alerts: 0, readings: 0 };
  private readonly historyLength: number;
  private nextOrder = 0;

  constructor(
    private readonly opts: FleetOptions,
    readonly alerts: AlertEngine,
  ) {
    this.simTimeMs = opts.startMs;
    this.historyLength = opts.historyLength ?? DEFAULT_HISTORY;
  }

  setModel(live: LiveModel): void {
    this.models.set(live.runId, live);
  }

  /** Adds an asset (or updates its register entry, keeping its simulator and history). */
  upsert(config: AssetConfig, sim?: SimAsset, nextDueMs?: number): void {
    const existing = this.assets.get(config.id);
    if (existing) {
      existing.config = config;
      existing.levels = sensorLevels(config);
      return;
    }
    const intervalMs = 1000 * (this.opts.intervalS ?? READING_INTERVAL_S[config.kind]);
    const series = Object.fromEntries([...SENSORS[config.kind].map((s) => s.key), 'probability'].map((k) => [k, [] as number[]]));
    this.assets.set(config.id, {
      order: this.nextOrder++, config, levels: sensorLevels(config), window: null, windowOf: null, seriesKeys: Object.keys(series), replay: null, sim: sim ?? newSimAsset(config.kind, deriveSeed(this.opts.seed, config.id)), intervalMs, rows: [], times: [], series,
      nextDueMs: nextDueMs ?? this.simTimeMs + intervalMs,
      state: { assetId: config.id, values: {}, lastReadingMs: null, probability: null, modes: [], threshold: 0.5, health: 100, status: 'NORMAL', worstZone: 0, modelVersion: null, rul: null, down: false, readings: 0 },
    });
  }

  remove(assetId: string): void {
    this.assets.delete(assetId);
  }

  /**
   * Adds an asset whose readings are replayed from recorded data: the first reading lands one
   * interval from now, later ones keep their recorded spacing (gaps stay gaps).
   */
  addReplay(config: AssetConfig, times: readonly number[], readings: Pick<AssetStep, 'values' | 'row' | 'failure'>[], firstMs: number): void {
    if (times.length === 0 || times.length !== readings.length) throw new Error(`replay of ${config.id}: needs as many readings as times (got ${readings.length} and ${times.length})`);
    this.remove(config.id);
    this.upsert(config);
    const a = this.runtime(config.id);
    const offsetMs = this.simTimeMs + a.intervalMs - firstMs;
    a.replay = { times: [...times], readings, next: 0, offsetMs };
    a.nextDueMs = times[0] + offsetMs;
  }

  /** Readings left to replay (null for a simulated asset). */
  replayLeft(assetId: string): number | null {
    const r = this.runtime(assetId).replay;
    return r ? r.times.length - r.next : null;
  }

  /** Simulated time of the asset's next reading. */
  nextDue(assetId: string): number {
    return this.runtime(assetId).nextDueMs;
  }

  ids(): string[] {
    return [...this.assets.keys()];
  }

  config(assetId: string): AssetConfig {
    return this.runtime(assetId).config;
  }

  snapshot(assetId: string): TwinSnapshot {
    return this.runtime(assetId).state;
  }

  snapshots(): TwinSnapshot[] {
    return [...this.assets.values()].map((a) => a.state);
  }

  history(assetId: string): { times: number[]; series: Record<string, number[]> } {
    const a = this.runtime(assetId);
    const from = Math.max(0, a.times.length - this.historyLength);
    return { times: a.times.slice(from), series: Object.fromEntries(Object.entries(a.series).map(([k, v]) => [k, v.slice(from)])) };
  }

  /** The last `n` values of one trend series (missing values as NaN), without copying the rest. */
  recent(assetId: string, key: string, n: number): number[] {
    const arr = this.runtime(assetId).series[key];
    if (!arr) throw new Error(`asset ${assetId} has no series "${key}"`);
    return arr.slice(Math.max(0, arr.length - n));
  }

  rows(assetId: string): readonly ModelRow[] {
    return this.runtime(assetId).rows;
  }

  liveModel(assetId: string): LiveModel | null {
    const id = this.runtime(assetId).config.modelRunId;
    return id ? this.models.get(id) ?? null : null;
  }

  simAsset(assetId: string): SimAsset {
    return this.runtime(assetId).sim;
  }

  /** Queues a maintenance action for the asset's next step (it changes the simulator state). */
  maintain(assetId: string, action: string, detail: string): void {
    const a = this.runtime(assetId);
    a.sim = { ...a.sim, pending: action };
    this.events.push({ atMs: this.simTimeMs, assetId, kind: 'maintenance', detail });
  }

  /** Operator setpoints (the optimiser's apply): milling speed/torque/quality, motor load limit. */
  setSetpoint(assetId: string, setpoint: { speedRpm?: number; torqueNm?: number; loadLimit?: number }): void {
    const a = this.runtime(assetId);
    const s = a.sim.sim;
    if (s.kind === 'milling') a.sim = { ...a.sim, sim: { ...s, setpoint: { ...s.setpoint, speedRpm: setpoint.speedRpm, torqueNm: setpoint.torqueNm } } };
    else a.sim = { ...a.sim, sim: { ...s, state: { ...s.state, loadLimit: setpoint.loadLimit ?? s.state.loadLimit } } };
  }

  /** Steps every asset whose readings fall due up to `toMs`, in time order; returns the alert changes. */
  advanceTo(toMs: number): AlertChange[] {
    const changes: AlertChange[] = [];
    // Strictly in simulated-time order (ties by register order), from a heap of next readings:
    // the same steps in the same order whatever the tick pattern, so alert ids and the event log
    // repeat exactly; O(log n) per reading.
    const heap = new DueHeap([...this.assets.values()].filter((a) => a.nextDueMs <= toMs));
    for (let a = heap.pop(); a; a = heap.pop()) {
      const due = a.nextDueMs;
      this.simTimeMs = Math.max(this.simTimeMs, due);
      if (a.replay) {
        changes.push(...this.ingestInto(a, due, a.replay.readings[a.replay.next++]));
        a.nextDueMs = a.replay.next < a.replay.times.length ? a.replay.times[a.replay.next] + a.replay.offsetMs : Infinity;
      } else {
        changes.push(...this.stepOne(a, due));
        a.nextDueMs = due + a.intervalMs;
      }
      if (a.nextDueMs <= toMs) heap.push(a);
    }
    this.simTimeMs = Math.max(this.simTimeMs, toMs);
    changes.push(...this.alerts.checkStale(this.simTimeMs));
    return changes;
  }

  private stepOne(a: AssetRuntime, atMs: number): AlertChange[] {
    // Down for repair is a known state, not missing data: the alert engine hears from the asset
    // (with no values, so no sensor rule moves) and raises no stale-data alert for it.
    if (atMs < a.sim.downUntilMs) return this.alerts.evaluate(a.config.id, atMs, {}, { assetName: a.config.name, assetKind: a.config.kind, intervalMs: a.intervalMs });
    if (a.state.down) {
      a.state = { ...a.state, down: false };
      this.events.push({ atMs, assetId: a.config.id, kind: 'repair', detail: 'back in service after repair' });
    }
    const clock = this.opts.clock, t0 = clock?.() ?? 0;
    const step = stepAsset(a.sim, a.config.id, atMs);
    a.sim = step.asset;
    if (clock) this.timing.simulate += clock() - t0;
    return this.ingestInto(a, atMs, step);
  }

  /**
   * One reading of an asset (from its simulator, or from outside: a replayed file, a broker):
   * features, prediction, twin state and alert rules. Returns the alert changes.
   */
  ingest(assetId: string, atMs: number, reading: Pick<AssetStep, 'values' | 'row' | 'failure'>): AlertChange[] {
    const a = this.runtime(assetId);
    this.simTimeMs = Math.max(this.simTimeMs, atMs);
    return this.ingestInto(a, atMs, reading);
  }

  /**
   * Many readings at once — a second of a large fleet, a burst from a broker — in the order given.
   * The same result as ingesting them one by one; the failure forests are walked tree by tree
   * over all of them (the tree stays in cache), which is what makes 10,000 assets affordable.
   */
  ingestMany(batch: readonly { assetId: string; atMs: number; reading: Pick<AssetStep, 'values' | 'row' | 'failure'> }[]): AlertChange[] {
    const clock = this.opts.clock, t1 = clock?.() ?? 0;
    const items = batch.map((b) => {
      const a = this.runtime(b.assetId);
      this.simTimeMs = Math.max(this.simTimeMs, b.atMs);
      return { a, b, live: this.take(a, b.reading) };
    });
    // One batch of feature vectors per model.
    const byModel = new Map<LiveModel, number[]>();
    items.forEach((it, k) => {
      if (!it.live) return;
      const list = byModel.get(it.live) ?? [];
      if (list.length === 0) byModel.set(it.live, list);
      list.push(k);
    });
    const assessed: Assessment[] = new Array(items.length);
    for (const [live, ks] of byModel) {
      const xs = ks.map((k) => items[k].a.window!.features());
      const p = probabilities(live.model, xs);
      ks.forEach((k, j) => {
        const { a, b } = items[k];
        const modes = p[j] >= MODES_FROM * operatingThreshold(a.config) ? modeProbabilities(live.model, xs[j], p[j]) : NO_MODES;
        assessed[k] = assessScored(a.config, live, b.reading.values, a.state.status, a.levels, p[j], modes);
      });
    }
    items.forEach((it, k) => {
      assessed[k] ??= assess(it.a.config, null, it.a.rows, it.b.reading.values, it.a.state.status, null, it.a.levels);
    });
    if (clock) this.timing.predict += clock() - t1;
    const changes: AlertChange[] = [];
    items.forEach((it, k) => changes.push(...this.finish(it.a, it.b.atMs, it.b.reading, assessed[k])));
    return changes;
  }

  private ingestInto(a: AssetRuntime, atMs: number, step: Pick<AssetStep, 'values' | 'row' | 'failure'>): AlertChange[] {
    const clock = this.opts.clock, t1 = clock?.() ?? 0;
    const live = this.take(a, step);
    const assessed = assess(a.config, live, a.rows, step.values, a.state.status, live ? a.window : null, a.levels);
    if (clock) this.timing.predict += clock() - t1;
    return this.finish(a, atMs, step, assessed);
  }

  /** Keeps the reading in the asset's window (rows and the model's typed window); returns its model. */
  private take(a: AssetRuntime, step: Pick<AssetStep, 'row'>): LiveModel | null {
    a.rows.push(step.row);
    const live = this.liveModel(a.config.id);
    const keep = live ? live.features.window : 1;
    if (a.rows.length > keep) a.rows.splice(0, a.rows.length - keep);
    if (live && a.windowOf === live.version) a.window!.push(step.row);
    else if (live) {
      // A new model (or a restart): its window starts from the readings kept.
      a.window = live.features.createWindow();
      a.windowOf = live.version;
      for (const r of a.rows) a.window.push(r);
    }
    return live;
  }

  /** Trend history, remaining life, the snapshot, failures and the alert rules for one assessed reading. */
  private finish(a: AssetRuntime, atMs: number, step: Pick<AssetStep, 'values' | 'failure'>, assessed: Assessment): AlertChange[] {
    const clock = this.opts.clock, t2 = clock?.() ?? 0;
    this.record(a, atMs, step.values, assessed.probability);
    const rul = a.config.kind === 'milling' ? toolLife(step.values.toolWearMin) : vibrationLife(a.times, a.series.vibrationMmS, RUL_READINGS);
    // Listed field by field: an object rest/spread here costs microseconds per reading.
    a.state = {
      assetId: a.config.id, values: step.values, lastReadingMs: atMs, probability: assessed.probability, modes: assessed.modes, threshold: assessed.threshold,
      health: assessed.health, status: assessed.status, worstZone: assessed.worstZone, modelVersion: assessed.modelVersion, rul, down: false, readings: a.state.readings + 1,
    };
    if (step.failure) {
      // Down for repair: no readings meanwhile, then the simulator's repair action.
      a.sim = { ...a.sim, downUntilMs: atMs + REPAIR_HOURS[a.config.kind] * 3_600_000, pending: a.config.kind === 'milling' ? 'replaceTool' : 'repair' };
      a.state = { ...a.state, down: true };
      this.events.push({ atMs, assetId: a.config.id, kind: 'failure', detail: `failure: ${step.failure}` });
    }
    const t3 = clock?.() ?? 0;
    const changes = this.alerts.evaluate(a.config.id, atMs, step.values, {
      probability: assessed.probability ?? undefined, threshold: assessed.threshold, modelVersion: assessed.modelVersion,
      units: UNITS[a.config.kind], assetName: a.config.name, assetKind: a.config.kind, intervalMs: a.intervalMs,
    });
    if (clock) {
      const t4 = clock();
      const p = this.timing;
      p.state += t3 - t2;
      p.alerts += t4 - t3;
      p.readings++;
    }
    return changes;
  }

  private record(a: AssetRuntime, atMs: number, values: Record<string, number>, probability: number | null): void {
    a.times.push(atMs);
    for (const k of a.seriesKeys) a.series[k].push(k === 'probability' ? probability ?? NaN : values[k] ?? NaN);
    // Trimmed in batches: one splice per 32 readings instead of shifting every array each time.
    if (a.times.length > this.historyLength + 32) {
      const drop = a.times.length - this.historyLength;
      a.times.splice(0, drop);
      for (const arr of Object.values(a.series)) arr.splice(0, drop);
    }
  }

  private runtime(assetId: string): AssetRuntime {
    const a = this.assets.get(assetId);
    if (!a) throw new Error(`no asset "${assetId}" in the fleet`);
    return a;
  }

  /** For persistence: what a restart needs to continue exactly here. */
  persisted(): PersistedFleet {
    return { simTimeMs: this.simTimeMs, assets: [...this.assets.values()].map((a) => ({ id: a.config.id, sim: a.sim, nextDueMs: a.nextDueMs, rows: a.rows, state: a.state, ...this.history(a.config.id) })) };
  }

  /** Continues from `persisted()`: simulators, readings windows and statuses as they were. */
  restore(p: PersistedFleet): void {
    this.simTimeMs = p.simTimeMs;
    for (const s of p.assets) {
      const a = this.assets.get(s.id);
      if (!a) continue;
      a.sim = s.sim;
      a.nextDueMs = s.nextDueMs;
      a.rows = [...s.rows];
      a.windowOf = null;
      a.state = s.state;
      // The trend history as it was (missing readings were stored as null by JSON).
      a.times = [...(s.times ?? [])];
      for (const k of Object.keys(a.series)) a.series[k] = (s.series?.[k] ?? []).map((v) => (v === null ? NaN : v));
    }
  }
}

