/**
 * /predict scores a request exactly as training computed features and as the model file scores
 * them: real small forests on both bundled datasets, the request built from the CSV's raw values,
 * compared with the batch pipeline's feature row and scoreRow on it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse, suggestRoles } from '../data/import/analyse';
import { parseBytes } from '../data/import/fixtures';
import { getColumn, numericColumn, type Table } from '../data/table';
import { millingModel } from '../twin/test-models';
import { fitIsotonic } from './calibration';
import { computeFeatures, defaultPipeline, seriesKeys } from './features';
import { DEFAULT_FOREST, predictForestBatch, trainForest } from './forest';
import type { ModelContents } from './model-file';
import { explainRow, scoreRow } from './model-predict';
import { PredictModel, statusOf } from './predict-model';
import { parsePredictBody } from './predict-request';

const DATASETS = join(__dirname, '../../datasets');
const CHECKSUM = `sha256:${'0'.repeat(64)}`;

function prepare(file: string) {
  const parsed = parseBytes(readFileSync(join(DATASETS, file)), {}, 1 << 20);
  const s = suggestRoles(parsed);
  const { prepared } = analyse(parsed, s.roles, s.kind);
  return prepared!;
}

/** The raw value of a column in a row, as a client would send it (categories as their text). */
function rawValue(table: Table, column: string, row: number): number | string {
  const c = getColumn(table, column);
  return c.kind === 'categorical' ? c.dictionary[c.codes[row]] : c.values[row];
}

describe('PredictModel on the milling model', () => {
  let model: ModelContents, table: Table, features: ReturnType<typeof computeFeatures>;
  beforeAll(() => {
    model = millingModel(readFileSync(join(DATASETS, 'milling-ai4i.csv')));
    const p = prepare('milling-ai4i.csv');
    table = p.table;
    features = computeFeatures(p.table, p.schema, model.pipeline);
  });

  it('gives the batch pipeline’s probability, modes and reasons for the same rows', () => {
    const pm = new PredictModel('run-1', model, CHECKSUM);
    for (const row of [0, 1, 77, 1234, 5000, 9999]) {
      const inputs = Object.fromEntries(pm.shape.inputs.map((i) => [i.name, rawValue(table, i.name, row)]));
      const r = pm.predict(parsePredictBody(pm.shape, { inputs, reasons: true }));
      const x = Float64Array.from(features.columns, (c) => c[row]);
      const expected = scoreRow(model, x);
      expect(r.probability).toBe(expected.probability);
      expect(r.modes).toEqual(expected.modes);
      expect(r.status).toBe(statusOf(expected.probability, model.threshold));
      const shap = explainRow(model, x);
      const top = r.reasons!.top[0];
      expect(top.shap).toBe(shap.contributions[model.features.indexOf(top.feature)]);
      expect(Math.abs(top.shap)).toBe(Math.max(...Array.from(shap.contributions, Math.abs)));
    }
    expect(pm.version).toMatchObject({ runId: 'run-1', checksum: CHECKSUM, pipeline: 'milling-physics', createdAt: model.createdAt.toISOString() });
  });

  it('status follows the operating threshold', () => {
    expect(statusOf(0.5, 0.5)).toBe('CRITICAL');
    expect(statusOf(0.25, 0.5)).toBe('WARNING');
    expect(statusOf(0.2499, 0.5)).toBe('NORMAL');
  });
});

describe('PredictModel on a fleet-timeseries model', () => {
  it('computes rolling features over the readings sent, as training did over the asset history', () => {
    const p = prepare('motor-fleet.csv');
    const pipeline = defaultPipeline(p.table, p.schema, 'fleet-timeseries');
    const m = computeFeatures(p.table, p.schema, pipeline);
    const y = Uint8Array.from(numericColumn(p.table, p.schema.labelColumn!));
    const forest = trainForest(m.columns, y, { ...DEFAULT_FOREST, nTrees: 8, maxDepth: 8, seed: 5 });
    const model: ModelContents = {
      createdAt: new Date('2026-11-25T12:00:00Z'), pipeline, features: m.names, label: { column: p.schema.labelColumn!, modes: [] }, horizon: '24 h',
      calibration: fitIsotonic(predictForestBatch(forest, m.columns), y), classBalance: { rows: y.length, positives: y.reduce((a, b) => a + b, 0) },
      trainingFingerprint: 'test', metrics: { accuracy: 0, precision: 0, recall: 0, f1: 0, rocAuc: 0, prAuc: 0, brier: 0 }, threshold: 0.0625,
      driftReference: { features: [], prediction: { edges: [0, 1], counts: [1] } }, forest, modeForests: [], engine: 'twinscope-forest', base: 0,
    };
    const pm = new PredictModel('fleet-1', model, CHECKSUM);
    expect(pm.shape.kind).toBe('series');
    const { asset, time } = seriesKeys(p.table, p.schema);
    // A row deep into its asset's history, and one of the asset's first rows (shorter window).
    for (const row of [500, 2000, p.table.rowCount - 1]) {
      const from = Math.max(0, row - pm.shape.maxReadings + 1);
      const readings = [];
      for (let i = from; i <= row; i++) {
        if (asset[i] !== asset[row]) continue;
        readings.push({ time: new Date(time[i]).toISOString(), ...Object.fromEntries(pm.shape.inputs.map((inp) => [inp.name, rawValue(p.table, inp.name, i)])) });
      }
      const req = parsePredictBody(pm.shape, { readings });
      const x = Float64Array.from(m.columns, (c) => c[row]);
      expect(Array.from(pm.features(req))).toEqual(Array.from(x));
      expect(pm.predict(req).probability).toBe(scoreRow(model, x).probability);
    }
  });
});
