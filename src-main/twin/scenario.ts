/**
 * The seeded demo scenario: one named motor's bearing is already spalling and degrades fast, so
 * the live fleet shows a deterioration from NORMAL to CRITICAL (and, if nobody acts, a bearing
 * failure) at a known simulated time — for trade-show demos and repeatable tests.
 */
import type { SimAsset } from './asset-sim';

export const DEMO_SCENARIO = {
  assetId: 'MTR-02',
  /** Bearing wear at the start (0 new, ~0.9 failing) and its growth per operating hour. */
  bearingWear: 0.55,
  bearingRatePerH: 0.03,
  /** 2026-03-02 06:00 UTC: the demo fleet's simulated start. */
  startMs: Date.UTC(2026, 2, 2, 6),
} as const;

/** The scenario asset's simulator with the accelerated bearing fault; other assets unchanged. */
export function withDemoFault(assetId: string, sim: SimAsset): SimAsset {
  if (assetId !== DEMO_SCENARIO.assetId || sim.sim.kind !== 'motor') return sim;
  return { ...sim, sim: { ...sim.sim, state: { ...sim.sim.state, bearingWear: DEMO_SCENARIO.bearingWear, bearingRatePerH: DEMO_SCENARIO.bearingRatePerH } } };
}
