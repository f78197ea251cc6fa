/**
 * Exploration statistics: correlations between numeric features and the label, and box-plot
 * quartiles per class. Computed where the table lives (a worker); only these numbers cross.
 */
import type { Exploration, Quartiles } from '../shared/contract';
import { failureMask } from './overview';
import type { DetectedSchema } from './schema';
import { numericColumn, type NumericArray, type Table } from './table';

/** Most columns a heatmap stays readable with. */
const MAX_CORRELATION_COLUMNS = 24;

function pearson(a: NumericArray, b: NumericArray): number {
  let n = 0, sa = 0, sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    n++;
    sa += a[i];
    sb += b[i];
  }
  if (n < 2) return NaN;
  const ma = sa / n, mb = sb / n;
  let cov = 0, va = 0, vb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    const da = a[i] - ma, db = b[i] - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : NaN;
}

/** Quartiles by linear interpolation (type 7, as numpy and R default), Tukey whiskers at 1.5 IQR. */
export function quartiles(values: Float64Array): Quartiles {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  const n = sorted.length;
  if (n === 0) return { n: 0, min: NaN, q1: NaN, median: NaN, q3: NaN, max: NaN, mean: NaN, lowWhisker: NaN, highWhisker: NaN };
  const q = (p: number) => {
    const h = (n - 1) * p, lo = Math.floor(h);
    return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, n - 1)] ?? sorted[lo]) - sorted[lo]);
  };
  const q1 = q(0.25), q3 = q(0.75), iqr = q3 - q1;
  let low = sorted[0], high = sorted[n - 1];
  for (let i = 0; i < n; i++) if (sorted[i] >= q1 - 1.5 * iqr) { low = sorted[i]; break; }
  for (let i = n - 1; i >= 0; i--) if (sorted[i] <= q3 + 1.5 * iqr) { high = sorted[i]; break; }
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n, min: sorted[0], q1, median: q(0.5), q3, max: sorted[n - 1], mean: sum / n, lowWhisker: low, highWhisker: high };
}

export function explore(datasetId: string, table: Table, schema: DetectedSchema): Exploration {
  const features = table.columns
    .filter((c) => c.kind === 'numeric' && schema.roles[c.name] === 'numeric-feature')
    .map((c) => c.name)
    .slice(0, MAX_CORRELATION_COLUMNS);
  const columns = schema.labelColumn ? [...features, schema.labelColumn] : features;
  const data = columns.map((c) => numericColumn(table, c));
  const matrix = data.map((a, i) => data.map((b, j) => (i === j ? 1 : j < i ? NaN : pearson(a, b))));
  for (let i = 0; i < matrix.length; i++) for (let j = 0; j < i; j++) matrix[i][j] = matrix[j][i];

  const mask = failureMask(table, schema);
  let nf = 0;
  for (const m of mask) nf += m;
  const boxes = features.map((name) => {
    const v = numericColumn(table, name);
    const normal = new Float64Array(v.length - nf), failure = new Float64Array(nf);
    let a = 0, b = 0;
    for (let i = 0; i < v.length; i++) {
      if (mask[i]) failure[b++] = v[i];
      else normal[a++] = v[i];
    }
    return { column: name, normal: quartiles(normal), failure: quartiles(failure) };
  });
  return { datasetId, correlation: { columns, matrix }, boxes };
}
