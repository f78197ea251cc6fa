/** Fleet frames of a large fleet: capped per frame, taken round the register, sparklines appended. */
import { describe, expect, it } from 'vitest';
import { demoFleet } from '../twin/assets';
import { createTwinApi, type TwinTick } from './twin-api';

describe('the twin worker frames', () => {
  it('spreads a burst of 3,000 changed assets over frames of at most 1,500, then appends sparkline points', async () => {
    let realMs = 0;
    const api = createTwinApi(() => realMs, { frameMs: 1 });
    // 3,000 milling centres reading every simulated second, all at the same moments (the worst case).
    api.init({ seed: 5, register: demoFleet(3000, ['milling']), rules: null, fleet: null, alerts: null, events: [], clock: { speed: 1, paused: false }, intervalS: 1 });
    const ticks: TwinTick[] = [];
    const stop = new AbortController();
    const run = api.run(undefined, { signal: stop.signal, progress: (v: unknown) => ticks.push(v as TwinTick) });
    const tick = async (ms: number) => {
      realMs += ms;
      const seen = ticks.length;
      while (ticks.length === seen) await new Promise((r) => setTimeout(r, 2));
    };
    await tick(1000); // every asset reads once
    await tick(0);
    await tick(1000); // and again
    await tick(0);
    stop.abort();
    await run;
    const sizes = ticks.map((t) => t.frame.assets.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1500);
    // Every asset that read reaches the window within two frames (a few are down after a failure).
    const sent = new Set(ticks.slice(0, 2).flatMap((t) => t.frame.assets.map((a) => a.snapshot.assetId)));
    expect(sent.size).toBe(3000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(5900);
    const first = ticks.flatMap((t) => t.frame.assets).filter((a) => a.snapshot.assetId === 'MILL-01');
    expect(first).toHaveLength(2);
    expect(first[0].appended).toBeUndefined(); // the window has nothing yet: the whole sparkline
    expect(first[1].appended).toBe(true);
    expect(first[1].sparkline).toHaveLength(1); // one new reading since its last frame
  });
});
