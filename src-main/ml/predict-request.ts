/**
 * What a /predict request may contain, read off the model's own feature pipeline, and the check
 * of a request body against it. The inputs are the model's RAW input columns (its numeric columns
 * and its categorical columns with their allowed categories); derived features are computed by
 * the pipeline exactly as in training, never accepted from the caller.
 *
 * Bodies:
 * - one reading stands alone (raw and milling-physics models):
 *   `{"inputs": {"<column>": <number or category>, …}, "reasons": false}`
 * - fleet-timeseries models need the asset's recent history (rolling means, spreads, changes per
 *   hour): `{"readings": [{"time": <ms or ISO 8601>, "<column>": …}, …], "reasons": false}` —
 *   oldest first, at most the model's window; the LAST reading is scored, and the window features
 *   are computed over the readings given, as the live twin does for an asset with that history.
 *
 * Every refusal names the field it is about (`PredictRequestError.field`).
 */
import type { FeaturePipeline } from './features';

export type PredictInput = { name: string; type: 'number' } | { name: string; type: 'category'; categories: string[] };

export interface PredictShape {
  /** `single`: one `inputs` object; `series`: `readings`, oldest first. */
  kind: 'single' | 'series';
  inputs: PredictInput[];
  /** Series: the most readings a request may carry (the pipeline's longest window). */
  maxReadings: number;
}

/** The key holding each reading's time in a series request. */
export const TIME_FIELD = 'time';

export class PredictRequestError extends Error {
  override name = 'PredictRequestError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export type PredictRow = Record<string, number | string>;

export interface PredictRequest {
  /** Oldest first; one row for single-reading models. Series rows carry `time` in ms. */
  rows: PredictRow[];
  reasons: boolean;
}

export function predictShape(p: FeaturePipeline): PredictShape {
  const inputs: PredictInput[] = [
    ...p.numeric.map((name): PredictInput => ({ name, type: 'number' })),
    ...p.categorical.map((c): PredictInput => ({ name: c.column, type: 'category', categories: [...c.categories] })),
  ];
  if (p.kind !== 'fleet-timeseries') return { kind: 'single', inputs, maxReadings: 1 };
  if (inputs.some((i) => i.name === TIME_FIELD)) throw new Error(`the model has an input named "${TIME_FIELD}", which clashes with the reading time: it cannot be served over /predict`);
  const series = p.series;
  return { kind: 'series', inputs, maxReadings: Math.max(series?.longWindow ?? 1, series?.shortWindow ?? 1) };
}

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"` : typeof v);

/** Own keys only: an input named like an Object.prototype member must still be sent. */
const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a parsed JSON body; throws PredictRequestError naming the first field at fault. */
export function parsePredictBody(shape: PredictShape, body: unknown): PredictRequest {
  if (!isObject(body)) throw new PredictRequestError('(body)', `the body must be a JSON object (got ${describe(body)})`);
  const main = shape.kind === 'single' ? 'inputs' : 'readings';
  const other = shape.kind === 'single' ? 'readings' : 'inputs';
  for (const key of Object.keys(body)) {
    if (key === main || key === 'reasons') continue;
    if (key === other) {
      throw new PredictRequestError(key, shape.kind === 'single'
        ? 'this model scores one reading on its own: send {"inputs": {…}}, not "readings"'
        : `this model needs the asset's recent history (rolling features): send {"readings": [{"time": …, …}, …]} with up to ${shape.maxReadings} readings, oldest first, not "inputs"`);
    }
    throw new PredictRequestError(key, `unknown field "${key}" (allowed: "${main}", "reasons")`);
  }
  const reasons = body.reasons ?? false;
  if (typeof reasons !== 'boolean') throw new PredictRequestError('reasons', `field "reasons" must be true or false (got ${describe(reasons)})`);
  if (!has(body, main)) throw new PredictRequestError(main, `missing field "${main}"`);
  if (shape.kind === 'single') return { rows: [parseReading(shape.inputs, body.inputs, 'inputs', false)], reasons };

  const readings = body.readings;
  if (!Array.isArray(readings)) throw new PredictRequestError('readings', `field "readings" must be an array of readings, oldest first (got ${describe(readings)})`);
  if (readings.length === 0) throw new PredictRequestError('readings', 'field "readings" must hold at least one reading');
  if (readings.length > shape.maxReadings) {
    throw new PredictRequestError('readings', `field "readings" holds ${readings.length} readings; this model looks back over ${shape.maxReadings} at most — send the newest ${shape.maxReadings}`);
  }
  const rows = readings.map((r, i) => parseReading(shape.inputs, r, `readings[${i}]`, true));
  for (let i = 1; i < rows.length; i++) {
    if (!((rows[i][TIME_FIELD] as number) > (rows[i - 1][TIME_FIELD] as number))) {
      throw new PredictRequestError(`readings[${i}].${TIME_FIELD}`, `readings must be in time order, oldest first: readings[${i}].${TIME_FIELD} is not after readings[${i - 1}].${TIME_FIELD}`);
    }
  }
  return { rows, reasons };
}

function parseReading(inputs: PredictInput[], value: unknown, path: string, withTime: boolean): PredictRow {
  if (!isObject(value)) throw new PredictRequestError(path, `field "${path}" must be an object of input values (got ${describe(value)})`);
  const row: PredictRow = {};
  const known = new Set(inputs.map((i) => i.name));
  for (const key of Object.keys(value)) {
    if (known.has(key) || (withTime && key === TIME_FIELD)) continue;
    throw new PredictRequestError(`${path}.${key}`, `unknown field "${key}" in ${path}: the model's inputs are ${inputs.map((i) => `"${i.name}"`).join(', ')}`);
  }
  for (const input of inputs) {
    const field = `${path}.${input.name}`;
    if (!has(value, input.name)) throw new PredictRequestError(field, `missing field "${input.name}" in ${path}`);
    const v = value[input.name];
    if (input.type === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new PredictRequestError(field, `field "${input.name}" must be a finite number (got ${describe(v)})`);
      row[input.name] = v;
    } else {
      if (typeof v !== 'string' || !input.categories.includes(v)) {
        throw new PredictRequestError(field, `field "${input.name}" must be one of ${input.categories.map((c) => `"${c}"`).join(', ')} (got ${describe(v)})`);
      }
      row[input.name] = v;
    }
  }
  if (withTime) row[TIME_FIELD] = parseTime(value[TIME_FIELD], `${path}.${TIME_FIELD}`);
  return row;
}

/** Milliseconds since 1970 as a number, or an ISO 8601 date-time string. */
function parseTime(v: unknown, field: string): number {
  if (v === undefined) throw new PredictRequestError(field, `missing field "${TIME_FIELD}" in ${field.slice(0, -TIME_FIELD.length - 1)} (milliseconds since 1970 or an ISO 8601 date-time)`);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const ms = Date.parse(v);
    if (Number.isFinite(ms)) return ms;
  }
  throw new PredictRequestError(field, `field "${TIME_FIELD}" must be milliseconds since 1970 or an ISO 8601 date-time (got ${describe(v)})`);
}
