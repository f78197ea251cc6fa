import { describe, expect, it } from 'vitest';
import { createRng } from '../common/random';
import {
  AlertEngine, DEFAULT_ALERT_RULES, validateRules,
  type AlertChange, type AlertContext, type AlertRule, type ProbabilityRule, type SensorRule, type StaleRule,
} from './alerts';

const S = 1000;
const MOTOR: AlertContext & { intervalMs: number } = {
  intervalMs: 10 * S, assetKind: 'motor', assetName: 'Motor 1', units: { temperatureC: '°C' },
};

const hot = (over: Partial<SensorRule> = {}): SensorRule => ({
  id: 'hot', name: 'Winding hot', severity: 'critical', enabled: true,
  kind: 'sensor-above', sensor: 'temperatureC', level: 130, clearLevel: 125, pendingSec: 60, ...over,
});
const lowPressure = (over: Partial<SensorRule> = {}): SensorRule => ({
  id: 'low-pressure', name: 'Pressure low', severity: 'warning', enabled: true,
  kind: 'sensor-below', sensor: 'pressurePsi', level: 70, clearLevel: 75, pendingSec: 0, ...over,
});
const risk = (over: Partial<ProbabilityRule> = {}): ProbabilityRule => ({
  id: 'risk', name: 'Failure risk', severity: 'critical', enabled: true,
  kind: 'probability', level: 'operating-threshold', clearLevel: 'auto', pendingSec: 0, ...over,
});
const stale = (over: Partial<StaleRule> = {}): StaleRule => ({
  id: 'stale', name: 'No data', severity: 'warning', enabled: true, kind: 'stale', intervalFactor: 2, ...over,
});

const kinds = (changes: AlertChange[]) => changes.map((c) => `${c.change} ${c.alert.id}`);
/** One temperature reading of asset m1 at t seconds. */
const temp = (e: AlertEngine, tSec: number, value: number, assetId = 'm1') =>
  e.evaluate(assetId, tSec * S, { temperatureC: value }, MOTOR);

describe('AlertEngine: pending period', () => {
  it('does not fire before pendingSec of continuous breach, then fires once at the reading that completes it', () => {
    const e = new AlertEngine([hot()]);
    for (let t = 0; t <= 50; t += 10) expect(temp(e, t, 131)).toEqual([]);
    expect(e.open()).toEqual([]);
    const fired = temp(e, 60, 131);
    expect(kinds(fired)).toEqual(['raised m1:hot:1']);
    expect(fired[0].alert).toMatchObject({ raisedAt: 60 * S, lastSeenAt: 60 * S, value: 131, count: 1, state: 'ACTIVE_UNACK' });
    expect(e.all()).toHaveLength(1);
  });

  it('a reading back under the level restarts the pending period, even inside the hysteresis band', () => {
    const e = new AlertEngine([hot()]);
    for (let t = 0; t <= 50; t += 10) temp(e, t, 131);
    temp(e, 55, 128); // under 130, above clear 125: not firing, so the timer restarts
    for (let t = 60; t <= 110; t += 10) expect(temp(e, t, 131)).toEqual([]);
    expect(kinds(temp(e, 120, 131))).toEqual(['raised m1:hot:1']);
  });

  it('a missing sensor value neither fires, clears nor restarts the timer', () => {
    const e = new AlertEngine([hot()]);
    temp(e, 0, 131);
    expect(e.evaluate('m1', 30 * S, { vibrationMmS: 1 }, MOTOR)).toEqual([]);
    expect(kinds(temp(e, 60, 131))).toEqual(['raised m1:hot:1']);
  });
});

describe('AlertEngine: hysteresis', () => {
  /** ±0.01 around the 130 level at 10 Hz for 10 simulated minutes. */
  function flap(rule: SensorRule) {
    const e = new AlertEngine([rule]);
    const counts = { raised: 0, cleared: 0, updated: 0 };
    for (let i = 0; i < 6000; i++) {
      for (const c of e.evaluate('m1', i * 100, { temperatureC: 130 + (i % 2 ? 0.01 : -0.01) }, MOTOR)) {
        if (c.change in counts) counts[c.change as keyof typeof counts]++;
      }
    }
    return { counts, e };
  }

  it('with pendingSec 0 a flapping signal raises exactly one alert and keeps it open', () => {
    const { counts, e } = flap(hot({ pendingSec: 0 }));
    expect(counts).toEqual({ raised: 1, cleared: 0, updated: 2999 });
    expect(e.open()).toHaveLength(1);
    expect(e.open()[0]).toMatchObject({ raisedAt: 100, count: 3000, lastSeenAt: 599_900 });
  });

  it('with pendingSec 30 a flapping signal never raises', () => {
    expect(flap(hot({ pendingSec: 30 })).counts).toEqual({ raised: 0, cleared: 0, updated: 0 });
  });

  it('a clear level inside the noise band would flap (the test above can fail)', () => {
    expect(flap(hot({ pendingSec: 0, clearLevel: 129.995 })).counts).toEqual({ raised: 3000, cleared: 2999, updated: 0 });
  });
});

describe('AlertEngine: one open alert per asset and rule', () => {
  it('repeated firing updates count, lastSeenAt and peakValue of the same alert', () => {
    const e = new AlertEngine([hot({ pendingSec: 0 })]);
    const changes = [131, 135, 132, 133].flatMap((v, i) => temp(e, i * 10, v));
    expect(changes.map((c) => c.change)).toEqual(['raised', 'updated', 'updated', 'updated']);
    expect(e.open()).toHaveLength(1);
    expect(e.open()[0]).toMatchObject({ id: 'm1:hot:1', count: 4, raisedAt: 0, lastSeenAt: 30 * S, value: 131, peakValue: 135 });
    expect(e.open()[0].message).toBe('Motor 1: temperatureC 131 °C is above 130 °C');
  });

  it('each asset has its own alert; a below rule tracks its lowest value', () => {
    const e = new AlertEngine([hot({ pendingSec: 0 }), lowPressure()]);
    temp(e, 0, 140, 'm1');
    temp(e, 0, 140, 'm2');
    e.evaluate('m1', 10 * S, { pressurePsi: 65 }, MOTOR);
    e.evaluate('m1', 20 * S, { pressurePsi: 61 }, MOTOR);
    e.evaluate('m1', 30 * S, { pressurePsi: 68 }, MOTOR);
    expect(e.open().map((a) => a.id)).toEqual(['m1:hot:1', 'm2:hot:2', 'm1:low-pressure:3']);
    expect(e.open()[2]).toMatchObject({ value: 65, peakValue: 61, count: 3 });
    expect(kinds(e.evaluate('m1', 40 * S, { pressurePsi: 76 }, MOTOR))).toEqual(['cleared m1:low-pressure:3']);
  });
});

describe('AlertEngine: lifecycle', () => {
  it('raise → acknowledge → clear → CLEARED; firing again later opens a new alert', () => {
    const e = new AlertEngine([hot({ pendingSec: 0 })]);
    temp(e, 0, 131);
    const ack = e.acknowledge('m1:hot:1', '  Ana  ', 'checking the fan', 5 * S);
    expect(ack.change).toBe('acknowledged');
    expect(ack.alert).toMatchObject({ state: 'ACTIVE_ACK', ackBy: 'Ana', ackAt: 5 * S, ackComment: 'checking the fan' });
    expect(temp(e, 10, 127)).toEqual([]); // inside the band: still open
    const cleared = temp(e, 20, 124);
    expect(kinds(cleared)).toEqual(['cleared m1:hot:1']);
    expect(cleared[0].alert).toMatchObject({ state: 'CLEARED', clearedAt: 20 * S, ackBy: 'Ana' });
    expect(e.open()).toEqual([]);
    expect(kinds(temp(e, 30, 133))).toEqual(['raised m1:hot:2']);
    expect(e.all().map((a) => [a.id, a.state])).toEqual([['m1:hot:1', 'CLEARED'], ['m1:hot:2', 'ACTIVE_UNACK']]);
  });

  it('an alert that clears unacknowledged stays visible as cleared, never acknowledged', () => {
    const e = new AlertEngine([hot({ pendingSec: 0 })]);
    temp(e, 0, 131);
    temp(e, 10, 120);
    expect(e.all()[0]).toMatchObject({ state: 'CLEARED', clearedAt: 10 * S, ackBy: null, ackAt: null, ackComment: null });
  });

  it('refuses to acknowledge cleared, unknown or already acknowledged alerts, or without an operator', () => {
    const e = new AlertEngine([hot({ pendingSec: 0 })]);
    temp(e, 0, 131);
    expect(() => e.acknowledge('m1:hot:1', '   ', 'x', 1)).toThrow(/"m1:hot:1".*operator name is empty/);
    expect(e.open()[0].state).toBe('ACTIVE_UNACK');
    e.acknowledge('m1:hot:1', 'Ana', '', 1);
    expect(() => e.acknowledge('m1:hot:1', 'Ben', '', 2)).toThrow(/"m1:hot:1".*already acknowledged by Ana/);
    temp(e, 10, 120);
    expect(() => e.acknowledge('m1:hot:1', 'Ana', '', 3)).toThrow(/"m1:hot:1".*cleared/);
    expect(() => e.acknowledge('m9:hot:7', 'Ana', '', 3)).toThrow(/"m9:hot:7".*no such alert/);
  });
});

describe('AlertEngine: history', () => {
  it('keeps at most keepCleared cleared alerts, dropping the oldest, and never an open one', () => {
    const e = new AlertEngine([hot({ pendingSec: 0 })], { keepCleared: 1 });
    for (let t = 0; t < 60; t += 20) {
      temp(e, t, 131);
      temp(e, t + 10, 120);
    }
    temp(e, 60, 131);
    expect(e.all().map((a) => [a.id, a.state])).toEqual([['m1:hot:3', 'CLEARED'], ['m1:hot:4', 'ACTIVE_UNACK']]);
  });
});

describe('AlertEngine: reminders', () => {
  it('reminds once per reminderAfterSec, only while unacknowledged', () => {
    const e = new AlertEngine([hot({ pendingSec: 0 }), lowPressure()], { reminderAfterSec: 300 });
    temp(e, 0, 131);
    e.evaluate('m1', 0, { pressurePsi: 60 }, MOTOR);
    e.acknowledge('m1:low-pressure:2', 'Ana', '', 10 * S);
    expect(e.dueReminders(299 * S)).toEqual([]);
    const first = e.dueReminders(300 * S);
    expect(kinds(first)).toEqual(['reminded m1:hot:1']);
    expect(first[0].alert.remindedAt).toBe(300 * S);
    expect(e.dueReminders(300 * S)).toEqual([]);
    expect(e.dueReminders(599 * S)).toEqual([]);
    expect(kinds(e.dueReminders(600 * S))).toEqual(['reminded m1:hot:1']);
    e.acknowledge('m1:hot:1', 'Ana', '', 700 * S);
    expect(e.dueReminders(5000 * S)).toEqual([]);
  });
});

describe('AlertEngine: stale data', () => {
  it('fires after more than intervalFactor × interval without a reading, and a reading clears it', () => {
    const e = new AlertEngine([stale()]);
    temp(e, 0, 60);
    expect(e.checkStale(20 * S)).toEqual([]);
    const fired = e.checkStale(20 * S + 1);
    expect(kinds(fired)).toEqual(['raised m1:stale:1']);
    expect(fired[0].alert).toMatchObject({ raisedAt: 20_001, value: 20.001, modelVersion: null, severity: 'warning' });
    expect(fired[0].alert.message).toBe('Motor 1: no reading for 20 s (expected every 10 s)');
    expect(e.checkStale(30 * S).map((c) => [c.change, c.alert.count, c.alert.peakValue])).toEqual([['updated', 2, 30]]);
    expect(kinds(temp(e, 35, 60))).toEqual(['cleared m1:stale:1']);
    expect(e.checkStale(50 * S)).toEqual([]);
  });

  it('suspend/resume: no stale alerts for the time away, stale checking works again after', () => {
    const e = new AlertEngine([stale()]);
    temp(e, 0, 60);
    temp(e, 0, 60, 'm2');
    e.suspend();
    expect(e.checkStale(3600 * S)).toEqual([]);
    e.resume(3600 * S);
    expect(e.checkStale(3620 * S)).toEqual([]);
    temp(e, 3615, 60, 'm2');
    expect(kinds(e.checkStale(3620 * S + 1))).toEqual(['raised m1:stale:1']);
  });

  it('assets of a kind a rule does not cover are never stale under it', () => {
    const e = new AlertEngine([stale({ assetKinds: ['milling'] })]);
    temp(e, 0, 60);
    expect(e.checkStale(999 * S)).toEqual([]);
  });
});

describe('AlertEngine: probability rule', () => {
  it('fires above the operating threshold from the context, records the model, clears below 0.8 × threshold', () => {
    const e = new AlertEngine([risk(), hot({ pendingSec: 0 })]);
    const ctx = { ...MOTOR, threshold: 0.4, modelVersion: 'run-7' };
    expect(e.evaluate('m1', 0, { temperatureC: 60 }, { ...ctx, probability: 0.39 })).toEqual([]);
    const fired = e.evaluate('m1', 10 * S, { temperatureC: 131 }, { ...ctx, probability: 0.41 });
    expect(fired.map((c) => [c.alert.ruleId, c.alert.modelVersion])).toEqual([['risk', 'run-7'], ['hot', null]]);
    expect(fired[0].alert.message).toBe('Motor 1: failure probability 41 % is above the operating threshold 40 % (model run-7)');
    expect(e.evaluate('m1', 20 * S, {}, { ...ctx, probability: 0.33 })).toEqual([]); // above 0.32
    expect(kinds(e.evaluate('m1', 30 * S, {}, { ...ctx, probability: 0.31 }))).toEqual(['cleared m1:risk:1']);
  });

  it('uses whichever threshold the context carries, and does nothing without a probability', () => {
    const e = new AlertEngine([risk()]);
    expect(e.evaluate('m1', 0, {}, { ...MOTOR, threshold: 0.6, probability: 0.5 })).toEqual([]);
    expect(e.evaluate('m1', 0, {}, { ...MOTOR, threshold: 0.6 })).toEqual([]);
    expect(e.evaluate('m1', 0, {}, { ...MOTOR, probability: 0.9 })).toEqual([]); // no threshold: cannot decide
    expect(kinds(e.evaluate('m1', 0, {}, { ...MOTOR, threshold: 0.3, probability: 0.5 }))).toEqual(['raised m1:risk:1']);
  });
});

describe('AlertEngine: snapshot and restore', () => {
  function scenario() {
    const e = new AlertEngine([hot(), stale()]);
    for (let t = 0; t <= 60; t += 10) temp(e, t, 131, 'm1'); // raised at 60
    e.acknowledge('m1:hot:1', 'Ana', 'fan ordered', 65 * S);
    temp(e, 30, 140, 'm2'); // pending since 30
    return e;
  }

  it('round-trips through JSON: open alerts are not raised again, pending timers continue, ids continue', () => {
    const before = scenario();
    const e = AlertEngine.restore([hot(), stale()], JSON.parse(JSON.stringify(before.snapshot())));
    expect(e.all()).toEqual(before.all());
    expect(kinds(temp(e, 70, 132, 'm1'))).toEqual(['updated m1:hot:1']);
    expect(e.open()[0]).toMatchObject({ state: 'ACTIVE_ACK', ackBy: 'Ana', count: 2 });
    expect(temp(e, 80, 140, 'm2')).toEqual([]);
    expect(kinds(temp(e, 90, 140, 'm2'))).toEqual(['raised m2:hot:2']);
  });

  it('starts suspended, so the time the app was closed produces no stale alerts', () => {
    const e = AlertEngine.restore([hot(), stale()], JSON.parse(JSON.stringify(scenario().snapshot())));
    expect(e.checkStale(7200 * S)).toEqual([]);
    e.resume(7200 * S);
    expect(e.checkStale(7210 * S)).toEqual([]);
    expect(kinds(e.checkStale(7221 * S))).toEqual(['raised m1:stale:2', 'raised m2:stale:3']);
  });

  it('drops pending timers of rules changed while it was closed, and refuses foreign snapshots', () => {
    const snap = JSON.parse(JSON.stringify(scenario().snapshot()));
    const e = AlertEngine.restore([hot({ level: 135 }), stale()], snap);
    expect(temp(e, 90, 140, 'm2')).toEqual([]);
    expect(kinds(temp(e, 150, 140, 'm2'))).toEqual(['raised m2:hot:2']);
    expect(() => AlertEngine.restore([hot()], { ...snap, format: 'other' })).toThrow(/snapshot/);
  });
});

describe('AlertEngine: rule edits', () => {
  it('removing or disabling a rule clears its open alerts; a changed condition restarts its timers, a rename does not', () => {
    const e = new AlertEngine([hot(), lowPressure()]);
    e.evaluate('m1', 0, { temperatureC: 131, pressurePsi: 60 }, MOTOR);
    expect(kinds(e.setRules([hot({ name: 'Renamed' }), lowPressure({ enabled: false })], 30 * S))).toEqual(['cleared m1:low-pressure:1']);
    expect(kinds(temp(e, 60, 131))).toEqual(['raised m1:hot:2']); // timer from 0 survived the rename
    temp(e, 70, 120);
    temp(e, 80, 131); // pending since 80
    e.setRules([hot({ pendingSec: 30 })], 90 * S);
    expect(temp(e, 110, 131)).toEqual([]); // the timer from 80 would have fired here
    expect(kinds(temp(e, 140, 131))).toEqual(['raised m1:hot:3']);
    expect(kinds(e.setRules([], 150 * S))).toEqual(['cleared m1:hot:3']);
  });

  it('asset kinds restrict rules', () => {
    const e = new AlertEngine([hot({ pendingSec: 0, assetKinds: ['milling'] })]);
    expect(temp(e, 0, 200)).toEqual([]);
  });

  it('an invalid edit throws and keeps the previous rules', () => {
    const e = new AlertEngine([hot({ pendingSec: 0 })]);
    expect(() => e.setRules([hot({ clearLevel: 140 })], 0)).toThrow(/rule "hot": clearLevel \(140\) must be below level \(130\)/);
    expect(kinds(temp(e, 0, 131))).toEqual(['raised m1:hot:1']);
  });
});

describe('AlertEngine: determinism', () => {
  function run(seed: number) {
    const rng = createRng(seed);
    const e = new AlertEngine(DEFAULT_ALERT_RULES, { reminderAfterSec: 1800 });
    const log: string[] = [];
    for (let step = 0; step < 400; step++) {
      const t = step * 600 * S;
      for (const id of ['m1', 'm2', 'm3']) {
        if (rng.next() < 0.2) continue; // a dropped reading
        const values = { temperatureC: 110 + 30 * rng.next(), vibrationMmS: 1 + 8 * rng.next() ** 3 };
        const ctx = { intervalMs: 600 * S, assetKind: 'motor', probability: rng.next() ** 4, threshold: 0.35, modelVersion: 'v1' };
        log.push(...kinds(e.evaluate(id, t, values, ctx)));
      }
      log.push(...kinds(e.checkStale(t + 300 * S)), ...kinds(e.dueReminders(t)));
    }
    return { log, alerts: e.all() };
  }

  it('the same inputs give the same alert ids and states', () => {
    const a = run(42);
    expect(a.log.length).toBeGreaterThan(100);
    expect(a.log.some((l) => l.startsWith('raised m1:stale-data:'))).toBe(true);
    expect(run(42)).toEqual(a);
    expect(run(43).log).not.toEqual(a.log);
  });
});

describe('validateRules', () => {
  it('accepts the default rules', () => {
    expect(validateRules(DEFAULT_ALERT_RULES)).toEqual([]);
    expect(new AlertEngine(DEFAULT_ALERT_RULES).open()).toEqual([]);
  });

  it('names the rule id and the field of each problem', () => {
    const rules: AlertRule[] = [
      hot({ clearLevel: 131 }),
      lowPressure({ clearLevel: 65, pendingSec: -1 }),
      risk({ level: 0.5, clearLevel: 0.6 }),
      stale({ intervalFactor: 1 }),
      hot({ name: 'Duplicate' }),
    ];
    expect(validateRules(rules)).toEqual([
      'rule "hot": clearLevel (131) must be below level (130) for sensor-above',
      'rule "low-pressure": pendingSec must be 0 or more (got -1)',
      'rule "low-pressure": clearLevel (65) must be above level (70) for sensor-below',
      'rule "risk": clearLevel (0.6) must be below level (0.5)',
      'rule "stale": intervalFactor must be more than 1 (got 1)',
      'rule "hot": id is used by more than one rule',
    ]);
    expect(() => new AlertEngine(rules)).toThrow(/rule "low-pressure": pendingSec/);
  });

  it('reports untyped rules from storage without crashing', () => {
    const junk = [{ id: '', kind: 'nonsense' }] as unknown as AlertRule[];
    expect(validateRules(junk)).toEqual([
      'rule #1: id must be a non-empty string',
      'rule #1: name must not be empty',
      "rule #1: severity must be 'warning' or 'critical'",
      'rule #1: enabled must be true or false',
      'rule #1: kind "nonsense" is not one of sensor-above, sensor-below, probability, stale',
    ]);
  });
});

describe('DEFAULT_ALERT_RULES on a motor', () => {
  it('raises the winding and both vibration zones on consecutive readings 10 min apart; nothing for a milling machine', () => {
    const e = new AlertEngine(DEFAULT_ALERT_RULES);
    const ctx = { intervalMs: 600 * S, assetKind: 'motor', units: { temperatureC: '°C', vibrationMmS: 'mm/s' } };
    const values = { temperatureC: 131, vibrationMmS: 7.5 };
    expect(e.evaluate('m1', 0, values, ctx)).toEqual([]);
    const fired = e.evaluate('m1', 600 * S, values, ctx);
    expect(fired.map((c) => [c.alert.ruleId, c.alert.severity])).toEqual([
      ['motor-winding-hot', 'critical'], ['motor-vibration-zone-d', 'critical'], ['motor-vibration-zone-c', 'warning'],
    ]);
    expect(fired[1].alert.message).toBe('m1: vibrationMmS 7.5 mm/s is above 7.1 mm/s');
    const mill = { intervalMs: 180 * S, assetKind: 'milling' };
    e.evaluate('p1', 0, values, mill);
    expect(e.evaluate('p1', 600 * S, values, mill)).toEqual([]);
  });
});
