import { describe, expect, it } from 'vitest';
import { demoFleet } from '../twin/assets';
import { DEMO_SCENARIO } from '../twin/scenario';
import { createTwinApi, type TwinTick } from './twin-api';
import { fleetSaveEveryMs } from './twin-service';

const fresh = { seed: 5, register: demoFleet(), rules: null, fleet: null, alerts: null, events: [], clock: null };
const ctx = (signal: AbortSignal, onTick: (t: TwinTick) => void) => ({ signal, progress: (v: unknown) => onTick(v as TwinTick) });

/** Runs the loop for `n` ticks of 100 ms injected real time each; returns what it sent. */
async function runTicks(api: ReturnType<typeof createTwinApi>, clock: { realMs: number }, n: number): Promise<TwinTick[]> {
  const ticks: TwinTick[] = [];
  const stop = new AbortController();
  const run = api.run(undefined, ctx(stop.signal, (t) => ticks.push(t)));
  for (let k = 0; k < n; k++) {
    clock.realMs += 100;
    await new Promise((r) => setTimeout(r, 5));
  }
  stop.abort();
  await run;
  return ticks;
}

describe('the twin worker api', () => {
  it('runs the loop on the simulated clock and sends only assets that changed, at most 10 frames a second', async () => {
    let realMs = 0;
    const api = createTwinApi(() => realMs);
    api.init(fresh);
    api.control({ speed: 1000 });
    const ticks: TwinTick[] = [];
    const stop = new AbortController();
    const run = api.run(undefined, ctx(stop.signal, (t) => ticks.push(t)));
    // Real time advances 100 ms per tick (the loop's own timer paces the frames).
    for (let k = 0; k < 5; k++) {
      realMs += 100;
      await new Promise((r) => setTimeout(r, 110));
    }
    stop.abort();
    await run;
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.length).toBeLessThanOrEqual(6);
    const simulated = ticks.at(-1)!.frame.clock.simTimeMs - DEMO_SCENARIO.startMs;
    // ×1000 for ~0.5 s of (injected) real time ≈ 500 simulated seconds.
    expect(simulated).toBeGreaterThanOrEqual(300_000);
    expect(simulated).toBeLessThanOrEqual(600_000);
    // Milling centres read every 3 simulated minutes, motors every 10: a frame carries only those that read.
    const sentIds = ticks.flatMap((t) => t.frame.assets.map((a) => a.snapshot.assetId));
    expect(new Set(sentIds).size).toBeLessThanOrEqual(12);
    expect(sentIds.filter((id) => id === 'MTR-01').length).toBeLessThanOrEqual(1);
  });

  it('sends raw readings of the assets that keep them, and minute aggregates of the others', async () => {
    const clock = { realMs: 0 };
    const api = createTwinApi(() => clock.realMs, { frameMs: 1 });
    api.init(fresh);
    api.control({ speed: 1000 });
    const raw = ['MILL-01', 'MTR-01'];
    api.rawHistory({ assetIds: raw });
    // 20 simulated minutes: every asset reads, and minutes close.
    let ticks = await runTicks(api, clock, 12);
    const history = ticks.flatMap((t) => t.history), minutes = ticks.flatMap((t) => t.minutes);
    expect(new Set(history.map((h) => h.assetId))).toEqual(new Set(raw));
    expect(minutes.length).toBeGreaterThan(0);
    expect(minutes.some((m) => raw.includes(m.assetId))).toBe(false);
    expect(new Set(minutes.map((m) => m.assetId)).size).toBe(fresh.register.length - raw.length);
    for (const m of minutes) {
      expect(m.minute % 60_000).toBe(0);
      expect(m.n).toBeGreaterThan(0);
      expect(Object.keys(m.means).length).toBeGreaterThan(0);
    }
    // Back to raw readings for all: no more minutes.
    api.rawHistory({ assetIds: null });
    ticks = await runTicks(api, clock, 6);
    expect(ticks.flatMap((t) => t.minutes)).toEqual([]);
    expect(new Set(ticks.flatMap((t) => t.history).map((h) => h.assetId)).size).toBe(fresh.register.length);
  });

  it('leaves the assets\' simulators and trends out of what it stores when asked (stored less often for a large fleet)', () => {
    const api = createTwinApi(() => 0);
    api.init(fresh);
    expect(api.persisted()).toHaveProperty('fleet');
    const light = api.persisted({ fleet: false });
    expect(light).not.toHaveProperty('fleet');
    expect(Object.keys(light).sort()).toEqual(['alerts', 'clock', 'events', 'rules']);
    expect(fleetSaveEveryMs(fresh.register.length)).toBe(5000);
    expect(fleetSaveEveryMs(10_000)).toBe(50_000);
  });

  it('restarts from what it stored: simulated time, alerts and maintenance log continue, with no stale-data burst', () => {
    const first = createTwinApi(() => 0);
    first.init(fresh);
    first.control({ paused: true });
    for (let k = 0; k < 40; k++) first.control({ step: true });
    expect(() => first.maintain({ assetId: 'MILL-01', action: 'replaceTool', comment: 'x', operator: ' ' })).toThrow('set the operator name in Settings first');
    const event = first.maintain({ assetId: 'MILL-01', action: 'replaceTool', comment: 'worn edge', operator: 'Ana' });
    expect(event.detail).toBe('Replace tool — Ana: worn edge');
    expect(() => first.maintain({ assetId: 'MTR-01', action: 'replaceTool', comment: '', operator: 'Ana' })).toThrow('"replaceTool" is not a maintenance action of a motor asset');
    const stored = JSON.parse(JSON.stringify(first.persisted()));

    const second = createTwinApi(() => 0);
    const clock = second.init({ ...fresh, fleet: stored.fleet, alerts: stored.alerts, events: stored.events, clock: stored.clock, rules: stored.rules });
    expect(clock.simTimeMs).toBe(first.state().clock.simTimeMs);
    expect(second.twin({ assetId: 'MILL-01' }).events.map((e) => e.detail)).toContain('Replace tool — Ana: worn edge');
    // A day passes in steps right after the restart: readings continue, nothing goes stale.
    second.control({ paused: true });
    for (let k = 0; k < 20; k++) second.control({ step: true });
    expect(second.alerts({}).filter((a) => a.ruleId.includes('stale'))).toEqual([]);
    expect(second.twin({ assetId: 'MTR-01' }).snapshot.readings).toBeGreaterThan(first.twin({ assetId: 'MTR-01' }).snapshot.readings);
  });

  it('answers what-if on a copy and refuses inputs the asset does not have', () => {
    const api = createTwinApi(() => 0);
    api.init(fresh);
    api.control({ paused: true });
    for (let k = 0; k < 5; k++) api.control({ step: true });
    const before = JSON.stringify(api.twin({ assetId: 'MTR-01' }));
    const w = api.whatIf({ assetId: 'MTR-01', overrides: { vibrationMmS: 8 } });
    // Without a model only sensor zones decide: 8 mm/s is ISO zone D.
    expect(w.status).toBe('CRITICAL');
    expect(JSON.stringify(api.twin({ assetId: 'MTR-01' }))).toBe(before);
    expect(() => api.whatIf({ assetId: 'MTR-01', overrides: { toolWearMin: 5 } })).toThrow('"toolWearMin" is not an input of a motor asset');
  });
});
