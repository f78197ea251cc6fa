import { z } from 'zod';
import { RetrainHistory } from './model';

export { isModelAlert, MONITOR_RULE_PREFIX, retrainPrefix } from './plain';

/** One distribution (a feature, or the calibrated prediction) of a live model against its training reference. */
export const FeatureDrift = z.object({
  name: z.string(),
  /** 'excluded': an input the operator sets (shown, not part of the verdict); 'too-few': not enough readings yet. */
  verdict: z.enum(['ok', 'drift', 'too-few', 'excluded']),
  reason: z.string().nullable(),
  ks: z.number(), ksP: z.number(), js: z.number(), psi: z.number(),
  /** The levels JS and PSI must both pass over a full window: the policy's, or higher where a stable training window already shows more. */
  jsLevel: z.number(), psiLevel: z.number(),
  /** The recent window's mean minus the training mean, in training standard deviations. */
  shift: z.number(),
  edges: z.array(z.number()), reference: z.array(z.number()), live: z.array(z.number()),
  below: z.number().int(), above: z.number().int(),
});
export type FeatureDrift = z.infer<typeof FeatureDrift>;

export const DriftReport = z.object({
  runId: z.string(),
  version: z.string(),
  verdict: z.enum(['warming-up', 'ok', 'drift']),
  samples: z.number().int(),
  recent: z.number().int(),
  windowFull: z.boolean(),
  evaluatedAt: z.number().nullable(),
  drifting: z.array(z.string()),
  features: z.array(FeatureDrift),
  prediction: FeatureDrift,
});
export type DriftReport = z.infer<typeof DriftReport>;

/** The thresholds and windows the verdicts use (shown next to the numbers). */
export const DriftPolicyInfo = z.object({
  windowHours: z.number(), recentHours: z.number(), everyMinutes: z.number(), js: z.number(), psi: z.number(), shiftSd: z.number(), minSamples: z.number().int(),
});
export type DriftPolicyInfo = z.infer<typeof DriftPolicyInfo>;

export const driftRequests = {
  /** Every live model's drift state (per feature KS/JS/PSI, reference vs live bins, verdict; the prediction distribution). */
  'drift:get': { request: z.object({}).strict(), response: z.object({ policy: DriftPolicyInfo, models: z.array(DriftReport) }) },
  /** A drift scenario: shifts the milling centres' ambient (air) temperature by offsetK (0 undoes it). */
  'drift:shiftAmbient': {
    request: z.object({ offsetK: z.number().min(-30).max(30), assetIds: z.array(z.string().min(1)).optional() }).strict(),
    response: z.object({ assets: z.array(z.string()) }),
  },
  /**
   * Retrains a live model with its own settings on its original training data plus the fleet's
   * recent history it scored, labelled by the recorded failures; progress as `model:progress` of
   * the returned run id. The new run is listed next to the current one, not activated.
   */
  'drift:retrain': { request: z.object({ runId: z.string().min(1) }).strict(), response: z.object({ runId: z.string(), datasetId: z.string(), history: RetrainHistory }) },
} as const;
