/**
 * The seeded demo scenario: one named motor's bearing is already spalling and degrades fast, so
 * the live fleet shows a deterioration from NORMAL to CRITICAL (and, if nobody acts, a bearing
 * failure) at a known simulated time — for trade-show demos and repeatable tests.
 */
import type { SimAsset } from './asset-sim';

export const DEMO_SCENARIO = {
  assetId: 'MTR-02',
  /**
   * Bearing wear at the start (0 new, ~1.2 failed) and its growth per operating hour: with the
   * default motor model the motor turns CRITICAL after about 1.2 simulated hours (43 s at ×100)
   * and its bearing fails after about 5 h if nobody acts. On sensor zones alone (no model yet) it
   * turns WARNING after about 1.5 h and CRITICAL only as the vibration enters ISO zone D (~5 h).
   */
  bearingWear: 0.62,
  bearingRatePerH: 0.12,
  /** 2026-03-02 06:00 UTC: the demo fleet's simulated start. */
  startMs: Date.UTC(2026, 2, 2, 6),
} as const;

/** The scenario asset's simulator with the accelerated bearing fault; other assets unchanged. */
export function withDemoFault(assetId: string, sim: SimAsset): SimAsset {
  if (assetId !== DEMO_SCENARIO.assetId || sim.sim.kind !== 'motor') return sim;
  return { ...sim, sim: { ...sim.sim, state: { ...sim.sim.state, bearingWear: DEMO_SCENARIO.bearingWear, bearingRatePerH: DEMO_SCENARIO.bearingRatePerH } } };
}
