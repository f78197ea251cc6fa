/**
 * The model file: versioned JSON with a SHA-256 checksum. Loading never evaluates anything as code
 * and refuses, with a reason, files that are truncated, corrupted, from a newer format, or
 * structurally unsound even when their checksum is right (a tree whose child points back up, a
 * feature index out of range, arrays of different lengths, probabilities outside [0, 1]).
 */
import { z } from 'zod';
import { sha256BytesHex, sha256Hex } from '../common/sha256';
import type { IsotonicMap } from './calibration';
import type { FeaturePipeline } from './features';
import type { Forest } from './forest';

export const MODEL_FORMAT = 'twinscope-model';
export const MODEL_FORMAT_VERSION = 1;

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const Tree = z.object({
  feature: z.array(z.number().int()),
  threshold: z.array(finite),
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  value: z.array(finite),
  cover: z.array(finite),
}).strict();

/** `jsNull`/`psiNull`: what a stable live window shows (drift-null.ts); absent in older files. */
const Histogram = z.object({ edges: z.array(finite), counts: z.array(z.number().int().min(0)), jsNull: finite.optional(), psiNull: finite.optional() }).strict();

const ModelBody = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.number().int().min(1),
  /** twinscope-forest: leaves hold P(failure), averaged. twinscope-boosted: leaves hold log-odds, summed onto `base`. */
  engine: z.enum(['twinscope-forest', 'twinscope-boosted']),
  base: finite.optional(),
  createdAt: z.string(),
  pipeline: z.object({
    kind: z.enum(['raw', 'milling-physics', 'fleet-timeseries']),
    numeric: z.array(z.string()),
    categorical: z.array(z.object({ column: z.string(), categories: z.array(z.string()) }).strict()),
    series: z.object({ longWindow: z.number().int().min(1), shortWindow: z.number().int().min(1), horizonHours: z.number().positive(), flagThresholds: z.array(finite).optional() }).strict().optional(),
  }).strict(),
  features: z.array(z.object({ name: z.string(), type: z.literal('numeric') }).strict()).min(1),
  label: z.object({ column: z.string(), modes: z.array(z.string()) }).strict(),
  horizon: z.string(),
  calibration: z.object({ kind: z.literal('isotonic'), x: z.array(finite), y: z.array(finite) }).strict(),
  classBalance: z.object({ rows: z.number().int().min(1), positives: z.number().int().min(0) }).strict(),
  trainingFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  metrics: z.object({ accuracy: finite, precision: finite, recall: finite, f1: finite, rocAuc: finite, prAuc: finite, brier: finite }).strict(),
  threshold: z.number().min(0).max(1),
  driftReference: z.object({ features: z.array(Histogram.extend({ name: z.string() }).strict()), prediction: Histogram }).strict(),
  forest: z.object({ nFeatures: z.number().int().min(1), trees: z.array(Tree).min(1) }).strict(),
  /** Per failure mode, a forest for P(this mode | failure, x): P(mode) = P(failure) × that. */
  modeForests: z.array(z.object({ mode: z.string(), forest: z.object({ nFeatures: z.number().int().min(1), trees: z.array(Tree).min(1) }).strict() }).strict()).optional(),
}).strict();

export type ModelBody = z.infer<typeof ModelBody>;

export interface ModelContents {
  createdAt: Date;
  pipeline: FeaturePipeline;
  features: string[];
  label: { column: string; modes: string[] };
  horizon: string;
  calibration: IsotonicMap;
  classBalance: { rows: number; positives: number };
  trainingFingerprint: string;
  metrics: ModelBody['metrics'];
  threshold: number;
  driftReference: ModelBody['driftReference'];
  forest: Forest;
  modeForests: { mode: string; forest: Forest }[];
  engine: 'twinscope-forest' | 'twinscope-boosted';
  /** Boosted models: the log-odds every prediction starts from (0 for forests). */
  base: number;
}

/** A key-sorted serialisation, so the checksum does not depend on property order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function checksumOf(body: unknown): string {
  return `sha256:${sha256Hex(canonical(body))}`;
}

/** Fingerprint of a training matrix: same data, same fingerprint. */
export function fingerprintMatrix(names: string[], columns: Float64Array[], label: Uint8Array): string {
  // Column by column over the raw bytes, then over the list of column digests.
  const digests = columns.map((c) => sha256BytesHex(new Uint8Array(c.buffer, c.byteOffset, c.byteLength)));
  return sha256Hex([names.join('\u0000'), String(label.length), ...digests, sha256BytesHex(label)].join('\n'));
}

export function serializeModel(m: ModelContents): string {
  const body: ModelBody = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    engine: m.engine,
    ...(m.engine === 'twinscope-boosted' ? { base: m.base } : {}),
    createdAt: m.createdAt.toISOString(),
    pipeline: m.pipeline,
    features: m.features.map((name) => ({ name, type: 'numeric' as const })),
    label: m.label,
    horizon: m.horizon,
    calibration: { kind: 'isotonic', x: Array.from(m.calibration.x), y: Array.from(m.calibration.y) },
    classBalance: m.classBalance,
    trainingFingerprint: m.trainingFingerprint,
    metrics: m.metrics,
    threshold: m.threshold,
    driftReference: m.driftReference,
    forest: forestBody(m.forest),
    ...(m.modeForests.length ? { modeForests: m.modeForests.map((f) => ({ mode: f.mode, forest: forestBody(f.forest) })) } : {}),
  };
  return JSON.stringify({ ...body, checksum: checksumOf(body) });
}

function forestBody(f: Forest): ModelBody['forest'] {
  return {
    nFeatures: f.nFeatures,
    trees: f.trees.map((t) => ({
      feature: Array.from(t.feature), threshold: Array.from(t.threshold), left: Array.from(t.left), right: Array.from(t.right), value: Array.from(t.value),
      cover: Array.from(t.cover),
    })),
  };
}

function forestOf(f: ModelBody['forest']): Forest {
  return {
    nFeatures: f.nFeatures,
    trees: f.trees.map((t) => ({
      feature: Int32Array.from(t.feature), threshold: Float64Array.from(t.threshold), left: Int32Array.from(t.left),
      right: Int32Array.from(t.right), value: Float64Array.from(t.value), gain: new Float64Array(t.feature.length), cover: Float64Array.from(t.cover),
    })),
  };
}

/** Walks every tree: children after parents (so no cycles), each node reached once, indexes in range. */
function checkTrees(body: ModelBody): void {
  const nf = body.forest.nFeatures;
  if (body.features.length !== nf) throw new ModelFileError(`the model lists ${body.features.length} features but its trees use ${nf}`);
  if (body.engine === 'twinscope-boosted' && body.base === undefined) throw new ModelFileError('a boosted model needs its base score');
  checkForest(body.forest, nf, '', body.engine === 'twinscope-boosted');
  checkCalibration(body);
  for (const m of body.modeForests ?? []) {
    if (!body.label.modes.includes(m.mode)) throw new ModelFileError(`a mode forest is for "${m.mode}", which is not one of the label's modes`);
    // Mode forests may use the first features only (a fleet model's flags come after them).
    if (m.forest.nFeatures > nf) throw new ModelFileError(`the "${m.mode}" forest uses ${m.forest.nFeatures} features, the model ${nf}`);
    checkForest(m.forest, m.forest.nFeatures, `"${m.mode}" forest, `, false);
  }
}

function checkForest(forest: ModelBody['forest'], nf: number, prefix: string, logOdds: boolean): void {
  forest.trees.forEach((t, k) => {
    const n = t.feature.length;
    const where = `${prefix}tree ${k + 1}`;
    if (n === 0) throw new ModelFileError(`${where} has no nodes`);
    for (const [name, arr] of [['threshold', t.threshold], ['left', t.left], ['right', t.right], ['value', t.value], ['cover', t.cover]] as const) {
      if (arr.length !== n) throw new ModelFileError(`${where}: ${name} has ${arr.length} entries for ${n} nodes`);
    }
    const parents = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      if (!logOdds && (t.value[i] < 0 || t.value[i] > 1)) throw new ModelFileError(`${where}, node ${i}: probability ${t.value[i]} is outside [0, 1]`);
      if (!(t.cover[i] > 0)) throw new ModelFileError(`${where}, node ${i}: cover ${t.cover[i]} is not positive`);
      if (t.feature[i] < 0) continue;
      if (t.feature[i] >= nf) throw new ModelFileError(`${where}, node ${i}: feature index ${t.feature[i]} is out of range (the model has ${nf} features)`);
      for (const child of [t.left[i], t.right[i]]) {
        if (child <= i || child >= n) throw new ModelFileError(`${where}, node ${i}: child index ${child} does not point forward inside the tree (a cycle or a dangling link)`);
        if (parents[child] !== -1) throw new ModelFileError(`${where}, node ${child} has two parents`);
        parents[child] = i;
      }
    }
    for (let i = 1; i < n; i++) if (parents[i] === -1) throw new ModelFileError(`${where}, node ${i} is not reachable from the root`);
  });
}

function checkCalibration(body: ModelBody): void {
  const c = body.calibration;
  if (c.x.length !== c.y.length || c.x.length === 0) throw new ModelFileError('the calibration map is empty or its arrays differ in length');
  for (let i = 1; i < c.x.length; i++) {
    if (c.x[i] < c.x[i - 1] || c.y[i] < c.y[i - 1]) throw new ModelFileError('the calibration map is not increasing');
  }
}

export function parseModel(text: string): ModelContents {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(`not a readable model file (truncated or not JSON): ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ModelFileError('not a model file: the top level is not an object');
  const { checksum, ...body } = raw as Record<string, unknown>;
  if (body.format !== MODEL_FORMAT) throw new ModelFileError(`not a Twinscope model file (format ${JSON.stringify(body.format ?? null)})`);
  if (typeof body.formatVersion === 'number' && body.formatVersion > MODEL_FORMAT_VERSION) {
    throw new ModelFileError(`the model was saved by a newer Twinscope (format version ${body.formatVersion}; this version reads up to ${MODEL_FORMAT_VERSION}): update Twinscope`);
  }
  if (typeof checksum !== 'string') throw new ModelFileError('the model file has no checksum');
  if (checksum !== checksumOf(body)) throw new ModelFileError('the checksum does not match: the file was changed or corrupted after it was saved');
  const parsed = ModelBody.safeParse(body);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ModelFileError(`the model file is malformed at ${i.path.join('.') || '(top level)'}: ${i.message}`);
  }
  const b = parsed.data;
  checkTrees(b);
  return {
    createdAt: new Date(b.createdAt), pipeline: b.pipeline, features: b.features.map((f) => f.name), label: b.label, horizon: b.horizon,
    calibration: { x: Float64Array.from(b.calibration.x), y: Float64Array.from(b.calibration.y) }, classBalance: b.classBalance,
    trainingFingerprint: b.trainingFingerprint, metrics: b.metrics, threshold: b.threshold, driftReference: b.driftReference,
    forest: forestOf(b.forest),
    engine: b.engine,
    base: b.base ?? 0,
    modeForests: (b.modeForests ?? []).map((m) => ({ mode: m.mode, forest: forestOf(m.forest) })),
  };
}

/** A model applies to data whose pipeline yields exactly its features, in order. */
export function checkFeatures(model: ModelContents, names: string[]): void {
  if (names.length !== model.features.length || names.some((n, i) => n !== model.features[i])) {
    const missing = model.features.filter((f) => !names.includes(f));
    throw new ModelFileError(`the model expects features ${model.features.join(', ')}${missing.length ? `; the data lacks ${missing.join(', ')}` : '; the data has them in another order or has extra ones'}`);
  }
}
