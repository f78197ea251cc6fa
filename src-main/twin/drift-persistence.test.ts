/**
 * A drift monitor's window is stored with the fleet's state: after a restart the 48 h
 * distribution test continues where it was instead of starting from empty. On the real
 * simulators and a real milling model, a fleet stored (through JSON, as the database keeps it)
 * and restored gives the same reports, evaluation for evaluation, as the one that never stopped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveSeed } from '../common/random';
import { ModelDriftMonitor } from '../ml/drift-monitor';
import type { DriftMonitorState } from '../ml/drift-state';
import { AlertEngine, DEFAULT_ALERT_RULES, type AlertEngineSnapshot } from './alerts';
import { newSimAsset } from './asset-sim';
import { demoFleet } from './assets';
import { Fleet, type PersistedFleet } from './fleet';
import { DEMO_SCENARIO } from './scenario';
import { liveModel, type LiveModel } from './scoring';
import { millingModel } from './test-models';

const HOUR = 3_600_000, STEP = 10 * 60_000, SEED = 4;
let live: LiveModel;
beforeAll(() => {
  live = liveModel('run-mill', millingModel(new Uint8Array(readFileSync(join(__dirname, '../../datasets/milling-ai4i.csv'))), { outOfFold: true }), null);
});

const register = () => demoFleet(12).map((a) => ({ ...a, modelRunId: a.kind === 'milling' ? live.runId : null }));

/** A fleet as the twin worker starts it: register, stored state, stored drift windows, then the models. */
function started(stored?: { fleet: PersistedFleet; alerts: AlertEngineSnapshot; drift: DriftMonitorState[] | null }): Fleet {
  const f = new Fleet({ seed: SEED, startMs: DEMO_SCENARIO.startMs }, stored ? AlertEngine.restore(DEFAULT_ALERT_RULES, stored.alerts) : new AlertEngine(DEFAULT_ALERT_RULES));
  for (const a of register()) f.upsert(a, newSimAsset(a.kind, deriveSeed(SEED, a.id)));
  if (stored) f.restore(stored.fleet);
  if (stored?.drift) f.drift.restore(stored.drift);
  f.setModel(live);
  return f;
}

describe('drift windows across a restart', () => {
  it('save → restore → the same verdict and the same numbers at every later evaluation; without the stored window the test starts from empty', () => {
    const a = started();
    a.advanceTo(DEMO_SCENARIO.startMs + 50 * HOUR);
    expect(a.drift.report(live.runId)).toMatchObject({ verdict: 'ok', windowFull: true });
    const mills = a.ids().filter((id) => a.config(id).kind === 'milling');
    for (const id of mills) a.setAmbientOffset(id, 5);
    a.advanceTo(a.simTimeMs + 40 * 60_000);

    const text = JSON.stringify({ fleet: a.persisted(), alerts: a.alerts.snapshot(), drift: a.drift.snapshot() });
    const stored = JSON.parse(text) as { fleet: PersistedFleet; alerts: AlertEngineSnapshot; drift: DriftMonitorState[] };
    const b = started(stored), cold = started({ ...stored, drift: null });
    const before = a.drift.report(live.runId)!;
    // At once: the same verdict and evaluation time, over the window as it was stored (its readings since that evaluation too).
    expect(b.drift.report(live.runId)).toMatchObject({ verdict: before.verdict, windowFull: true, evaluatedAt: before.evaluatedAt });
    expect(Math.abs(b.drift.report(live.runId)!.samples - before.samples)).toBeLessThan(100);
    expect(cold.drift.report(live.runId)).toMatchObject({ verdict: 'warming-up', samples: 0, windowFull: false });

    const verdicts = new Set<string>();
    const restartMs = a.simTimeMs;
    for (let t = restartMs + STEP; t <= restartMs + 2 * HOUR; t += STEP) {
      a.advanceTo(t);
      b.advanceTo(t);
      cold.advanceTo(t);
      const ra = a.drift.report(live.runId)!, rb = b.drift.report(live.runId)!;
      expect(rb).toEqual(ra);
      verdicts.add(ra.verdict);
      // The cold monitor has not had 48 h: its distribution test has not started.
      expect(cold.drift.report(live.runId)!.windowFull).toBe(false);
    }
    expect(verdicts.has('drift')).toBe(true);
    // One stored window is small: a byte per feature per reading, plus the recent hour's values.
    expect(JSON.stringify(stored.drift).length).toBeLessThan(200_000);
  }, 120_000);

  it('drops a stored window that does not fit the model (another version, damaged) and starts empty', () => {
    const a = started();
    a.advanceTo(DEMO_SCENARIO.startMs + 3 * HOUR);
    const [s] = a.drift.snapshot();
    const damaged = started({ fleet: a.persisted(), alerts: a.alerts.snapshot(), drift: [{ ...s, codes: s.codes.slice(1) }] });
    expect(damaged.drift.report(live.runId)).toMatchObject({ samples: 0, verdict: 'warming-up' });
    const other = started({ fleet: a.persisted(), alerts: a.alerts.snapshot(), drift: [{ ...s, version: 'run-mill@2020-01-01T00:00:00.000Z' }] });
    expect(other.drift.report(live.runId)).toMatchObject({ samples: 0 });
    // The reason, for a monitor restored directly: the field at fault.
    const m = new ModelDriftMonitor(live.runId, live.version, live.model.driftReference, live.model.features);
    expect(() => m.restore({ ...s, codes: s.codes.slice(1) })).toThrow(`drift state of run-mill: codes must hold ${live.model.features.length + 1} distributions`);
    expect(() => m.restore({ ...s, times: 'not base64!' })).toThrow('drift state: times is not base64');
    expect(() => m.restore({ ...s, verdict: 'fine' as never })).toThrow('verdict must be warming-up, ok or drift');
    m.restore(s);
    expect(m.current().samples).toBeGreaterThan(0);
  });
});
