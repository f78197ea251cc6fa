/**
 * Which of a model's features follow an operator's setpoint. A milling centre runs its jobs at the
 * torque the operator set, and its controller holds the speed for that torque: per machine these
 * inputs sit at one value by design, so their pooled live distribution is a few narrow peaks inside
 * the training range, which every distribution distance reads as drift although the model was
 * trained across those operating points. The drift monitor shows them but leaves them out of its
 * verdict; the world's inputs (temperatures, wear, the job mix) decide it.
 */
import { ROW_COLUMN, type ModelRow } from './asset-sim';
import type { LiveModel } from './scoring';

/** Inputs an operator sets: the optimiser's variables for a milling centre. */
export const SETPOINT_COLUMNS: readonly string[] = [ROW_COLUMN.milling.speedRpm, ROW_COLUMN.milling.torqueNm];

/**
 * The model's features that move when a setpoint input moves, found by moving each one on a
 * mid-range reading through the model's own pipeline (so derived features — power, margins — are
 * found without a list of how they are made).
 */
export function setpointFeatures(live: LiveModel): Set<string> {
  const p = live.model.pipeline;
  const inputs = SETPOINT_COLUMNS.filter((c) => p.numeric.includes(c));
  const found = new Set<string>();
  if (inputs.length === 0) return found;
  const ref = new Map(live.model.driftReference.features.map((h) => [h.name, h]));
  const range = (name: string): [number, number] => {
    const h = ref.get(name);
    return h ? [h.edges[0], h.edges[h.edges.length - 1]] : [0, 2];
  };
  const base: ModelRow = {};
  for (const n of p.numeric) base[n] = (range(n)[0] + range(n)[1]) / 2;
  for (const c of p.categorical) base[c.column] = c.categories[0] ?? '';
  const time = live.features.inputs.time;
  const rows = (last: ModelRow): ModelRow[] =>
    Array.from({ length: live.features.window }, (_, k) => ({ ...(k === live.features.window - 1 ? last : base), ...(time ? { [time]: k * 600_000 } : {}) }));
  const x0 = live.features.compute(rows(base));
  for (const input of inputs) {
    const [lo, hi] = range(input);
    for (const share of [0.1, -0.1]) {
      const x = live.features.compute(rows({ ...base, [input]: (base[input] as number) + share * (hi - lo) }));
      live.model.features.forEach((name, k) => {
        if (x[k] !== x0[k]) found.add(name);
      });
    }
  }
  return found;
}
