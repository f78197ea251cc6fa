/**
 * Scoring one asset's latest readings under its model: features by the model's own pipeline,
 * calibrated probability overall and per mode, health, status, and (on demand) the reasons.
 * The live loop, what-if and the optimiser all go through here, so they agree by construction.
 */
import type { ModelContents } from '../ml/model-file';
import { explainRow, scoreRow } from '../ml/model-predict';
import { ROW_COLUMN, type ModelRow } from './asset-sim';
import { SPECTRAL_BANDS } from './sim/vibration';
import { operatingThreshold, sensorLevels, sensorZone, type AssetConfig, type SensorSpec } from './assets';
import { healthScore, nextStatus, type TwinStatus } from './health';
import { OnlineFeatures, type FeatureWindow } from './online-features';

/** A model ready for live use: parsed once, with its live feature computation. */
export interface LiveModel {
  runId: string;
  /** Recorded with every prediction and alert it makes. */
  version: string;
  model: ModelContents;
  features: OnlineFeatures;
}

export function liveModel(runId: string, model: ModelContents, timeColumn: string | null): LiveModel {
  return { runId, version: `${runId}@${model.createdAt.toISOString()}`, model, features: new OnlineFeatures(model.pipeline, model.features, timeColumn) };
}

export interface Assessment {
  probability: number | null;
  modes: { mode: string; probability: number }[];
  threshold: number;
  health: number;
  status: TwinStatus;
  /** 0 normal, 1 warning, 2 alarm: the worst sensor zone. */
  worstZone: 0 | 1 | 2;
  modelVersion: string | null;
}

const NO_MODES: Assessment['modes'] = [];

/** Default operating threshold without a model: sensor zones alone decide. */
const NO_MODEL_THRESHOLD = 0.5;

export function worstZone(levels: readonly SensorSpec[], values: Record<string, number>): 0 | 1 | 2 {
  let worst: 0 | 1 | 2 = 0;
  for (const s of levels) {
    const z = sensorZone(s, values[s.key]);
    if (z > worst) worst = z;
  }
  return worst;
}

/**
 * Failure modes are scored once the risk reaches the WARNING level (half the operating threshold): below
 * it, how an unlikely failure would split between modes is noise, and the mode forests cost more
 * than the failure forest itself.
 */
export const MODES_FROM = 0.5;

/**
 * Assesses the last of `rows` (oldest first); `previous` is the status before it (hysteresis).
 * `window`: the asset's live feature window holding the same readings (the fast path).
 */
export function assess(
  asset: AssetConfig, live: LiveModel | null, rows: readonly ModelRow[], values: Record<string, number>, previous: TwinStatus,
  window?: FeatureWindow | null, levels: readonly SensorSpec[] = sensorLevels(asset),
): Assessment & { x: Float64Array | null } {
  const zone = worstZone(levels, values);
  if (!live) {
    return { probability: null, modes: NO_MODES, threshold: NO_MODEL_THRESHOLD, health: healthScore(null, NO_MODEL_THRESHOLD, zone), status: nextStatus(previous, null, NO_MODEL_THRESHOLD, zone), worstZone: zone, modelVersion: null, x: null };
  }
  const x = window ? window.features() : live.features.compute(rows);
  const t = operatingThreshold(asset);
  const { probability, modes } = scoreRow(live.model, x, (p) => p >= MODES_FROM * t);
  return { ...assessScored(asset, live, values, previous, levels, probability, modes), x };
}

/** The assessment of a reading whose probability was computed already (many assets in one batch). */
export function assessScored(
  asset: AssetConfig, live: LiveModel, values: Record<string, number>, previous: TwinStatus, levels: readonly SensorSpec[],
  probability: number, modes: Assessment['modes'],
): Assessment {
  const zone = worstZone(levels, values), t = operatingThreshold(asset);
  return { probability, modes, threshold: t, health: healthScore(probability, t, zone), status: nextStatus(previous, probability, t, zone), worstZone: zone, modelVersion: live.version };
}

export interface Reason {
  feature: string;
  value: number;
  /** Contribution to the score (model scale: probability for forests, log-odds for boosted trees). */
  shap: number;
}

/** TreeSHAP reasons for a feature vector, largest effect first. */
export function reasons(live: LiveModel, x: Float64Array, top = 6): Reason[] {
  const e = explainRow(live.model, x);
  return live.model.features
    .map((feature, k) => ({ feature, value: x[k], shap: e.contributions[k] }))
    .sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap))
    .slice(0, top);
}

/**
 * The readings with sensors overridden (what-if), never the live rows themselves. An override
 * holds for the whole window the model looks back over — "what if the vibration were 1.2 mm/s" is
 * a sustained level, so rolling means, spreads and changes see it too, not a one-reading blip.
 */
export function overridden(kind: AssetConfig['kind'], rows: readonly ModelRow[], values: Record<string, number>, overrides: Record<string, number>): { rows: ModelRow[]; values: Record<string, number> } {
  if (rows.length === 0) throw new Error('the asset has no reading yet: wait for its first reading');
  const columns = ROW_COLUMN[kind];
  const nextValues = { ...values };
  const changes: [string, number][] = [];
  for (const [key, v] of Object.entries(overrides)) {
    if (!Number.isFinite(v)) throw new Error(`what-if value for "${key}" must be a number`);
    if (!(key in columns)) throw new Error(`"${key}" is not an input of a ${kind} asset (inputs: ${Object.keys(columns).join(', ')})`);
    changes.push([columns[key], v]);
    nextValues[key] = v;
  }
  const vibration = kind === 'motor' ? overrides.vibrationMmS : undefined;
  return {
    rows: rows.map((r) => {
      const next: ModelRow = { ...r, ...Object.fromEntries(changes) };
      // The vibration spectrum scales with the level (energy ∝ amplitude²), so the bearing bands
      // tell the same story as the RMS velocity the planner set.
      const was = r[ROW_COLUMN.motor.vibrationMmS];
      if (vibration !== undefined && typeof was === 'number' && was > 0) {
        const energy = (vibration / was) ** 2;
        for (const band of SPECTRAL_BANDS) if (typeof r[band] === 'number') next[band] = (r[band] as number) * energy;
      }
      return next;
    }),
    values: nextValues,
  };
}
