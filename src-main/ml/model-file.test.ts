import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../common/random';
import { analyse, suggestRoles } from '../data/import/analyse';
import { parseBytes } from '../data/import/fixtures';
import { numericColumn } from '../data/table';
import { fitIsotonic } from './calibration';
import { computeFeatures, defaultPipeline } from './features';
import { DEFAULT_FOREST, predictForestBatch, trainForest } from './forest';
import { checkFeatures, checksumOf, fingerprintMatrix, ModelFileError, parseModel, serializeModel, type ModelContents } from './model-file';

function realModel(): { text: string; model: ModelContents; columns: Float64Array[] } {
  const parsed = parseBytes(new Uint8Array(readFileSync(join(__dirname, '../../datasets/milling-ai4i.csv'))), {}, 1 << 20);
  const s = suggestRoles(parsed);
  const { prepared } = analyse(parsed, s.roles, s.kind);
  const pipeline = defaultPipeline(prepared!.table, prepared!.schema);
  const m = computeFeatures(prepared!.table, prepared!.schema, pipeline);
  const y = Uint8Array.from(numericColumn(prepared!.table, 'Machine failure'));
  const forest = trainForest(m.columns, y, { ...DEFAULT_FOREST, nTrees: 8, maxDepth: 8 });
  const p = predictForestBatch(forest, m.columns);
  // A mode forest (P(HDF | failure, x)) on the failure rows, so mutations reach mode forests too.
  const failures = Array.from(y.keys()).filter((i) => y[i] === 1);
  const hdf = Uint8Array.from(failures, (i) => numericColumn(prepared!.table, 'HDF')[i]);
  const hdfForest = trainForest(m.columns.map((c) => Float64Array.from(failures, (i) => c[i])), hdf, { ...DEFAULT_FOREST, nTrees: 3, maxDepth: 4 });
  const model: ModelContents = {
    createdAt: new Date('2026-11-25T12:00:00Z'), pipeline, features: m.names, label: { column: 'Machine failure', modes: ['TWF', 'HDF', 'PWF', 'OSF', 'RNF'] },
    horizon: 'this process', calibration: fitIsotonic(p, y), classBalance: { rows: y.length, positives: y.reduce((a, b) => a + b, 0) },
    trainingFingerprint: fingerprintMatrix(m.names, m.columns, y), metrics: { accuracy: 0.99, precision: 0.9, recall: 0.8, f1: 0.85, rocAuc: 0.97, prAuc: 0.88, brier: 0.007 }, threshold: 0.3,
    driftReference: { features: [{ name: m.names[1], edges: [295, 300, 305], counts: [10, 20] }], prediction: { edges: [0, 0.5, 1], counts: [9000, 1000] } },
    forest,
    modeForests: [{ mode: 'HDF', forest: hdfForest }],
    engine: 'twinscope-forest',
    base: 0,
  };
  return { text: serializeModel(model), model, columns: m.columns };
}

const { text, model, columns } = realModel();

function sameModel(candidate: string): boolean {
  try {
    return JSON.stringify(JSON.parse(candidate)) === JSON.stringify(JSON.parse(text));
  } catch {
    return false;
  }
}

/** Every object inside a JSON value, with its path, to delete a field from. */
function objects(v: unknown, path: (string | number)[] = [], out: { obj: Record<string, unknown>; path: (string | number)[] }[] = []) {
  if (Array.isArray(v)) v.forEach((x, i) => objects(x, [...path, i], out));
  else if (v && typeof v === 'object') {
    out.push({ obj: v as Record<string, unknown>, path });
    for (const [k, x] of Object.entries(v)) objects(x, [...path, k], out);
  }
  return out;
}

function withChecksum(body: Record<string, unknown>): string {
  const { checksum: _, ...rest } = body;
  return JSON.stringify({ ...rest, checksum: checksumOf(rest) });
}

describe('model file', () => {
  it('round-trips a real model: same predictions, same features', () => {
    const back = parseModel(text);
    expect(back.features).toEqual(model.features);
    expect(Array.from(predictForestBatch(back.forest, columns))).toEqual(Array.from(predictForestBatch(model.forest, columns)));
    expect(() => checkFeatures(back, model.features)).not.toThrow();
    expect(() => checkFeatures(back, model.features.slice(1))).toThrow(/the data lacks/);
  });

  it('refuses a newer format with a reason', () => {
    const body = JSON.parse(text);
    body.formatVersion = 2;
    expect(() => parseModel(withChecksum(body))).toThrow(/newer Twinscope/);
  });

  it('refuses 1,000 damaged copies, each with a reason', () => {
    const r = createRng(2026);
    const reasons = new Map<string, number>();
    const refuse = (damaged: string, kind: string) => {
      let error: unknown = null;
      try {
        parseModel(damaged);
      } catch (e) {
        error = e;
      }
      expect(error, kind).toBeInstanceOf(ModelFileError);
      expect((error as Error).message.length, kind).toBeGreaterThan(10);
      const key = (error as Error).message.replace(/[0-9]+/g, 'N').slice(0, 40);
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    };
    for (let k = 0; k < 250; k++) refuse(text.slice(0, r.int(text.length)), 'truncation');
    for (let k = 0; k < 250; k++) {
      const at = r.int(text.length);
      const flipped = text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << r.int(7))) + text.slice(at + 1);
      // A flip in a number's last digit can spell the same double (8.599999999999994 and …95): the
      // model is unchanged, and accepting it is right. Every other flip must be refused.
      if (sameModel(flipped)) {
        k--;
        continue;
      }
      refuse(flipped, 'bit flip');
    }
    for (let k = 0; k < 250; k++) {
      const body = JSON.parse(text);
      const all = objects(body).filter((o) => Object.keys(o.obj).length > 0);
      const target = all[r.int(all.length)];
      const keys = Object.keys(target.obj).filter((x) => !(target.path.length === 0 && x === 'checksum'));
      if (keys.length === 0) continue;
      delete target.obj[keys[r.int(keys.length)]];
      refuse(k % 2 ? JSON.stringify(body) : withChecksum(body), 'missing field');
    }
    const damages = [
      (t: Record<string, number[]>, i: number) => (t.left[i] = i), // points to itself: a cycle
      (t: Record<string, number[]>, i: number) => (t.right[i] = 0), // points back to the root
      (t: Record<string, number[]>, i: number) => (t.feature[i] = 999), // feature out of range
      (t: Record<string, number[]>) => t.value.pop(), // arrays of different lengths
      (t: Record<string, number[]>, i: number) => (t.value[i] = 1.5), // not a probability
      (t: Record<string, number[]>, i: number) => (t.right[i] = t.left[i]), // a node with two parents
    ];
    for (let k = 0; k < 250; k++) {
      const body = JSON.parse(text);
      const tree = body.forest.trees[r.int(body.forest.trees.length)];
      const internal = tree.feature.map((f: number, i: number) => (f >= 0 ? i : -1)).filter((i: number) => i >= 0);
      damages[k % damages.length](tree, internal[r.int(internal.length)]);
      refuse(withChecksum(body), 'structural damage');
    }
    expect(reasons.size).toBeGreaterThan(5);
  });
});
