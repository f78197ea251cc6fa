import { z } from 'zod';

export const ColumnRole = z.enum([
  'numeric-feature', 'categorical-feature', 'label', 'failure-mode', 'asset-id', 'timestamp', 'ignore',
]);
export type ColumnRole = z.infer<typeof ColumnRole>;

export const BundledDataset = z.object({ id: z.string(), title: z.string(), file: z.string() });
export type BundledDataset = z.infer<typeof BundledDataset>;

export { DISTINCT_CAP } from './plain';

export const ColumnSummary = z.object({
  name: z.string(),
  kind: z.enum(['numeric', 'categorical']),
  role: ColumnRole,
  missing: z.number().int(),
  distinct: z.number().int(),
  /** Numeric columns only: NaN for categorical. */
  min: z.number(),
  max: z.number(),
  mean: z.number(),
});
export type ColumnSummary = z.infer<typeof ColumnSummary>;

export const DatasetOverview = z.object({
  datasetId: z.string(),
  title: z.string(),
  schema: z.enum(['ai4i', 'motor-fleet', 'unknown']),
  rows: z.number().int(),
  columns: z.array(ColumnSummary),
  labelColumn: z.string().nullable(),
  failures: z.number().int(),
  failuresByMode: z.array(z.object({ mode: z.string(), count: z.number().int() })),
  assets: z.number().int(),
  /** Numeric feature columns, in file order: what the histogram can show. */
  sensorColumns: z.array(z.string()),
});
export type DatasetOverview = z.infer<typeof DatasetOverview>;

export const ClassHistogram = z.object({
  column: z.string(),
  /** bins + 1 edges. */
  edges: z.array(z.number()),
  normal: z.array(z.number().int()),
  failure: z.array(z.number().int()),
});
export type ClassHistogram = z.infer<typeof ClassHistogram>;

export const LoadedDataset = z.object({
  datasetId: z.string(),
  title: z.string(),
  source: z.enum(['bundled', 'imported']),
  rows: z.number().int(),
});
export type LoadedDataset = z.infer<typeof LoadedDataset>;

const Quartiles = z.object({ n: z.number().int(), min: z.number(), q1: z.number(), median: z.number(), q3: z.number(), max: z.number(), mean: z.number(), lowWhisker: z.number(), highWhisker: z.number() });
export type Quartiles = z.infer<typeof Quartiles>;

export const Exploration = z.object({
  datasetId: z.string(),
  /** Pearson correlation between numeric features (and the label), NaN where undefined. */
  correlation: z.object({ columns: z.array(z.string()), matrix: z.array(z.array(z.number())) }),
  boxes: z.array(z.object({ column: z.string(), normal: Quartiles, failure: Quartiles })),
});
export type Exploration = z.infer<typeof Exploration>;

export const datasetRequests = {
  'dataset:listBundled': { request: z.object({}).strict(), response: z.array(BundledDataset) },
  'dataset:listLoaded': { request: z.object({}).strict(), response: z.array(LoadedDataset) },
  'dataset:open': { request: z.object({ datasetId: z.string().min(1) }).strict(), response: DatasetOverview },
  'dataset:explore': { request: z.object({ datasetId: z.string().min(1) }).strict(), response: Exploration },
  'dataset:openBundled': { request: z.object({ id: z.string().min(1) }).strict(), response: DatasetOverview },
  'dataset:histogram': {
    request: z.object({ datasetId: z.string().min(1), column: z.string().min(1), bins: z.number().int().min(2).max(200) }).strict(),
    response: ClassHistogram,
  },
} as const;

export const datasetEvents = {
  'dataset:progress': z.object({ datasetId: z.string(), phase: z.enum(['parsing', 'done']), fraction: z.number() }),
} as const;
