/**
 * A model ready to answer /predict: parsed once per activation, its request shape and live
 * feature computation prepared. Features go through the same pipeline kernels as training and the
 * live twin (OnlineFeatures), the probability through the same calibrated scoring (scoreRow), so
 * the API, the twin and "Explain a prediction" agree for the same row.
 */
import { OnlineFeatures, type FeatureWindow } from '../twin/online-features';
import type { ModelContents } from './model-file';
import { explainRow, scoreRow } from './model-predict';
import { predictShape, TIME_FIELD, type PredictRequest, type PredictShape } from './predict-request';

/** Reasons a request gets when it asks for them: the largest TreeSHAP contributions. */
export const TOP_REASONS = 6;

export type PredictStatus = 'NORMAL' | 'WARNING' | 'CRITICAL';

export interface PredictVersion {
  runId: string;
  createdAt: string;
  /** The model file's SHA-256 checksum: the exact model that answered. */
  checksum: string;
  engine: ModelContents['engine'];
  pipeline: ModelContents['pipeline']['kind'];
  horizon: string;
}

export interface PredictResult {
  /** Calibrated probability of failure within the model's horizon. */
  probability: number;
  /** P(mode) = P(failure) × P(mode | failure, x), most likely first (empty when the model has no modes). */
  modes: { mode: string; probability: number }[];
  threshold: number;
  status: PredictStatus;
  model: PredictVersion;
  reasons?: { scale: 'probability' | 'log-odds'; base: number; top: { feature: string; value: number; shap: number }[] };
}

/**
 * Status against the model's operating threshold t, with the twin's levels (scoring.ts / health.ts)
 * but without hysteresis, since a request has no previous status: CRITICAL at P ≥ t, WARNING at
 * P ≥ t/2, NORMAL below.
 */
export function statusOf(probability: number, threshold: number): PredictStatus {
  if (probability >= threshold) return 'CRITICAL';
  return probability >= threshold / 2 ? 'WARNING' : 'NORMAL';
}

export class PredictModel {
  readonly shape: PredictShape;
  readonly version: PredictVersion;
  private readonly online: OnlineFeatures;
  /** Single-reading models reuse one window (it looks back over one reading); series get a fresh one per request. */
  private readonly single: FeatureWindow | null;

  constructor(
    runId: string,
    readonly model: ModelContents,
    checksum: string,
  ) {
    this.shape = predictShape(model.pipeline);
    this.online = new OnlineFeatures(model.pipeline, model.features, this.shape.kind === 'series' ? TIME_FIELD : null);
    this.single = this.shape.kind === 'single' ? this.online.createWindow() : null;
    this.version = { runId, createdAt: model.createdAt.toISOString(), checksum, engine: model.engine, pipeline: model.pipeline.kind, horizon: model.horizon };
    // Computing one feature vector now surfaces a pipeline the model cannot be served with at activation, not per request.
    this.features({ rows: [this.sampleRow()], reasons: false });
  }

  /** The model's feature vector for the request's last reading (a fresh copy). */
  features(req: PredictRequest): Float64Array {
    const w = this.single ?? this.online.createWindow();
    for (const r of req.rows) w.push(r);
    return Float64Array.from(w.features());
  }

  predict(req: PredictRequest): PredictResult {
    const x = this.features(req);
    const { probability, modes } = scoreRow(this.model, x);
    const threshold = this.model.threshold;
    const result: PredictResult = { probability, modes, threshold, status: statusOf(probability, threshold), model: this.version };
    if (req.reasons) {
      const e = explainRow(this.model, x);
      const top = this.model.features
        .map((feature, k) => ({ feature, value: x[k], shap: e.contributions[k] }))
        .sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap))
        .slice(0, TOP_REASONS);
      result.reasons = { scale: e.scale, base: e.base, top };
    }
    return result;
  }

  /**
   * A plausible value per input for examples (curl, OpenAPI): the middle of its training range from
   * the model's drift reference, 0 where it has none; a category's first value.
   */
  examples(): Record<string, number | string> {
    const row: Record<string, number | string> = {};
    for (const i of this.shape.inputs) {
      if (i.type === 'category') {
        row[i.name] = i.categories[0] ?? '';
        continue;
      }
      const edges = this.model.driftReference.features.find((f) => f.name === i.name)?.edges;
      row[i.name] = edges && edges.length > 1 ? Number(((edges[0] + edges[edges.length - 1]) / 2).toPrecision(4)) : 0;
    }
    return row;
  }

  private sampleRow(): Record<string, number | string> {
    const row = this.examples();
    if (this.shape.kind === 'series') row[TIME_FIELD] = 0;
    return row;
  }
}
