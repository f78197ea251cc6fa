import { describe, expect, it } from 'vitest';
import { explore, quartiles } from './explore';
import { schemaFromRoles } from './schema';
import type { Table } from './table';

describe('exploration statistics', () => {
  it('quartiles match numpy (linear interpolation) and whiskers stop at 1.5 IQR', () => {
    const q = quartiles(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 100, NaN]));
    expect(q).toMatchObject({ n: 10, min: 1, q1: 3.25, median: 5.5, q3: 7.75, max: 100, lowWhisker: 1, highWhisker: 9 });
  });

  it('correlates features with each other and with the label, and splits boxes by class', () => {
    const x = Float64Array.from({ length: 100 }, (_, i) => i);
    const table: Table = {
      rowCount: 100,
      columns: [
        { name: 'x', kind: 'numeric', values: x },
        { name: 'neg', kind: 'numeric', values: x.map((v) => -2 * v + 1) },
        { name: 'failure', kind: 'numeric', values: x.map((v) => (v >= 90 ? 1 : 0)) },
      ],
    };
    const schema = schemaFromRoles(table, { x: 'numeric-feature', neg: 'numeric-feature', failure: 'label' }, 'unknown');
    const e = explore('t', table, schema);
    expect(e.correlation.columns).toEqual(['x', 'neg', 'failure']);
    expect(e.correlation.matrix[0][1]).toBeCloseTo(-1, 12);
    expect(e.correlation.matrix[1][0]).toBeCloseTo(-1, 12);
    expect(e.correlation.matrix[0][2]).toBeGreaterThan(0.5);
    expect(e.boxes[0].failure).toMatchObject({ n: 10, min: 90, max: 99 });
    expect(e.boxes[0].normal).toMatchObject({ n: 90, min: 0, max: 89 });
  });
});

describe('distinct counting', () => {
  it('counts exactly below the cap and stops at it', async () => {
    const { countDistinct } = await import('./column-stats');
    expect(countDistinct(new Float64Array([1, 1, 2, NaN, 0, -0, 2.5, 2.5]), 100)).toBe(4);
    const many = Float64Array.from({ length: 50_000 }, (_, i) => i * 0.1);
    expect(countDistinct(many, 10_000)).toBe(10_000);
    expect(countDistinct(Float64Array.from({ length: 9_000 }, (_, i) => i % 4321), 10_000)).toBe(4321);
  });
});
