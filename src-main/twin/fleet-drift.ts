/**
 * Drift monitoring of the live fleet: one monitor per live model (pooled over every asset the
 * model scores, since drift is a property of the data a model sees, not of one machine), fed
 * with each scored reading's features and calibrated probability, and turned into one
 * "retrain recommended" alert per model in the normal alert lifecycle.
 */
import { DEFAULT_DRIFT_POLICY, ModelDriftMonitor, type DriftPolicy, type DriftReport } from '../ml/drift-monitor';
import type { DriftMonitorState } from '../ml/drift-state';
import { formatNumber, type AlertChange, type AlertEngine, type MonitorRule } from './alerts';
import type { LiveModel } from './scoring';
import { relativeFeatures } from './relative-features';
import { setpointFeatures } from './setpoint-features';

export const DRIFT_RULE: MonitorRule = { id: 'monitor:drift', name: 'Retrain recommended: data drift', severity: 'warning' };

export class FleetDrift {
  private readonly monitors = new Map<string, ModelDriftMonitor>();
  /** Stored windows waiting for their model to be loaded (models load after the fleet starts). */
  private readonly pending = new Map<string, DriftMonitorState>();

  constructor(
    private readonly alerts: AlertEngine,
    private readonly policy: DriftPolicy = DEFAULT_DRIFT_POLICY,
  ) {}

  /** A model (re)loaded: a new version starts a new window; the same version keeps its window. */
  setModel(live: LiveModel): void {
    if (this.monitors.get(live.runId)?.version === live.version) return;
    const ref = live.model.driftReference;
    // Models from before drift references were kept (or fixtures without one) are not monitored.
    if (ref.features.length === 0) return void this.monitors.delete(live.runId);
    const monitor = new ModelDriftMonitor(live.runId, live.version, ref, live.model.features, this.policy, setpointFeatures(live), relativeFeatures(live));
    this.monitors.set(live.runId, monitor);
    const stored = this.pending.get(live.runId);
    this.pending.delete(live.runId);
    if (stored?.version === live.version) restoreOrStartEmpty(monitor, stored);
  }

  /** Every monitor's window, for the fleet's stored state (with those still waiting for their model). */
  snapshot(): DriftMonitorState[] {
    return [...[...this.monitors.values()].map((m) => m.snapshot()), ...[...this.pending.values()].filter((p) => !this.monitors.has(p.runId))];
  }

  /** Stored windows: each continues when its model (the same version) is loaded, or at once if it is. */
  restore(states: readonly DriftMonitorState[]): void {
    for (const s of states) {
      const m = this.monitors.get(s.runId);
      if (m?.version === s.version) restoreOrStartEmpty(m, s);
      else if (!m) this.pending.set(s.runId, s);
    }
  }

  /** One scored reading; returns alert changes when an evaluation raised, updated or cleared the model's alert. */
  observe(live: LiveModel, atMs: number, x: ArrayLike<number>, probability: number): AlertChange[] {
    const m = this.monitors.get(live.runId);
    const report = m?.version === live.version ? m.observe(atMs, x, probability) : null;
    if (!report || report.verdict === 'warming-up') return NONE;
    const drifting = report.verdict === 'drift';
    return this.alerts.signal(live.runId, DRIFT_RULE, atMs, drifting, maxJs(report), drifting ? message(report) : '', live.version);
  }

  /** Every monitored model's last evaluation. */
  reports(): DriftReport[] {
    return [...this.monitors.values()].map((m) => m.current());
  }

  report(runId: string): DriftReport | null {
    return this.monitors.get(runId)?.current() ?? null;
  }
}

const NONE: AlertChange[] = [];

/**
 * A stored window that does not fit (written by another version of the app, or damaged) is
 * dropped: the monitor starts empty, as it did before windows were stored, rather than stop the fleet.
 */
function restoreOrStartEmpty(m: ModelDriftMonitor, s: DriftMonitorState): void {
  try {
    m.restore(s);
  } catch {
    // Empty it is: a half-restored window would be worse than none.
  }
}

function maxJs(r: DriftReport): number {
  return Math.max(r.prediction.js, ...r.features.map((f) => f.js));
}

/** Names the drifting features, worst first, with their JS and PSI. */
function message(r: DriftReport): string {
  const all = [...r.features, r.prediction].filter((f) => f.verdict === 'drift').sort((a, b) => b.js - a.js);
  const shown = all.slice(0, 4).map((f) => `${f.name} (JS ${formatNumber(f.js)}, PSI ${formatNumber(f.psi)})`);
  const more = all.length > 4 ? ` and ${all.length - 4} more` : '';
  return `Model ${r.runId}: live data has drifted from its training data in ${shown.join(', ')}${more} — retrain recommended`;
}
