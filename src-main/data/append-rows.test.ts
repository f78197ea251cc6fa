import { describe, expect, it } from 'vitest';
import { appendRows, type ExtraRows } from './append-rows';
import type { PreparedDataset } from './import/mapping';
import type { DetectedSchema } from './schema';

/** A two-asset fleet with a text failure mode, as an import prepares it. */
function fleet(): PreparedDataset {
  const schema: DetectedSchema = {
    kind: 'motor-fleet', labelColumn: 'failure', modeFlagColumns: [], modeTextColumn: 'mode', assetColumn: 'id', timestampColumn: 't',
    roles: { t: 'timestamp', id: 'asset-id', temp: 'numeric-feature', failure: 'label', mode: 'failure-mode', note: 'ignore' },
  };
  return {
    schema, fileRows: Int32Array.from([2, 3, 4]),
    table: {
      rowCount: 3,
      columns: [
        { name: 't', kind: 'numeric', values: Float64Array.from([0, 10, 0]) },
        { name: 'id', kind: 'categorical', codes: Int32Array.from([0, 0, 1]), dictionary: ['A', 'B'] },
        { name: 'temp', kind: 'numeric', values: Uint8Array.from([50, 51, 60]) },
        { name: 'failure', kind: 'numeric', values: Uint8Array.from([0, 1, 0]) },
        { name: 'mode', kind: 'categorical', codes: Int32Array.from([-1, 0, -1]), dictionary: ['bearing'] },
        { name: 'note', kind: 'numeric', values: Float64Array.from([1, 2, 3]) },
      ],
    },
  };
}

const extra = (over: Partial<ExtraRows> = {}): ExtraRows => ({
  rowCount: 2, columns: { temp: [70, 71] }, asset: ['C', 'C'], time: [0, 5], event: [0, 1], mode: ['', 'overheat'], ...over,
});

describe('appendRows', () => {
  it('appends column by column: label, mode text, asset and time from their fields, missing where nothing is given', () => {
    const out = appendRows(fleet(), extra());
    const col = (n: string) => out.table.columns.find((c) => c.name === n)!;
    expect(out.table.rowCount).toBe(5);
    expect(col('temp')).toMatchObject({ kind: 'numeric', values: Float64Array.from([50, 51, 60, 70, 71]) });
    expect(col('failure')).toMatchObject({ values: Float64Array.from([0, 1, 0, 0, 1]) });
    expect(col('mode')).toMatchObject({ codes: Int32Array.from([-1, 0, -1, -1, 1]), dictionary: ['bearing', 'overheat'] });
    expect(col('id')).toMatchObject({ codes: Int32Array.from([0, 0, 1, 2, 2]), dictionary: ['A', 'B', 'C'] });
    expect(Array.from((col('note') as { values: Float64Array }).values.subarray(3))).toEqual([NaN, NaN]);
    expect(Array.from(out.fileRows)).toEqual([2, 3, 4, 5, 6]);
  });

  it('sets an AI4I mode flag from the failure\'s mode', () => {
    const base = fleet();
    base.schema = { ...base.schema, modeTextColumn: null, modeFlagColumns: ['note'], assetColumn: null, timestampColumn: null, roles: { ...base.schema.roles, t: 'ignore', id: 'ignore', note: 'failure-mode' } };
    const out = appendRows(base, extra({ mode: ['', 'note'], asset: null, time: null }));
    expect(Array.from((out.table.columns.find((c) => c.name === 'note') as { values: Float64Array }).values)).toEqual([1, 2, 3, 0, 1]);
  });

  it('refuses bad rows, naming the field', () => {
    expect(() => appendRows(fleet(), extra({ event: [0] }))).toThrow('extra rows: event has 1 values for 2 rows');
    expect(() => appendRows(fleet(), extra({ columns: { temp: [1, 2], speed: [1, 2] } }))).toThrow('column "speed" is not in the dataset');
    expect(() => appendRows(fleet(), extra({ columns: {} }))).toThrow('no values for column "temp" (the dataset\'s numeric-feature)');
    expect(() => appendRows(fleet(), extra({ columns: { temp: ['hot', 'hot'] } }))).toThrow('column "temp" is numeric, row 0 holds text "hot"');
    expect(() => appendRows(fleet(), extra({ asset: ['A', 'A'] }))).toThrow('asset "A" is already in the dataset');
    expect(() => appendRows(fleet(), extra({ time: [5, 5] }))).toThrow('asset "C" is not in time order at row 1');
    expect(() => appendRows(fleet(), extra({ asset: null }))).toThrow('every row needs its asset id and time');
  });
});
