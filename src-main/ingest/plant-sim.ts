/**
 * The demo fleet as a plant would publish it: each asset's simulator stepped reading by reading,
 * turned into broker payloads in either mapping — one JSON message `{asset, ts, values,
 * attributes}` or one message per sensor `{ts, value}` on `<root>/<asset>/<sensor>` — the shapes
 * the ingest side reads (payload.ts). Used by `npm run sim:mqtt` and the MQTT benchmark. Pure:
 * seeded, and the caller gives each reading its time.
 */
import { deriveSeed } from '../common/random';
import { newSimAsset, stepAsset, type SimAsset } from '../twin/asset-sim';
import { demoFleet, READING_INTERVAL_S, type AssetKind } from '../twin/assets';
import { withDemoFault } from '../twin/scenario';
import { SPECTRAL_BANDS } from '../twin/sim/vibration';

export interface PlantAsset {
  id: string;
  kind: AssetKind;
  /** Simulated seconds between its readings (its kind's spacing). */
  intervalS: number;
  sim: SimAsset;
  /** Its demo-fleet id (the seeded fault scenario follows it). */
  demoId: string;
}

export interface PlantMessage {
  topic: string;
  payload: string;
}

/** The motor model's inputs besides its sensors, published with them so the twin can score the reading. */
const MOTOR_EXTRAS = ['power_w', 'operating_hours', ...SPECTRAL_BANDS] as const;

/** `count` assets of the demo fleet (kinds alternating), ids prefixed so they do not collide with the app's own simulated fleet. */
export function plantFleet(count: number, prefix: string, seed: number): PlantAsset[] {
  return demoFleet(count).map((a) => ({
    id: `${prefix}${a.id}`, kind: a.kind, intervalS: READING_INTERVAL_S[a.kind], demoId: a.id,
    sim: withDemoFault(a.id, newSimAsset(a.kind, deriveSeed(seed, a.id))),
  }));
}

/**
 * Steps one asset by one reading (after a failure the simulator's repair comes with the next
 * step, as in the app's fleet) and returns its messages with the reading stamped `atMs`.
 */
export function nextMessages(a: PlantAsset, atMs: number, simMs: number, mode: 'json' | 'per-sensor', root: string): PlantMessage[] {
  const step = stepAsset(a.sim, a.id, simMs);
  a.sim = step.failure ? { ...step.asset, pending: a.kind === 'milling' ? 'replaceTool' : 'repair' } : step.asset;
  // Extra inputs first: a per-sensor reading closes once the kind's sensors are in (sensor-assembler.ts).
  const values: Record<string, number> = {};
  if (a.kind === 'motor') for (const k of MOTOR_EXTRAS) values[k] = Number(step.row[k]);
  Object.assign(values, step.values);
  if (mode === 'json') {
    const attributes = a.kind === 'milling' ? { Type: String(step.row.Type) } : undefined;
    return [{ topic: `${root}/${a.id}/reading`, payload: JSON.stringify({ asset: a.id, ts: atMs, values, attributes }) }];
  }
  return Object.entries(values).map(([k, v]) => ({ topic: `${root}/${a.id}/${k}`, payload: JSON.stringify({ ts: atMs, value: v }) }));
}
