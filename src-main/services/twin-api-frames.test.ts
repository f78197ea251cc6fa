/** Fleet frames of a large fleet: capped per frame and per second, watched assets first, round the register, sparklines appended. */
import { describe, expect, it } from 'vitest';
import { demoFleet } from '../twin/assets';
import { createTwinApi, FRAME_ASSETS, FRAME_ASSETS_PER_SECOND, type TwinTick } from './twin-api';

describe('the twin worker frames', () => {
  it('sends the watched assets in every frame and the others a few thousand a second, round the register', async () => {
    let realMs = 0;
    const api = createTwinApi(() => realMs, { frameMs: 1 });
    // 6,000 milling centres reading every simulated second, all at the same moments (the worst case).
    api.init({ seed: 5, register: demoFleet(6000, ['milling']), rules: null, fleet: null, alerts: null, events: [], clock: { speed: 1, paused: false }, intervalS: 1 });
    const watched = ['MILL-5999', 'MILL-3000'];
    expect(api.watch({ assetIds: [...watched, 'MILL-3000'] })).toBe(2);
    const ticks: TwinTick[] = [];
    const stop = new AbortController();
    const run = api.run(undefined, { signal: stop.signal, progress: (v: unknown) => ticks.push(v as TwinTick) });
    const tick = async (ms: number) => {
      realMs += ms;
      const seen = ticks.length;
      while (ticks.length === seen) await new Promise((r) => setTimeout(r, 2));
      return ticks[ticks.length - 1].frame.assets.map((a) => a.snapshot.assetId);
    };
    const perSecond: Set<string>[] = [];
    for (let s = 0; s < 3; s++) {
      const ids = new Set<string>();
      // Ten ticks a second, as the loop runs.
      for (let k = 0; k < 10; k++) {
        const frame = await tick(100);
        expect(frame.length).toBeLessThanOrEqual(FRAME_ASSETS + watched.length);
        frame.forEach((id) => ids.add(id));
      }
      perSecond.push(ids);
    }
    stop.abort();
    await run;
    for (const [s, ids] of perSecond.entries()) {
      // The first second may also spend the second's worth the loop starts with.
      expect(ids.size).toBeLessThanOrEqual((s === 0 ? 2 : 1) * FRAME_ASSETS_PER_SECOND + watched.length);
      // Each asset reads once a simulated second: the watched ones are sent every second.
      for (const id of watched) expect(ids).toContain(id);
    }
    // … as each of their readings comes in (one per simulated second, three seconds).
    for (const id of watched) expect(ticks.flatMap((t) => t.frame.assets).filter((a) => a.snapshot.assetId === id).length).toBeGreaterThanOrEqual(3);
    // Round the register: after three seconds every asset has been sent at least once.
    expect(new Set(perSecond.flatMap((s) => [...s])).size).toBe(6000);
    const mill = ticks.flatMap((t) => t.frame.assets).filter((a) => a.snapshot.assetId === 'MILL-5999');
    expect(mill.length).toBeGreaterThanOrEqual(3);
    expect(mill[0].appended).toBeUndefined(); // the window has nothing yet: the whole sparkline
    expect(mill[1].appended).toBe(true);
    expect(mill[1].sparkline).toHaveLength(1); // one new reading since its last frame
  });
});
