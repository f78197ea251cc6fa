/**
 * The live twin behind the contract: starts the fleet worker from what was stored, forwards its
 * frames and alert changes as events, stores its state (at once after anything an operator did or
 * an alert changed, otherwise every few seconds), and at first start trains the default model
 * sets on the bundled datasets in the background, then registers them with the assets.
 */
import type { AlertRule, AssetConfig, DefaultModels, FleetClock, FleetEvent } from '../shared/contract';
import { demoFleet, type AssetKind } from '../twin/assets';
import type { StorageApi } from '../store/storage-api';
import type { AuditInput } from '../store/audit-repo';
import type { RpcClient } from '../workers/rpc';
import type { DataApi } from './data-api';
import type { DatasetService } from './dataset-service';
import type { EventHub } from './events';
import type { ModelService } from './model-service';
import type { TwinApi, TwinInit, TwinTick } from './twin-api';
import { defaultForestFor } from '../shared/contract';

// `demo`: the reading interval of a demo fleet written by the web host's --demo-interval (load tests).
const KEYS = ['register', 'fleet', 'alerts', 'events', 'rules', 'clock', 'defaultModels', 'demo', 'drift'] as const;
const SAVE_EVERY_MS = 5000;
/**
 * The assets' simulators, windows and trends (~5 KB an asset as JSON) are stored at most this
 * often: every 5 s for the demo fleet, less often for a large one (10,000 assets: every 50 s),
 * since building, copying and writing 70 MB every 5 s took the host about a core. Alerts, events
 * and the clock are stored every time; a crash re-simulates from the older fleet state (readings
 * of the same asset and time are replaced in the history store).
 */
export function fleetSaveEveryMs(assets: number): number {
  return Math.max(SAVE_EVERY_MS, assets * 5);
}
/**
 * The drift monitors' windows (up to a few MB for a large fleet) are stored with the state at most
 * this often (real ms), and always when the app closes or the computer sleeps: a crash loses at
 * most this much of the 48 h window, never all of it.
 */
const DRIFT_SAVE_EVERY_MS = 30_000;
/** History retention (simulated time) and disk quota; pruning runs after this much real or simulated time. */
export const HISTORY_POLICY = { rawKeepMs: 7 * 86_400_000, minuteKeepMs: 365 * 86_400_000, quotaBytes: 2 * 1024 ** 3, pruneEveryMs: 60_000, pruneEverySimMs: 3_600_000, rawAssets: 500 };
/** The history policy; Settings › Storage sets raw days, raw assets and the quota. */
export type HistoryPolicy = typeof HISTORY_POLICY;
/** Trend charts show this much simulated time, in at most this many points. */
const TREND_SPAN_MS = 24 * 3_600_000;
const TREND_POINTS = 720;
/** Stored models load this long after start at the latest when no window has asked for the fleet yet. */
const FIRST_STATE_WAIT_MS = 1500;
/** The demo fleet's seed: the same fleet on every machine. */
const FLEET_SEED = 20261125;

/** Which bundled dataset and pipeline trains each asset kind's default model. */
export const DEFAULT_MODEL_SOURCES: Record<AssetKind, { datasetId: string; pipeline: 'milling-physics' | 'fleet-timeseries'; trees: number; maxDepth: number }> = {
  milling: { datasetId: 'milling-ai4i', pipeline: 'milling-physics', trees: 100, maxDepth: 24 },
  motor: { datasetId: 'motor-fleet', pipeline: 'fleet-timeseries', trees: 50, maxDepth: 16 },
};

export class TwinService {
  private register: AssetConfig[] = [];
  private defaults: Partial<Record<AssetKind, string>> = {};
  private models: DefaultModels = { state: 'loading', message: 'loading the default models', progress: 0 };
  private saveTimer: ReturnType<typeof setInterval> | null = null;
  private readonly loop = new AbortController();
  private saving: Promise<unknown> = Promise.resolve();
  private readonly loaded = new Set<string>();
  /** History batches go to storage one after another; ids stay unique across restarts (real-time based). */
  private historyWrites: Promise<unknown> = Promise.resolve();
  private nextBatch = Date.now();
  private lastPruneMs = Date.now();
  private lastPruneSimMs = -Infinity;
  private simTimeMs = 0;
  /** The last storage failure (disk full, folder not writable): shown, and cleared by the next success. */
  private storageError: string | null = null;
  /** The clock was running when the computer went to sleep, and the sleep paused it (resume undoes only that). */
  private pausedForSleep = false;
  private firstStateServed: () => void = () => undefined;
  private readonly firstState = new Promise<void>((resolve) => (this.firstStateServed = resolve));

  constructor(
    private readonly twin: RpcClient<TwinApi>,
    private readonly storage: RpcClient<StorageApi>,
    private readonly data: RpcClient<DataApi>,
    private readonly datasets: DatasetService,
    private readonly modelService: ModelService,
    private readonly events: EventHub,
    private readonly operator: () => Promise<string>,
    /** Read before each pruning, so a change in Settings applies from the next one. */
    readonly historyPolicy: () => Promise<HistoryPolicy> = async () => HISTORY_POLICY,
  ) {}

  async start(defaultModels = true): Promise<void> {
    const docs = await this.storage.call('readTwinState', [...KEYS]);
    this.register = (docs.register as AssetConfig[] | undefined) ?? demoFleet();
    this.defaults = (docs.defaultModels as Partial<Record<AssetKind, string>> | undefined) ?? {};
    const init: TwinInit = {
      seed: FLEET_SEED, register: this.register, rules: (docs.rules as AlertRule[] | undefined) ?? null,
      fleet: (docs.fleet as TwinInit['fleet']) ?? null, alerts: (docs.alerts as TwinInit['alerts']) ?? null,
      events: (docs.events as FleetEvent[] | undefined) ?? [], clock: (docs.clock as TwinInit['clock']) ?? null,
      intervalS: (docs.demo as { intervalS?: number } | undefined)?.intervalS,
      drift: (docs.drift as TwinInit['drift']) ?? null,
    };
    await this.twin.call('init', init);
    await this.applyRawHistory(await this.historyPolicy().catch(() => HISTORY_POLICY));
    // Not saved (an unwritable folder): reported, and the twin runs on.
    await this.save({ register: this.register }).catch((e: Error) => this.storageFailed(`asset register not saved: ${e.message}`));
    this.saveTimer = setInterval(() => void this.persist(), SAVE_EVERY_MS);
    if (defaultModels) void this.startWithModels();
    else {
      this.startLoop();
      this.setModels({ state: 'ready', message: 'default models are turned off', progress: 1 });
    }
  }

  /** A window has read the fleet's state (the runtime calls this after answering `fleet:state`). */
  stateServed(): void {
    this.firstStateServed();
  }

  /**
   * The first paint first: reading a stored model into the twin worker takes it 0.3–0.6 s, and a
   * window's first `fleet:state` waited behind it (measured: the value painted 1.2 s after the page
   * loaded). So models trained before are loaded once a window has the state (or after a short
   * wait), then the loop starts — scoring its first readings with them — and missing default
   * models train in the background while the fleet runs.
   */
  private async startWithModels(): Promise<void> {
    await Promise.race([this.firstState, new Promise((r) => setTimeout(r, FIRST_STATE_WAIT_MS))]);
    try {
      const runs = new Set((await this.modelService.listRuns()).map((r) => r.runId));
      const trained = [...Object.values(this.defaults), ...this.register.map((a) => a.modelRunId)];
      for (const runId of new Set(trained)) if (runId && runs.has(runId)) await this.loadRun(runId);
    } catch {
      // ensureModels below tries again and reports what failed.
    }
    this.startLoop();
    await this.ensureModels();
  }

  private startLoop(): void {
    if (this.loop.signal.aborted) return;
    void this.twin.call('run', undefined, { signal: this.loop.signal, onProgress: (t) => this.onTick(t as TwinTick) }).catch(() => undefined);
  }

  private onTick(t: TwinTick): void {
    this.simTimeMs = t.frame.clock.simTimeMs;
    if (t.history.length || t.minutes.length) this.writeHistory(t.history, t.minutes);
    if (t.frame.assets.length || t.frame.events.length || t.frame.clock) this.events.emit('fleet:frame', t.frame);
    if (t.alerts.length) {
      this.events.emit('alerts:changed', { changes: t.alerts });
      // Alert lifecycle changes are stored at once: an acknowledged alert must survive a power cut.
      void this.persist();
    }
  }

  /**
   * Stores the readings of one tick as one history batch (synchronous=NORMAL), in order. A failure
   * (disk full, folder not writable) is reported and the fleet runs on; the next batch tries again.
   */
  private writeHistory(rows: TwinTick['history'], minutes: TwinTick['minutes']): void {
    const batch = this.nextBatch++;
    this.historyWrites = this.historyWrites
      .then(async () => {
        await this.storage.call('appendHistory', { batch, rows, minutes });
        if (Date.now() - this.lastPruneMs >= HISTORY_POLICY.pruneEveryMs || this.simTimeMs - this.lastPruneSimMs >= HISTORY_POLICY.pruneEverySimMs) {
          this.lastPruneMs = Date.now();
          this.lastPruneSimMs = this.simTimeMs;
          const policy = await this.historyPolicy();
          const rawAssets = await this.applyRawHistory(policy);
          await this.storage.call('pruneHistory', { nowMs: this.simTimeMs, rawKeepMs: policy.rawKeepMs, minuteKeepMs: policy.minuteKeepMs, quotaBytes: policy.quotaBytes, rawAssets });
        }
        this.storageOk();
      })
      .catch((e: Error) => this.storageFailed(`history not saved: ${e.message}`));
  }

  /** The rawAssets list the twin worker was last given (joined), so an unchanged one is not sent again. */
  private rawHistoryKey: string | null = null;

  /**
   * Raw readings for the first assets of the register; the others keep minute aggregates, which the
   * twin worker builds as it reads (so their raw readings never cross to the store). Returns the
   * assets with raw readings, or undefined when that is all of them.
   */
  private async applyRawHistory(policy: HistoryPolicy): Promise<string[] | undefined> {
    const rawAssets = this.register.length > policy.rawAssets ? this.register.slice(0, policy.rawAssets).map((a) => a.id) : undefined;
    const key = rawAssets ? rawAssets.join('\n') : '';
    if (key !== this.rawHistoryKey) {
      await this.twin.call('rawHistory', { assetIds: rawAssets ?? null });
      this.rawHistoryKey = key;
    }
    return rawAssets;
  }

  private storageFailed(message: string): void {
    if (this.storageError === message) return;
    this.storageError = message;
    this.events.emit('storage:changed', { ok: false, message });
  }

  private storageOk(): void {
    if (this.storageError === null) return;
    this.storageError = null;
    this.events.emit('storage:changed', { ok: true, message: 'saving again' });
  }

  get storageStatus(): { ok: boolean; message: string } {
    return this.storageError ? { ok: false, message: this.storageError } : { ok: true, message: 'saved' };
  }

  /** The twin's detail with its trends read from the history store: the last 24 h, downsampled. */
  async detail(assetId: string) {
    const detail = await this.twin.call('twin', { assetId });
    await this.historyWrites;
    const to = detail.snapshot.lastReadingMs ?? this.simTimeMs;
    try {
      const trend = await this.storage.call('readTrend', { assetId, fromMs: to - TREND_SPAN_MS, toMs: to + 1, maxPoints: TREND_POINTS });
      if (trend.times.length >= detail.history.times.length) detail.history = { times: trend.times, series: trend.series };
    } catch {
      // Without the store the worker's recent readings still draw the trends.
    }
    return detail;
  }

  /** Loads each kind's default model, training it first when there is none yet. */
  private async ensureModels(): Promise<void> {
    const kinds = Object.keys(DEFAULT_MODEL_SOURCES) as AssetKind[];
    try {
      const runs = new Set((await this.modelService.listRuns()).map((r) => r.runId));
      for (const [i, kind] of kinds.entries()) {
        let runId = this.defaults[kind];
        if (!runId || !runs.has(runId)) {
          runId = await this.trainDefault(kind, i, kinds.length);
          this.defaults[kind] = runId;
          await this.save({ defaultModels: this.defaults });
        }
        await this.loadRun(runId);
        // Assets of this kind without a model of their own get the default.
        let changed = false;
        this.register = this.register.map((a) => (a.kind === kind && !a.modelRunId ? ((changed = true), { ...a, modelRunId: runId! }) : a));
        if (changed) {
          for (const a of this.register.filter((x) => x.kind === kind)) await this.twin.call('upsertAsset', { asset: a });
          await this.save({ register: this.register });
        }
      }
      // Runs the user gave to particular assets.
      for (const a of this.register) if (a.modelRunId && runs.has(a.modelRunId)) await this.loadRun(a.modelRunId);
      this.setModels({ state: 'ready', message: 'default models loaded', progress: 1 });
    } catch (e) {
      this.setModels({ state: 'failed', message: `default models: ${(e as Error).message}`, progress: 0 });
    }
  }

  private async trainDefault(kind: AssetKind, index: number, count: number): Promise<string> {
    const src = DEFAULT_MODEL_SOURCES[kind];
    this.setModels({ state: 'training', message: `training the default ${kind} model on the bundled data`, progress: index / count });
    const overview = await this.datasets.openBundled(src.datasetId);
    const runId = `default-${kind}-${Date.now().toString(36)}`;
    const stop = this.events.subscribe((name, payload) => {
      if (name !== 'model:progress') return;
      const p = payload as { runId: string; fold: number; folds: number; treesDone: number; treesTotal: number };
      if (p.runId !== runId) return;
      const share = (Math.min(p.fold, p.folds) * p.treesTotal + p.treesDone) / ((p.folds + 1) * Math.max(1, p.treesTotal));
      this.setModels({ state: 'training', message: `training the default ${kind} model on the bundled data`, progress: (index + Math.min(1, share)) / count });
    });
    try {
      await this.modelService.train({
        runId, datasetId: src.datasetId, pipeline: src.pipeline, folds: 2, seed: 42, validation: 'holdout',
        forest: { ...defaultForestFor(overview.rows), nTrees: src.trees, maxDepth: src.maxDepth },
      });
    } finally {
      stop();
    }
    return runId;
  }

  private setModels(m: DefaultModels): void {
    this.models = m;
    this.events.emit('fleet:models', m);
  }

  get defaultModels(): DefaultModels {
    return this.models;
  }

  /** The default model run of a kind (null until trained or loaded): what an asset added from the broker is scored by. */
  defaultRunFor(kind: AssetKind): string | null {
    return this.defaults[kind] ?? null;
  }

  /** Loads a stored run into the twin worker once (an asset can be given any run in the register). */
  private async loadRun(runId: string): Promise<void> {
    if (this.loaded.has(runId)) return;
    await this.twin.call('loadModel', { runId, text: (await this.modelService.exportModel(runId)).text });
    this.loaded.add(runId);
  }

  async saveAsset(asset: AssetConfig): Promise<AssetConfig[]> {
    // The model first: an asset must never point at a run the worker cannot score with.
    if (asset.modelRunId) await this.loadRun(asset.modelRunId);
    await this.twin.call('upsertAsset', { asset });
    const i = this.register.findIndex((a) => a.id === asset.id);
    this.register = i >= 0 ? this.register.map((a) => (a.id === asset.id ? asset : a)) : [...this.register, asset];
    const detail = `${asset.name} · ${asset.kind} · model ${asset.modelRunId ?? 'none'} · downtime ${asset.downtimeCostPerHour}/h · energy ${asset.energyPricePerKWh}/kWh`;
    await this.storage.call('commitTwinState', { docs: { register: this.register }, audit: [{ who: await this.operator(), action: i >= 0 ? 'asset.change' : 'asset.add', subject: asset.id, detail }] });
    return this.register;
  }

  async removeAsset(assetId: string): Promise<AssetConfig[]> {
    if (!this.register.some((a) => a.id === assetId)) throw new Error(`no asset "${assetId}" in the register`);
    await this.twin.call('removeAsset', { assetId });
    this.register = this.register.filter((a) => a.id !== assetId);
    await this.storage.call('commitTwinState', { docs: { register: this.register }, audit: [{ who: await this.operator(), action: 'asset.remove', subject: assetId, detail: '' }] });
    return this.register;
  }

  /** Replays a loaded dataset's readings as extra assets, scored by the default model of their kind. */
  async replay(datasetId: string) {
    const src = await this.data.call('replaySource', { datasetId });
    return this.twin.call('replay', { title: src.title, source: { kind: src.kind, assets: src.assets }, modelRunId: this.defaults[src.kind] ?? null });
  }

  assets(): AssetConfig[] {
    return this.register;
  }

  watch(assetIds: string[]): Promise<number> {
    return this.twin.call('watch', { assetIds });
  }

  async control(arg: { speed?: FleetClock['speed']; paused?: boolean; step?: boolean }): Promise<FleetClock> {
    // The operator set the clock: their choice stands after a wake-up.
    if (arg.paused !== undefined) this.pausedForSleep = false;
    const clock = await this.twin.call('control', arg);
    // With the fleet's simulated time: a pause is where a restart must continue from.
    await this.persist([], { fleet: true });
    return clock;
  }

  /**
   * The computer is going to sleep: the state is stored while the clock still runs (so a battery
   * that dies asleep does not leave the next start paused), then the loop is paused. A clock the
   * operator paused is left alone.
   */
  private asleep = false;
  private suspending: Promise<void> = Promise.resolve();

  async suspend(): Promise<void> {
    // Set at once: a wake that arrives while this is still storing (the OS can freeze the process
    // mid-write) must cancel the pause rather than miss it.
    this.asleep = true;
    this.suspending = (async () => {
      if (this.pausedForSleep) return;
      if ((await this.twin.call('control', {})).paused) return;
      await this.persist([], { drift: true, fleet: true });
      if (!this.asleep) return;
      await this.twin.call('control', { paused: true });
      this.pausedForSleep = true;
    })();
    await this.suspending;
  }

  /** Awake again: resumes the clock only if the sleep paused it (after a suspend still under way). */
  async resume(): Promise<void> {
    this.asleep = false;
    await this.suspending.catch(() => undefined);
    if (!this.pausedForSleep) return;
    this.pausedForSleep = false;
    await this.twin.call('control', { paused: false });
  }

  async maintain(arg: { assetId: string; action: string; comment: string }): Promise<FleetEvent> {
    const who = await this.operator();
    const event = await this.twin.call('maintain', { ...arg, operator: who });
    // The asset's simulator changed (a new tool): stored with the event, or a crash would undo it.
    await this.persist([{ who, action: `maintenance.${arg.action}`, subject: arg.assetId, detail: event.detail }], { fleet: true });
    return event;
  }

  async acknowledge(arg: { alertId: string; comment: string }) {
    const who = await this.operator();
    const change = await this.twin.call('ack', { ...arg, who });
    // Shown as acknowledged once it is on disk (synchronous=FULL), not before.
    await this.persist([{ who, action: 'alert.acknowledge', subject: arg.alertId, detail: `${change.alert.assetId} · ${change.alert.ruleName}${arg.comment ? ` — ${arg.comment}` : ''}` }]);
    this.events.emit('alerts:changed', { changes: [change] });
    return change.alert;
  }

  async saveRules(rules: AlertRule[]): Promise<AlertRule[]> {
    const r = await this.twin.call('saveRules', { rules });
    if (r.changes.length) this.events.emit('alerts:changed', { changes: r.changes });
    await this.persist([{ who: await this.operator(), action: 'rules.change', subject: 'alert rules', detail: r.rules.map((x) => `${x.id}${x.enabled ? '' : ' (off)'}`).join(', ') }]);
    return r.rules;
  }

  /**
   * Stores the fleet, alerts, events, clock and rules in one transaction (one at a time). With
   * audit entries (an operator's act) it is committed at synchronous=FULL with them; a failure is
   * reported to the window and thrown to the operator's request, while the fleet runs on.
   */
  persist(audit: AuditInput[] = [], opts: { drift?: boolean; fleet?: boolean } = {}): Promise<unknown> {
    const run = this.saving.then(async () => {
      const now = Date.now();
      const drift = opts.drift || now - this.driftSavedAt >= DRIFT_SAVE_EVERY_MS;
      const fleet = opts.fleet || now - this.fleetSavedAt >= fleetSaveEveryMs(this.register.length);
      const p = await this.twin.call('persisted', { drift, fleet });
      const docs = { ...(p.fleet ? { fleet: p.fleet } : {}), alerts: p.alerts, events: p.events, clock: p.clock, rules: p.rules, ...(p.drift ? { drift: p.drift } : {}) };
      await (audit.length ? this.storage.call('commitTwinState', { docs, audit }) : this.save(docs));
      if (drift) this.driftSavedAt = now;
      if (fleet) this.fleetSavedAt = now;
      this.storageOk();
    });
    this.saving = run.catch((e: Error) => this.storageFailed(`twin state not saved: ${e.message}`));
    return audit.length ? run : this.saving;
  }

  private save(docs: Record<string, unknown>): Promise<boolean> {
    return this.storage.call('writeTwinState', docs);
  }

  private driftSavedAt = Date.now();
  private fleetSavedAt = 0;

  async close(): Promise<void> {
    if (this.saveTimer) clearInterval(this.saveTimer);
    await this.persist([], { drift: true, fleet: true });
    this.loop.abort();
  }
}
