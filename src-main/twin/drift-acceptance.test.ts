/**
 * Drift acceptance on the real simulators and a real trained milling model (out-of-fold drift
 * reference, as training keeps it), simulated time as fast as the CPU runs: the demo fleet's six
 * milling centres, pooled by their model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveSeed } from '../common/random';
import { DEFAULT_DRIFT_POLICY, ModelDriftMonitor } from '../ml/drift-monitor';
import { AlertEngine, DEFAULT_ALERT_RULES } from './alerts';
import { newSimAsset } from './asset-sim';
import { demoFleet } from './assets';
import { Fleet } from './fleet';
import { DRIFT_RULE } from './fleet-drift';
import { DEMO_SCENARIO } from './scenario';
import { liveModel, type LiveModel } from './scoring';
import { setpointFeatures } from './setpoint-features';
import { millingModel } from './test-models';

const HOUR = 3_600_000, STEP = 10 * 60_000;
let live: LiveModel;
beforeAll(() => {
  live = liveModel('run-mill', millingModel(new Uint8Array(readFileSync(join(__dirname, '../../datasets/milling-ai4i.csv'))), { outOfFold: true }), null);
});

function fleet(seed: number): { f: Fleet; mills: string[] } {
  const f = new Fleet({ seed, startMs: DEMO_SCENARIO.startMs }, new AlertEngine(DEFAULT_ALERT_RULES));
  const register = demoFleet(12).map((a) => ({ ...a, modelRunId: a.kind === 'milling' ? live.runId : null }));
  for (const a of register) f.upsert(a, newSimAsset(a.kind, deriveSeed(seed, a.id)));
  f.setModel(live);
  return { f, mills: register.filter((a) => a.kind === 'milling').map((a) => a.id) };
}

const driftAlerts = (f: Fleet) => f.alerts.all().filter((a) => a.ruleId === DRIFT_RULE.id);

describe('drift monitoring of the live fleet', () => {
  it('a +5 K air-temperature shift raises "retrain recommended" within 2 simulated hours, naming the air temperature; it is acknowledged and clears when the shift ends', () => {
    for (const seed of [1, 2, 3]) {
      const { f, mills } = fleet(seed);
      f.advanceTo(DEMO_SCENARIO.startMs + 6 * HOUR);
      expect(driftAlerts(f)).toEqual([]);
      const shiftedAt = f.simTimeMs;
      for (const id of mills) f.setAmbientOffset(id, 5);
      let raisedAt: number | null = null;
      for (let t = shiftedAt + STEP; t <= shiftedAt + 2 * HOUR && raisedAt === null; t += STEP) {
        for (const c of f.advanceTo(t)) if (c.alert.ruleId === DRIFT_RULE.id && c.change === 'raised') raisedAt = c.alert.raisedAt;
      }
      expect(raisedAt, `seed ${seed}`).not.toBeNull();
      expect(raisedAt! - shiftedAt).toBeLessThanOrEqual(2 * HOUR);
      const [alert] = driftAlerts(f);
      expect(alert).toMatchObject({ assetId: live.runId, state: 'ACTIVE_UNACK', modelVersion: live.version });
      expect(alert.message).toContain('Air temperature [K]');
      expect(alert.message).toContain('retrain recommended');
      const report = f.drift.report(live.runId)!;
      expect(report.verdict).toBe('drift');
      expect(report.features.find((x) => x.name === 'Air temperature [K]')!.shift).toBeGreaterThan(DEFAULT_DRIFT_POLICY.shiftSd);
      // The operator's inputs are shown, not judged.
      expect(report.features.find((x) => x.name === 'Torque [Nm]')!.verdict).toBe('excluded');
      f.alerts.acknowledge(alert.id, 'Ana', 'retraining', f.simTimeMs);
      // The ambient returns to normal: the recent mean comes back and the alert clears.
      for (const id of mills) f.setAmbientOffset(id, 0);
      f.advanceTo(f.simTimeMs + 4 * HOUR);
      expect(driftAlerts(f).map((a) => [a.state, a.ackBy])).toEqual([['CLEARED', 'Ana']]);
    }
  });

  it('a stable fleet raises none: 24 h with the full 48 h distribution test running (72 h in all), over several seeds', () => {
    for (const seed of [1, 2, 3, 4]) {
      const { f } = fleet(seed);
      let fullEvaluations = 0;
      for (let t = DEMO_SCENARIO.startMs + STEP; t <= DEMO_SCENARIO.startMs + 72 * HOUR; t += STEP) {
        f.advanceTo(t);
        const r = f.drift.report(live.runId)!;
        if (r.windowFull) {
          fullEvaluations++;
          expect(r.verdict, `seed ${seed} at ${(t - DEMO_SCENARIO.startMs) / HOUR} h`).toBe('ok');
          for (const x of r.features.filter((q) => q.verdict !== 'excluded')) expect(x.js).toBeLessThan(DEFAULT_DRIFT_POLICY.js);
        }
      }
      expect(fullEvaluations).toBeGreaterThanOrEqual(24 * 6 - 2);
      expect(driftAlerts(f), `seed ${seed}`).toEqual([]);
    }
  });

  it('why the window is long: over a 2 h window the same stable fleet\'s random-walk air temperature reads as drift', () => {
    const { f } = fleet(1);
    const short = new ModelDriftMonitor('short', live.version, live.model.driftReference, live.model.features, { ...DEFAULT_DRIFT_POLICY, windowMs: 2 * HOUR, minSamples: 100 }, setpointFeatures(live));
    const observe = f.drift.observe.bind(f.drift);
    let worst = 0;
    f.drift.observe = (l, atMs, x, p) => {
      const r = short.observe(atMs, x, p);
      if (r?.windowFull) worst = Math.max(worst, r.features.find((q) => q.name === 'Air temperature [K]')!.js);
      return observe(l, atMs, x, p);
    };
    f.advanceTo(DEMO_SCENARIO.startMs + 24 * HOUR);
    expect(worst).toBeGreaterThan(DEFAULT_DRIFT_POLICY.js);
    expect(driftAlerts(f)).toEqual([]);
  });
});
