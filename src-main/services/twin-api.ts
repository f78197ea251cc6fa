/**
 * What the twin worker answers: the live fleet on its simulated clock. `run` is the loop — a
 * long-running call whose progress messages are the frames (≤ 10 per second, only assets that
 * changed), ended by cancelling it. Everything else reads or changes the fleet between ticks.
 * Runs inside the worker, or in-process in tests, with the real-time clock injected.
 */
import { SPARKLINE_POINTS as SPARK_POINTS, type AlertRule, type AssetConfig, type FleetClock, type FleetEvent, type FleetFrame, type TwinDetail, type WhatIfResult } from '../shared/contract';
import { parseModel } from '../ml/model-file';
import { AlertEngine, DEFAULT_ALERT_RULES, validateRules, type AlertChange, type AlertEngineSnapshot } from '../twin/alerts';
import { acceptsAction, newSimAsset } from '../twin/asset-sim';
import { DEFAULT_COSTS, MAINTENANCE_ACTIONS, sensorLevels, validateAsset } from '../twin/assets';
import type { ReplaySource } from '../twin/replay';
import { Fleet, type JournalEntry, type PersistedFleet, type Reading } from '../twin/fleet';
import { MinuteRollup, type MinuteRow } from '../twin/minute-rollup';
import { findOperatingPoint } from '../twin/operating-point';
import { DEMO_SCENARIO, withDemoFault } from '../twin/scenario';
import { assess, liveModel, overridden, reasons } from '../twin/scoring';
import { deriveSeed } from '../common/random';
import type { CallContext } from '../workers/rpc';
import { DEFAULT_DRIFT_POLICY } from '../ml/drift-monitor';
import type { DriftMonitorState } from '../ml/drift-state';

/** Frames per second at most; the loop ticks at this rate. */
const FRAME_HZ = 10;
/** A tick later than this (real ms) means the computer slept: the gap is not simulated. */
const SLEEP_GAP_MS = 2000;
/**
 * Assets per frame at most (~200 KB of JSON): a burst of changes (10,000 assets reading at the same
 * moment, hundreds raising alerts) goes out over the next frames instead of as one large frame that
 * the window parses and renders in one frame's time (measured: 1,500-asset frames of 640 KB cost
 * the fleet view missed refreshes).
 */
export const FRAME_ASSETS = 500;
/**
 * Changed assets sent per real second, round the register, besides those on screen and those whose
 * alerts changed (sent at once). A fleet of a few thousand is sent whole every second; one of
 * 10,000 reading at 1 Hz refreshes each row off screen every ~4 s: parsing and merging 10,000
 * snapshots a second took the window's main thread (and its garbage collector) most of the time
 * its frames needed, for rows nobody could see.
 */
export const FRAME_ASSETS_PER_SECOND = 2500;

export interface TwinInit {
  seed: number;
  register: AssetConfig[];
  rules: AlertRule[] | null;
  fleet: PersistedFleet | null;
  alerts: AlertEngineSnapshot | null;
  events: FleetEvent[];
  clock: { speed: FleetClock['speed']; paused: boolean } | null;
  /** Every asset reads this often (simulated s) instead of its kind's spacing: a load-test demo fleet. */
  intervalS?: number;
  /** The drift monitors' stored windows (each continues once its model is loaded). */
  drift?: DriftMonitorState[] | null;
}

export interface TwinTick {
  frame: FleetFrame;
  alerts: AlertChange[];
  /** The readings taken in since the last tick of assets whose raw history is kept, for the history store. */
  history: JournalEntry[];
  /** Minutes completed since the last tick of the other assets' readings (aggregated here: minute-rollup.ts). */
  minutes: MinuteRow[];
}


/**
 * `realNow`: the real clock the loop paces simulated time by. `frameMs`: the pause between ticks
 * (1000 / FRAME_HZ; the soak benchmark runs days in minutes with a stepped clock and no pause).
 */
export function createTwinApi(realNow: () => number = () => performance.now(), opts: { frameMs?: number } = {}) {
  const frameMs = opts.frameMs ?? 1000 / FRAME_HZ;
  let fleet: Fleet | null = null;
  let rules: AlertRule[] = DEFAULT_ALERT_RULES;
  let clock: { speed: FleetClock['speed']; paused: boolean } = { speed: 100, paused: false };
  /** Per asset: its reading count and sparkline series in the last frame that carried it. */
  const sent = new Map<string, number>();
  const sentKey = new Map<string, string>();
  let cursor = 0;
  let eventsSent = 0;
  /** Alert changes from broker readings taken in between ticks: the next tick sends them with its own. */
  const externalChanges: AlertChange[] = [];
  /** Assets whose raw readings the store keeps (null: all); the others' readings go to `rollup`. */
  let rawIds: Set<string> | null = null;
  const rollup = new MinuteRollup();

  /** The journal since the last tick, split into raw readings to store and minute aggregates. */
  const drainJournal = (f: Fleet): { history: JournalEntry[]; minutes: MinuteRow[] } => {
    const all = f.journal ? f.journal.splice(0) : [];
    const history = rawIds ? [] : all;
    if (rawIds) {
      for (const e of all) {
        if (rawIds.has(e.assetId)) history.push(e);
        else rollup.add(e);
      }
    }
    return { history, minutes: rollup.drain() };
  };

  const need = (): Fleet => {
    if (!fleet) throw new Error('the fleet is not started yet');
    return fleet;
  };
  const clockOf = (): FleetClock => ({ simTimeMs: need().simTimeMs, ...clock });
  /** An asset's row in the fleet list: its snapshot and a sparkline of its risk (or, without a model, its first sensor). */
  const headline = (f: Fleet, id: string) => {
    const snapshot = f.snapshot(id);
    const key = snapshot.probability !== null ? 'probability' : sensorLevels(f.config(id))[0].key;
    // Readings before a model existed have no probability: left out, not drawn as zeros.
    return { snapshot, sparkline: f.recent(id, key, SPARK_POINTS).filter(Number.isFinite) };
  };

  /**
   * An asset's entry in a frame. Its sparkline is only the points since its last frame when the
   * window has the ones before (same series, fewer new readings than the sparkline holds).
   */
  const changed = (f: Fleet, id: string, before: number | undefined): FleetFrame['assets'][number] => {
    const snapshot = f.snapshot(id);
    const key = snapshot.probability !== null ? 'probability' : sensorLevels(f.config(id))[0].key;
    const fresh = before === undefined ? Infinity : snapshot.readings - before;
    const append = sentKey.get(id) === key && fresh < SPARK_POINTS;
    sentKey.set(id, key);
    if (!append) return headline(f, id);
    return { snapshot, sparkline: f.recent(id, key, fresh).filter(Number.isFinite), appended: true };
  };

  /** Assets a window shows (its visible rows, its open twin): in every frame they changed in. */
  let watched: string[] = [];
  /** Round-the-register sends available (FRAME_ASSETS_PER_SECOND of real time, up to a second's worth). */
  let credit = FRAME_ASSETS_PER_SECOND;

  /**
   * The changed assets and new events since the last frame: first the watched ones and those in
   * `urgent` (their alerts changed), then others round the register from where the last frame
   * stopped (so none waits behind others), as many as `credit` allows (at most FRAME_ASSETS).
   */
  function frame(urgent: readonly string[]): FleetFrame {
    const f = need();
    const ids = f.ids();
    const assets: FleetFrame['assets'] = [];
    const take = (id: string): boolean => {
      const readings = f.snapshot(id).readings;
      const before = sent.get(id);
      if (before === readings) return false;
      assets.push(changed(f, id, before));
      sent.set(id, readings);
      return true;
    };
    for (const id of watched) if (f.has(id)) take(id);
    // Assets whose alerts changed first, up to the cap (the alerts themselves go out as events).
    for (const id of urgent) if (assets.length < FRAME_ASSETS && f.has(id)) take(id);
    const first = assets.length;
    const limit = Math.min(FRAME_ASSETS, first + Math.max(0, Math.floor(credit)));
    if (cursor >= ids.length) cursor = 0;
    for (let k = 0, i = cursor; k < ids.length && assets.length < limit; k++, i = i + 1 === ids.length ? 0 : i + 1) {
      if (take(ids[i])) cursor = i + 1;
    }
    credit -= assets.length - first;
    const events = f.events.slice(eventsSent);
    eventsSent = f.events.length;
    return { clock: clockOf(), assets, events };
  }

  function detail(assetId: string): TwinDetail {
    const f = need();
    const config = f.config(assetId);
    const sim = f.simAsset(assetId).sim;
    const setpoint: Record<string, number> = sim.kind === 'milling' ? Object.fromEntries(Object.entries(sim.setpoint).filter(([, v]) => typeof v === 'number')) as Record<string, number> : { loadLimit: sim.state.loadLimit };
    return {
      config, snapshot: f.snapshot(assetId), sensors: sensorLevels(config), actions: MAINTENANCE_ACTIONS[config.kind], history: f.history(assetId),
      events: f.events.filter((e) => e.assetId === assetId), setpoint,
    };
  }

  return {
    /** Starts (or restarts) the fleet from the register and whatever was persisted. */
    init(arg: TwinInit) {
      rules = arg.rules ?? DEFAULT_ALERT_RULES;
      const startMs = arg.fleet?.simTimeMs ?? DEMO_SCENARIO.startMs;
      const alerts = arg.alerts ? AlertEngine.restore(rules, arg.alerts) : new AlertEngine(rules);
      fleet = new Fleet({ seed: arg.seed, startMs, journal: true, intervalS: arg.intervalS }, alerts);
      for (const a of arg.register) fleet.upsert(a, withDemoFault(a.id, newSimAsset(a.kind, deriveSeed(arg.seed, a.id))));
      if (arg.fleet) fleet.restore(arg.fleet);
      if (Array.isArray(arg.drift)) fleet.drift.restore(arg.drift);
      fleet.events.push(...arg.events);
      eventsSent = fleet.events.length;
      // Nothing is stale for the time the app was not running.
      alerts.resume(fleet.simTimeMs);
      if (arg.clock) clock = arg.clock;
      sent.clear();
      return clockOf();
    },
    /**
     * Which assets keep raw readings in the store (the register's first so many, by the history
     * settings); null: all of them. The others' readings are stored as minute aggregates.
     */
    rawHistory(arg: { assetIds: string[] | null }) {
      const next = arg.assetIds ? new Set(arg.assetIds) : null;
      // An asset switching to raw readings starts them now; its minute in progress is dropped.
      for (const id of next ?? []) if (!rawIds || !rawIds.has(id)) rollup.forget(id);
      rawIds = next;
      return true;
    },
    /** The assets on screen in a window (rows in view, the open twin): sent in every frame they changed in. */
    watch(arg: { assetIds: string[] }) {
      watched = [...new Set(arg.assetIds)];
      return watched.length;
    },
    loadModel(arg: { runId: string; text: string }) {
      need().setModel(liveModel(arg.runId, parseModel(arg.text), 'timestamp'));
      return true;
    },
    async run(_arg: undefined, ctx: CallContext) {
      let last = realNow();
      while (!ctx.signal.aborted) {
        await new Promise((r) => setTimeout(r, frameMs));
        const now = realNow(), gap = now - last;
        last = now;
        const f = need();
        if (gap > SLEEP_GAP_MS) f.alerts.resume(f.simTimeMs);
        const changes = clock.paused ? [] : f.advanceTo(f.simTimeMs + Math.min(gap, SLEEP_GAP_MS) * clock.speed);
        changes.push(...f.alerts.dueReminders(f.simTimeMs), ...externalChanges.splice(0));
        credit = Math.min(FRAME_ASSETS_PER_SECOND, credit + FRAME_ASSETS_PER_SECOND * (gap / 1000));
        const fr = frame(changes.map((c) => c.alert.assetId));
        const { history, minutes } = drainJournal(f);
        if (fr.assets.length || fr.events.length || changes.length || history.length || minutes.length || !clock.paused) ctx.progress({ frame: fr, alerts: changes, history, minutes } satisfies TwinTick);
      }
      return true;
    },
    control(arg: { speed?: FleetClock['speed']; paused?: boolean; step?: boolean }) {
      const f = need();
      if (arg.speed) clock.speed = arg.speed;
      if (arg.paused !== undefined) clock.paused = arg.paused;
      // One step: to the next reading of any asset.
      // Broker-fed assets are never due (Infinity): a fleet of only those has no step to take.
      const next = arg.step ? Math.min(...f.ids().map((id) => f.nextDue(id))) : Infinity;
      if (Number.isFinite(next)) f.advanceTo(next);
      return clockOf();
    },
    state() {
      const f = need();
      return { clock: clockOf(), assets: f.ids().map((id) => ({ config: f.config(id), ...headline(f, id) })) };
    },
    twin: (arg: { assetId: string }) => detail(arg.assetId),
    reasons(arg: { assetId: string }) {
      const f = need();
      const live = f.liveModel(arg.assetId);
      if (!live) return [];
      const rows = f.rows(arg.assetId);
      if (rows.length === 0) return [];
      return reasons(live, live.features.compute(rows));
    },
    whatIf(arg: { assetId: string; overrides: Record<string, number> }): WhatIfResult {
      const f = need();
      const config = f.config(arg.assetId), live = f.liveModel(arg.assetId);
      const w = overridden(config.kind, f.rows(arg.assetId), f.snapshot(arg.assetId).values, arg.overrides);
      const a = assess(config, live, w.rows, w.values, 'NORMAL');
      return { probability: a.probability, modes: a.modes, health: a.health, status: a.status, threshold: a.threshold, reasons: live && a.x ? reasons(live, a.x) : [] };
    },
    optimise(arg: { assetId: string; bounds?: Record<string, { min: number; max: number }>; requiredPowerW?: number }) {
      const f = need();
      const live = f.liveModel(arg.assetId);
      if (!live) throw new Error(`asset ${arg.assetId} has no model yet: the optimiser needs failure probabilities`);
      const horizonHours = /within (\d+(?:\.\d+)?) h/.exec(live.model.horizon)?.[1];
      return findOperatingPoint(f.config(arg.assetId), live, f.rows(arg.assetId), f.snapshot(arg.assetId).values, f.simAsset(arg.assetId), { ...arg, horizonHours: horizonHours ? Number(horizonHours) : 24 });
    },
    setpoint(arg: { assetId: string; setpoint: Record<string, number> }) {
      need().setSetpoint(arg.assetId, arg.setpoint);
      return detail(arg.assetId);
    },
    maintain(arg: { assetId: string; action: string; comment: string; operator: string }): FleetEvent {
      const f = need();
      const config = f.config(arg.assetId);
      const label = MAINTENANCE_ACTIONS[config.kind].find((a) => a.action === arg.action)?.label;
      if (!label || !acceptsAction(config.kind, arg.action)) throw new Error(`"${arg.action}" is not a maintenance action of a ${config.kind} asset (actions: ${MAINTENANCE_ACTIONS[config.kind].map((a) => a.action).join(', ')})`);
      if (!arg.operator.trim()) throw new Error('set the operator name in Settings first: maintenance is logged with who did it');
      f.maintain(arg.assetId, arg.action, `${label} — ${arg.operator.trim()}${arg.comment.trim() ? `: ${arg.comment.trim()}` : ''}`);
      return f.events[f.events.length - 1];
    },
    alerts(arg: { assetId?: string; openOnly?: boolean }) {
      const list = arg.openOnly ? need().alerts.open() : need().alerts.all();
      return list.filter((a) => !arg.assetId || a.assetId === arg.assetId).sort((a, b) => b.raisedAt - a.raisedAt);
    },
    ack(arg: { alertId: string; who: string; comment: string }) {
      const f = need();
      return f.alerts.acknowledge(arg.alertId, arg.who, arg.comment, f.simTimeMs);
    },
    rules: () => rules,
    saveRules(arg: { rules: AlertRule[] }) {
      const errors = validateRules(arg.rules);
      if (errors.length) throw new Error(`alert rules not saved: ${errors.join('; ')}`);
      const f = need();
      const changes = f.alerts.setRules(arg.rules, f.simTimeMs);
      rules = arg.rules;
      return { rules, changes };
    },
    /**
     * Readings from the plant's broker (already stored by the ingest service), in arrival order; the
     * next tick's frame, alerts and history carry them. Returns how many broker-fed assets took.
     */
    ingestExternal(arg: { readings: { assetId: string; atMs: number; reading: Reading }[] }) {
      const r = need().ingestExternal(arg.readings);
      for (const c of r.changes) externalChanges.push(c);
      return r.taken;
    },
    upsertAsset(arg: { asset: AssetConfig }) {
      const errors = validateAsset(arg.asset);
      if (errors.length) throw new Error(errors.join('; '));
      need().upsert(arg.asset);
      sent.delete(arg.asset.id);
      return true;
    },
    removeAsset(arg: { assetId: string }) {
      need().remove(arg.assetId);
      sent.delete(arg.assetId);
      rollup.forget(arg.assetId);
      return true;
    },
    /**
     * Replays recorded readings as extra assets (`R-<id>`), on the fleet's clock from now. Replayed
     * assets live for the session: they are not added to the stored register.
     */
    replay(arg: { title: string; source: ReplaySource; modelRunId: string | null }) {
      const f = need();
      const { kind, assets } = arg.source;
      const firstMs = Math.min(...assets.map((a) => a.times[0]));
      const ids: string[] = [];
      for (const a of assets) {
        const id = `R-${a.id}`.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40);
        const config: AssetConfig = { id, name: `${a.id} (replay of ${arg.title})`, kind, modelRunId: arg.modelRunId, limits: {}, ...DEFAULT_COSTS[kind] };
        f.addReplay(config, a.times, a.rows.map((row, k) => ({ row, values: a.values[k], failure: null })), firstMs);
        sent.delete(id);
        ids.push(id);
      }
      const readings = assets.reduce((n, a) => n + a.times.length, 0);
      const spanMs = Math.max(...assets.map((a) => a.times[a.times.length - 1])) - firstMs;
      return { assets: ids, readings, fromMs: f.simTimeMs, toMs: f.simTimeMs + spanMs };
    },
    /** Every live model's drift state, and the policy its verdicts use. */
    drift() {
      const p = DEFAULT_DRIFT_POLICY;
      const policy = { windowHours: p.windowMs / 3_600_000, recentHours: p.recentMs / 3_600_000, everyMinutes: p.everyMs / 60_000, js: p.js, psi: p.psi, shiftSd: p.shiftSd, minSamples: p.minSamples };
      return { policy, models: need().drift.reports() };
    },
    /** The recorded failures (the event log's, as kept with the fleet's state): what a retrain labels history by. */
    failures: () => need().events.filter((e) => e.kind === 'failure'),
    /** The drift scenario: milling centres' ambient temperature shifted by offsetK (all of them, or those named). */
    shiftAmbient(arg: { offsetK: number; assetIds?: string[] }) {
      const f = need();
      const ids = arg.assetIds ?? f.ids().filter((id) => f.config(id).kind === 'milling');
      for (const id of ids) f.setAmbientOffset(id, arg.offsetK);
      return { assets: ids };
    },
    /**
     * What the services store, so a restart continues here. The assets' simulators, windows and
     * trends (`fleet`, ~5 KB an asset) only unless `fleet` is false; the drift monitors' windows
     * only with `drift` (both larger, stored less often).
     */
    persisted(arg?: { drift?: boolean; fleet?: boolean }) {
      const f = need();
      return {
        ...(arg?.fleet === false ? {} : { fleet: f.persisted() }), alerts: f.alerts.snapshot(), events: f.events.slice(-2000), clock, rules,
        ...(arg?.drift ? { drift: f.drift.snapshot() } : {}),
      };
    },
  };
}

export type TwinApi = ReturnType<typeof createTwinApi>;
