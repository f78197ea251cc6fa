/**
 * What the data worker answers: loads a CSV file into a columnar table, detects its schema and
 * computes statistics. Tables stay inside the worker; only summaries cross back.
 */
import { readFile } from 'node:fs/promises';
import { parseCsvText } from '../data/csv';
import { classHistogram, computeOverview } from '../data/overview';
import { detectSchema, type DetectedSchema } from '../data/schema';
import type { Table } from '../data/table';
import type { CallContext } from '../workers/rpc';

interface Loaded {
  table: Table;
  schema: DetectedSchema;
}

export function createDataApi() {
  const loaded = new Map<string, Loaded>();
  const get = (id: string): Loaded => {
    const d = loaded.get(id);
    if (!d) throw new Error(`dataset "${id}" is not loaded`);
    return d;
  };
  return {
    async openFile(arg: { datasetId: string; title: string; path: string }, ctx: CallContext) {
      ctx.progress({ phase: 'reading', fraction: 0 });
      const text = await readFile(arg.path, 'utf8');
      ctx.progress({ phase: 'parsing', fraction: 0.3 });
      const table = parseCsvText(text);
      const schema = detectSchema(table);
      ctx.progress({ phase: 'summarising', fraction: 0.8 });
      loaded.set(arg.datasetId, { table, schema });
      return computeOverview(arg.datasetId, arg.title, table, schema);
    },
    histogram(arg: { datasetId: string; column: string; bins: number }) {
      const { table, schema } = get(arg.datasetId);
      return classHistogram(table, schema, arg.column, arg.bins);
    },
  };
}

export type DataApi = ReturnType<typeof createDataApi>;
