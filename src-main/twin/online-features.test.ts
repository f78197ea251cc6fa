import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, suggestRoles } from '../data/import/analyse';
import { parseBytes } from '../data/import/fixtures';
import { getColumn, type Table } from '../data/table';
import type { DetectedSchema } from '../data/schema';
import { computeFeatures, defaultPipeline, flagThresholds, type FeaturePipeline } from '../ml/features';
import type { ModelRow } from './asset-sim';
import { OnlineFeatures } from './online-features';

function bundled(file: string): { table: Table; schema: DetectedSchema } {
  const parsed = parseBytes(new Uint8Array(readFileSync(join(__dirname, '../../datasets', file))), {}, 1 << 20);
  const s = suggestRoles(parsed);
  const { prepared } = analyse(parsed, s.roles, s.kind);
  if (!prepared) throw new Error(`${file} did not import`);
  return { table: prepared.table, schema: prepared.schema };
}

/** Row i of the table as the twin would hold it: inputs by column name, categories as text. */
function rowOf(table: Table, p: FeaturePipeline, i: number, timeColumn: string | null): ModelRow {
  const row: ModelRow = {};
  for (const c of p.categorical) {
    const col = getColumn(table, c.column);
    if (col.kind === 'categorical') row[c.column] = col.dictionary[col.codes[i]];
  }
  for (const n of [...p.numeric, ...(timeColumn ? [timeColumn] : [])]) {
    const col = getColumn(table, n);
    if (col.kind === 'numeric') row[n] = col.values[i];
  }
  return row;
}

/** Bit for bit: the same function runs over the same readings. */
function expectSame(online: Float64Array, batch: number[], names: string[], where: string): void {
  online.forEach((v, k) => {
    if (!Object.is(v, batch[k])) throw new Error(`${where}: feature "${names[k]}" online ${v} vs batch ${batch[k]}`);
  });
}

describe('online features equal the batch computation', () => {
  it('on the bundled milling data (physics features, one reading at a time)', () => {
    const { table, schema } = bundled('milling-ai4i.csv');
    const pipeline = defaultPipeline(table, schema);
    const batch = computeFeatures(table, schema, pipeline);
    const online = new OnlineFeatures(pipeline, batch.names);
    expect(online.window).toBe(1);
    expect(batch.names).toContain('overstrain margin [min·Nm]');
    for (let i = 0; i < table.rowCount; i++) {
      expectSame(online.compute([rowOf(table, pipeline, i, null)]), batch.columns.map((c) => c[i]), batch.names, `row ${i}`);
    }
  });

  it('on the bundled motor fleet (rolling windows per asset, with p99 flags)', () => {
    const { table, schema } = bundled('motor-fleet.csv');
    const base = defaultPipeline(table, schema);
    expect(base.kind).toBe('fleet-timeseries');
    const sensors = base.numeric.map((n) => Float64Array.from((getColumn(table, n) as { values: ArrayLike<number> }).values));
    const pipeline: FeaturePipeline = { ...base, series: { ...base.series!, flagThresholds: flagThresholds(sensors) } };
    const batch = computeFeatures(table, schema, pipeline);
    const online = new OnlineFeatures(pipeline, batch.names, schema.timestampColumn);
    expect(online.window).toBe(36);
    const asset = getColumn(table, schema.assetColumn!);
    if (asset.kind !== 'categorical') throw new Error('machine ids are text');
    // Four machines' whole histories (the window restarts at each machine).
    const history = new Map<number, ModelRow[]>();
    let checked = 0, flagged = 0;
    for (let i = 0; i < table.rowCount && history.size <= 4; i++) {
      const code = asset.codes[i];
      if (!history.has(code)) history.set(code, []);
      const rows = history.get(code)!;
      rows.push(rowOf(table, pipeline, i, schema.timestampColumn));
      const live = online.compute(rows);
      expectSame(live, batch.columns.map((c) => c[i]), batch.names, `row ${i} (${asset.dictionary[code]})`);
      flagged += live.slice(-pipeline.numeric.length).reduce((a, b) => a + b, 0);
      checked++;
    }
    expect(checked).toBeGreaterThan(10_000);
    expect(flagged).toBeGreaterThan(0);
  });

  it('names the feature a model needs that its pipeline does not produce', () => {
    const { table, schema } = bundled('milling-ai4i.csv');
    const pipeline = defaultPipeline(table, schema);
    const online = new OnlineFeatures(pipeline, ['spindle vibration']);
    expect(() => online.compute([rowOf(table, pipeline, 0, null)])).toThrow('the model needs feature "spindle vibration"');
  });
});
