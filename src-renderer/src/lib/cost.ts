/**
 * The operating threshold chosen by expected cost: every missed failure costs `miss`, every false
 * alarm costs `falseAlarm`; the threshold with the lowest total over the evaluation rows wins.
 * Defaults (documented in the UI): a missed failure €10,000 (unplanned stop, repair, scrap), a false
 * alarm €500 (an inspection and a short planned stop).
 */
export const DEFAULT_COSTS = { miss: 10_000, falseAlarm: 500 } as const;

export interface ThresholdTable {
  threshold: number[];
  tp: number[];
  fp: number[];
  tn: number[];
  fn: number[];
}

export interface OperatingPoint {
  index: number;
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  cost: number;
}

export function chooseThreshold(t: ThresholdTable, miss: number, falseAlarm: number): OperatingPoint {
  let best = 0, bestCost = Infinity;
  for (let k = 0; k < t.threshold.length; k++) {
    const cost = t.fn[k] * miss + t.fp[k] * falseAlarm;
    // Ties go to the higher threshold: fewer alarms for the same money.
    if (cost <= bestCost) {
      bestCost = cost;
      best = k;
    }
  }
  return { index: best, threshold: t.threshold[best], tp: t.tp[best], fp: t.fp[best], tn: t.tn[best], fn: t.fn[best], cost: bestCost };
}
