/**
 * The live fleet: every asset's simulator, readings window, trend history and assessment, on one
 * simulated clock. `advanceTo` steps each asset whose next reading is due, in time order, so the
 * result depends only on the seed and the simulated time reached — not on how often the host
 * loop ticks (real time, ×10 … ×1000, single steps all give the same fleet).
 */
import { deriveSeed } from '../common/random';
import { AlertEngine, type AlertChange } from './alerts';
import { newSimAsset, stepAsset, type ModelRow, type SimAsset } from './asset-sim';
import { operatingThreshold, READING_INTERVAL_S, REPAIR_HOURS, SENSORS, sensorLevels, type AssetConfig } from './assets';
import { heldStatus, STATUS_OFF_DELAY_READINGS, toolLife, vibrationLife } from './health';
import { modeProbabilities, probabilities } from '../ml/model-predict';
import { assess, assessScored, MODES_FROM, type Assessment, type LiveModel } from './scoring';
import { DueHeap } from './due-heap';
import { FleetDrift } from './fleet-drift';
import { historyInputs } from './history-rows';
import { PROBABILITY, TrendHistory } from './trend-history';
import type { AssetRuntime, FleetEvent, FleetOptions, JournalEntry, PersistedFleet, Reading, TwinSnapshot } from './fleet-types';

export type { FleetEvent, FleetOptions, JournalEntry, PersistedFleet, Reading, TwinSnapshot } from './fleet-types';

/** Readings kept per asset for trend charts (the database keeps the long history). */
export const DEFAULT_HISTORY = 288;
/** Readings the vibration trend (remaining life) is fitted over: 6 h of motor snapshots. */
const RUL_READINGS = 36;
/** Rows kept beyond the model's window before trimming: one slice per this many readings. */
const ROWS_SLACK = 16;

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
  /** Readings taken in since the host last drained it (with `journal` on). */
  readonly journal: JournalEntry[] | null;
  private readonly historyLength: number;
  private nextOrder = 0;
  private runs = 0;
  /** Per live model: its features and predictions against its training data (./fleet-drift.ts). */
  readonly drift: FleetDrift;

  constructor(
    private readonly opts: FleetOptions,
    readonly alerts: AlertEngine,
  ) {
    this.simTimeMs = opts.startMs;
    this.historyLength = opts.historyLength ?? DEFAULT_HISTORY;
    this.journal = opts.journal ? [] : null;
    this.drift = new FleetDrift(alerts, opts.drift);
  }

  setModel(live: LiveModel): void {
    this.models.set(live.runId, live);
    this.drift.setModel(live);
  }

  /** Adds an asset (or updates its register entry, keeping its simulator and history). */
  upsert(config: AssetConfig, sim?: SimAsset, nextDueMs?: number): void {
    const existing = this.assets.get(config.id);
    if (existing) {
      // Switched between simulator and broker: a broker-fed asset is never stepped (nor stale by the simulated clock).
      if ((config.source === 'mqtt') !== (existing.config.source === 'mqtt')) {
        existing.intervalMs = config.source === 'mqtt' ? Infinity : 1000 * (this.opts.intervalS ?? READING_INTERVAL_S[config.kind]);
        existing.nextDueMs = this.simTimeMs + existing.intervalMs;
      }
      existing.config = config;
      existing.levels = sensorLevels(config);
      return;
    }
    const intervalMs = config.source === 'mqtt' ? Infinity : 1000 * (this.opts.intervalS ?? READING_INTERVAL_S[config.kind]);
    this.assets.set(config.id, {
      order: this.nextOrder++, config, levels: sensorLevels(config), window: null, windowOf: null, replay: null, run: -1, lowerFor: 0,
      sim: sim ?? newSimAsset(config.kind, deriveSeed(this.opts.seed, config.id)), intervalMs, rows: [],
      history: new TrendHistory([...SENSORS[config.kind].map((s) => s.key), PROBABILITY], this.historyLength),
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
  addReplay(config: AssetConfig, times: readonly number[], readings: Reading[], firstMs: number): void {
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

  has(assetId: string): boolean {
    return this.assets.has(assetId);
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
    return this.runtime(assetId).history.window();
  }

  /** The last `n` values of one trend series (missing values as NaN), without copying the rest. */
  recent(assetId: string, key: string, n: number): number[] {
    return this.runtime(assetId).history.recent(key, n);
  }

  /** The readings the asset's model looks back over (oldest first). */
  rows(assetId: string): readonly ModelRow[] {
    return this.keptRows(this.runtime(assetId));
  }

  liveModel(assetId: string): LiveModel | null {
    return this.modelOf(this.runtime(assetId));
  }

  simAsset(assetId: string): SimAsset {
    return this.runtime(assetId).sim;
  }

  /** Queues a maintenance action for the asset's next step (it changes the simulator state). */
  maintain(assetId: string, action: string, detail: string): void {
    const a = this.runtime(assetId);
    a.sim = { ...a.sim, pending: action };
    // The status may drop at the next reading: the maintenance is why it is lower, not noise.
    a.lowerFor = STATUS_OFF_DELAY_READINGS;
    this.events.push({ atMs: this.simTimeMs, assetId, kind: 'maintenance', detail });
  }

  /** Operator setpoints (the optimiser's apply): milling speed/torque/quality, motor load limit. */
  setSetpoint(assetId: string, setpoint: { speedRpm?: number; torqueNm?: number; loadLimit?: number }): void {
    const a = this.runtime(assetId);
    const s = a.sim.sim;
    if (s.kind === 'milling') a.sim = { ...a.sim, sim: { ...s, setpoint: { ...s.setpoint, speedRpm: setpoint.speedRpm, torqueNm: setpoint.torqueNm } } };
    else a.sim = { ...a.sim, sim: { ...s, state: { ...s.state, loadLimit: setpoint.loadLimit ?? s.state.loadLimit } } };
  }

  /** Shifts a milling centre's ambient (air) temperature by `offsetK` from its next reading on (a drift scenario; 0 undoes it). */
  setAmbientOffset(assetId: string, offsetK: number): void {
    const a = this.runtime(assetId), s = a.sim.sim;
    if (s.kind !== 'milling') throw new Error(`asset ${assetId} is a ${s.kind}: the ambient shift applies to milling centres`);
    if (!Number.isFinite(offsetK) || Math.abs(offsetK) > 30) throw new Error(`offsetK must be a number of kelvin within ±30 (got ${offsetK})`);
    a.sim = { ...a.sim, sim: { ...s, state: { ...s.state, ambientOffsetK: offsetK || undefined } } };
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
        append(changes, this.ingestInto(a, due, a.replay.readings[a.replay.next++]));
        a.nextDueMs = a.replay.next < a.replay.times.length ? a.replay.times[a.replay.next] + a.replay.offsetMs : Infinity;
      } else {
        append(changes, this.stepOne(a, due));
        a.nextDueMs = due + a.intervalMs;
      }
      if (a.nextDueMs <= toMs) heap.push(a);
    }
    this.simTimeMs = Math.max(this.simTimeMs, toMs);
    append(changes, this.alerts.checkStale(this.simTimeMs));
    return changes;
  }

  private stepOne(a: AssetRuntime, atMs: number): AlertChange[] {
    // Down for repair is a known state, not missing data: the alert engine hears from the asset
    // (with no values, so no sensor rule moves) and raises no stale-data alert for it.
    if (atMs < a.sim.downUntilMs) return this.alerts.evaluate(a.config.id, atMs, {}, { assetName: a.config.name, assetKind: a.config.kind, intervalMs: a.intervalMs });
    if (a.state.down) {
      a.state = { ...a.state, down: false };
      a.lowerFor = STATUS_OFF_DELAY_READINGS;
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
  ingest(assetId: string, atMs: number, reading: Reading): AlertChange[] {
    const a = this.runtime(assetId);
    this.simTimeMs = Math.max(this.simTimeMs, atMs);
    return this.ingestInto(a, atMs, reading);
  }

  /**
   * Readings from the plant's broker for broker-fed assets (source 'mqtt'), scored like any other.
   * They carry plant time, which the simulated clock does not follow: the clock stays where it was
   * (moving it would step every simulated asset across the gap). Readings of assets no longer in
   * the fleet, or no longer broker-fed, are skipped. Returns the alert changes and how many were taken.
   * The ingest service stored each reading (with its inputs) before this: the journal keeps only
   * those with a prediction to add, so unscored readings are not written a second time.
   */
  ingestExternal(batch: readonly { assetId: string; atMs: number; reading: Reading }[]): { changes: AlertChange[]; taken: number } {
    const fed = batch.filter((b) => this.assets.get(b.assetId)?.config.source === 'mqtt');
    const clock = this.simTimeMs, journaled = this.journal?.length ?? 0;
    const changes = this.ingestMany(fed);
    this.simTimeMs = clock;
    const j = this.journal;
    if (j) {
      let keep = journaled;
      for (let i = journaled; i < j.length; i++) if (j[i].probability !== null) j[keep++] = j[i];
      j.length = keep;
    }
    return { changes, taken: fed.length };
  }

  /**
   * Many readings at once — a second of a large fleet, a burst from a broker — in the order given,
   * with the same result as ingesting them one by one. The failure forests are walked tree by tree
   * over many readings (a tree stays in cache), which is what makes 10,000 assets affordable. An
   * asset read twice starts a new run, so each reading is scored on the window it closes.
   */
  ingestMany(batch: readonly { assetId: string; atMs: number; reading: Reading }[]): AlertChange[] {
    const changes: AlertChange[] = [];
    const assets: AssetRuntime[] = [];
    for (let from = 0; from < batch.length; ) {
      const run = ++this.runs;
      assets.length = 0;
      let to = from;
      for (; to < batch.length; to++) {
        const a = this.runtime(batch[to].assetId);
        if (a.run === run) break;
        a.run = run;
        assets.push(a);
      }
      this.ingestRun(batch, from, assets, changes);
      from = to;
    }
    return changes;
  }

  private ingestRun(batch: readonly { atMs: number; reading: Reading }[], from: number, assets: readonly AssetRuntime[], changes: AlertChange[]): void {
    const clock = this.opts.clock, t1 = clock?.() ?? 0;
    const n = assets.length, lives: (LiveModel | null)[] = new Array(n), assessed: Assessment[] = new Array(n);
    // One batch of feature vectors per model (a fleet has a handful of models).
    const byModel = new Map<LiveModel, number[]>();
    for (let i = 0; i < n; i++) {
      const b = batch[from + i];
      if (b.atMs > this.simTimeMs) this.simTimeMs = b.atMs;
      const live = (lives[i] = this.take(assets[i], b.reading));
      if (!live) continue;
      const list = byModel.get(live);
      if (list) list.push(i);
      else byModel.set(live, [i]);
    }
    for (const [live, ks] of byModel) {
      const xs: Float64Array[] = new Array(ks.length);
      for (let j = 0; j < ks.length; j++) xs[j] = assets[ks[j]].window!.features();
      const p = probabilities(live.model, xs);
      for (let j = 0; j < ks.length; j++) {
        const a = assets[ks[j]], values = batch[from + ks[j]].reading.values;
        const modes = p[j] >= MODES_FROM * operatingThreshold(a.config) ? modeProbabilities(live.model, xs[j], p[j]) : NO_MODES;
        assessed[ks[j]] = assessScored(a.config, live, values, a.state.status, a.levels, p[j], modes);
        if (a.rows.length >= live.features.window) append(changes, this.drift.observe(live, batch[from + ks[j]].atMs, xs[j], p[j]));
      }
    }
    for (let i = 0; i < n; i++) {
      const a = assets[i];
      assessed[i] ??= assess(a.config, null, a.rows, batch[from + i].reading.values, a.state.status, null, a.levels);
    }
    if (clock) this.timing.predict += clock() - t1;
    for (let i = 0; i < n; i++) append(changes, this.finish(assets[i], batch[from + i].atMs, batch[from + i].reading, assessed[i]));
  }

  private ingestInto(a: AssetRuntime, atMs: number, step: Reading): AlertChange[] {
    const clock = this.opts.clock, t1 = clock?.() ?? 0;
    const live = this.take(a, step);
    // With the live window, `rows` is not read (and the model's pipeline takes its own lookback of them otherwise): no copy per reading.
    const assessed = assess(a.config, live, a.rows, step.values, a.state.status, live ? a.window : null, a.levels);
    // A reading whose rolling window is still filling (a fleet's first hours) is not compared: its
    // window features sit far below a full window's, which would read as drift at every first start.
    const drift = live && assessed.x && assessed.probability !== null && a.rows.length >= live.features.window ? this.drift.observe(live, atMs, assessed.x, assessed.probability) : [];
    if (clock) this.timing.predict += clock() - t1;
    const changes = this.finish(a, atMs, step, assessed);
    append(changes, drift);
    return changes;
  }

  private modelOf(a: AssetRuntime): LiveModel | null {
    const id = a.config.modelRunId;
    return id ? this.models.get(id) ?? null : null;
  }

  /** The rows the asset's model looks back over (one without a model). */
  private keptRows(a: AssetRuntime): ModelRow[] {
    const keep = this.modelOf(a)?.features.window ?? 1;
    return a.rows.length > keep ? a.rows.slice(a.rows.length - keep) : a.rows;
  }

  /** Keeps the reading in the asset's window (rows and the model's typed window); returns its model. */
  private take(a: AssetRuntime, step: Pick<Reading, 'row'>): LiveModel | null {
    const live = this.modelOf(a);
    const keep = live ? live.features.window : 1;
    a.rows.push(step.row);
    if (a.rows.length > keep + ROWS_SLACK) a.rows = a.rows.slice(a.rows.length - keep);
    if (live && a.windowOf === live.version) a.window!.push(step.row);
    else if (live) {
      // A new model (or a restart): its window starts from the readings kept.
      a.window = live.features.createWindow();
      a.windowOf = live.version;
      for (const r of this.keptRows(a)) a.window.push(r);
    }
    return live;
  }

  /** Trend history, remaining life, the snapshot, failures and the alert rules for one assessed reading. */
  private finish(a: AssetRuntime, atMs: number, step: Pick<Reading, 'values' | 'row' | 'failure'>, assessed: Assessment): AlertChange[] {
    const clock = this.opts.clock, t2 = clock?.() ?? 0;
    const h = a.history;
    h.push(atMs, step.values, assessed.probability);
    const rul = a.config.kind === 'milling' ? toolLife(step.values.toolWearMin) : vibrationLife(h.times, h.column('vibrationMmS'), RUL_READINGS);
    const held = heldStatus(a.state.status, assessed.status, a.lowerFor);
    a.lowerFor = held.lowerFor;
    // Listed field by field: an object rest/spread here costs microseconds per reading.
    a.state = {
      assetId: a.config.id, values: step.values, lastReadingMs: atMs, probability: assessed.probability, modes: assessed.modes, threshold: assessed.threshold,
      health: assessed.health, status: held.status, worstZone: assessed.worstZone, modelVersion: assessed.modelVersion, rul, down: false, readings: a.state.readings + 1,
    };
    if (this.journal) this.journal.push({ assetId: a.config.id, t: atMs, readings: step.values, probability: assessed.probability, modelVersion: assessed.modelVersion, inputs: historyInputs(a.config.kind, step.values, step.row) });
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

  private runtime(assetId: string): AssetRuntime {
    const a = this.assets.get(assetId);
    if (!a) throw new Error(`no asset "${assetId}" in the fleet`);
    return a;
  }

  /** For persistence: what a restart needs to continue exactly here. */
  persisted(): PersistedFleet {
    return { simTimeMs: this.simTimeMs, assets: [...this.assets.values()].map((a) => ({ id: a.config.id, sim: a.sim, nextDueMs: a.nextDueMs, rows: this.keptRows(a), state: a.state, ...a.history.window() })) };
  }

  /** Continues from `persisted()`: simulators, readings windows, statuses and trends as they were. */
  restore(p: PersistedFleet): void {
    this.simTimeMs = p.simTimeMs;
    for (const s of p.assets) {
      const a = this.assets.get(s.id);
      if (!a) continue;
      a.sim = s.sim;
      // A broker-fed asset's Infinity comes back from JSON as null.
      a.nextDueMs = a.config.source === 'mqtt' ? Infinity : s.nextDueMs;
      a.rows = [...s.rows];
      a.windowOf = null;
      a.lowerFor = 0;
      a.state = s.state;
      a.history.restore(s.times, s.series);
    }
  }
}

/** Appends without spreading (a spread of a long list can overflow the stack). */
function append<T>(to: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) to.push(items[i]);
}
