/**
 * What the data worker answers: imports (uploaded in chunks, or read from a path), the datasets
 * they become, and statistics over them. Tables stay inside the worker; only summaries cross back.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ColumnRole, DatasetOverview, ImportPreview, LoadedDataset } from '../shared/contract';
import { explore } from '../data/explore';
import { appendRows, type ExtraRows } from '../data/append-rows';
import { analyse, headerSignature, suggestRoles, type Analysis } from '../data/import/analyse';
import type { TextEncodingName } from '../data/import/encoding';
import { hasErrors } from '../data/import/issues';
import type { PreparedDataset, Roles } from '../data/import/mapping';
import type { SegmentParser } from '../data/import/segments';
import { ImportError, ImportSession, type ParsedFile } from '../data/import/session';
import { classHistogram, computeOverview } from '../data/overview';
import type { SchemaKind } from '../data/schema';
import { numericColumn, textValue, type RawColumn } from '../data/table';
import { computeFeatures, DEFAULT_SERIES, defaultPipeline, seriesKeys, type FeaturePipeline, type PipelineKind } from '../ml/features';
import { horizonLabels } from '../ml/timeseries';
import { replaySource } from '../twin/replay';
import type { CallContext } from '../workers/rpc';

interface Dataset {
  title: string;
  source: 'bundled' | 'imported';
  prepared: PreparedDataset;
  /** Computed once: a million-row overview is a few hundred milliseconds. */
  overview: DatasetOverview;
}

interface PendingImport {
  session: ImportSession;
  fileName: string;
  totalBytes: number;
  started: number;
  lastProgress: number;
  parsed: ParsedFile | null;
  kind: SchemaKind;
  roles: Roles;
  remembered: boolean;
  /** The last analysis and the roles it was made for: validating a million rows is not free. */
  analysis: { key: string; result: Analysis } | null;
}

/** Progress reports at most this often (ms): streams are throttled before they cross. */
const PROGRESS_EVERY_MS = 100;
const READ_CHUNK = 1 << 20;

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
  rowsPerSecond: number;
}

function refusal(issues: { severity: string; message: string }[]): ImportError {
  const errors = issues.filter((i) => i.severity === 'error').map((i) => i.message);
  return new ImportError(errors.length === 1 ? errors[0] : `${errors.length} problems: ${errors.join(' ')}`);
}

function samples(col: RawColumn, type: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.min(n, col.kind === 'numeric' ? col.values.length : col.kind === 'text' ? col.length.length : col.codes.length); i++) {
    if (col.kind === 'text') out.push(textValue(col, i) ?? '');
    else if (col.kind === 'categorical') out.push(col.codes[i] < 0 ? '' : col.dictionary[col.codes[i]]);
    else if (Number.isNaN(col.values[i])) out.push('');
    else out.push(type === 'timestamp' ? new Date(col.values[i]).toISOString() : String(col.values[i]));
  }
  return out;
}

export function createDataApi(clock: () => number = () => performance.now(), parser?: SegmentParser) {
  const datasets = new Map<string, Dataset>();
  const imports = new Map<string, PendingImport>();
  let importedCount = 0;

  const dataset = (id: string): Dataset => {
    const d = datasets.get(id);
    if (!d) throw new Error(`dataset "${id}" is not loaded`);
    return d;
  };
  const pending = (id: string): PendingImport => {
    const p = imports.get(id);
    if (!p) throw new ImportError(`import "${id}" is not running (finished, cancelled or refused)`);
    return p;
  };
  const progressOf = (p: PendingImport): ImportProgress => {
    const { bytes, rows } = p.session.progress;
    const seconds = Math.max(1e-3, (clock() - p.started) / 1000);
    return { bytes, totalBytes: p.totalBytes, rows, rowsPerSecond: rows / seconds };
  };
  /** Runs `fn`; a refused file ends its import so nothing half-read lingers. */
  const guarded = async <T>(id: string, fn: () => T | Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      imports.delete(id);
      throw e;
    }
  };
  const analysisOf = (p: PendingImport): Analysis => {
    const key = JSON.stringify(p.roles);
    if (p.analysis?.key !== key) p.analysis = { key, result: analyse(p.parsed!, p.roles, p.kind) };
    return p.analysis.result;
  };
  const preview = (id: string, p: PendingImport): ImportPreview => {
    const parsed = p.parsed!;
    const a = analysisOf(p);
    return {
      importId: id, fileName: p.fileName, bytes: parsed.bytes, rows: parsed.rowsSeen, keptRows: parsed.table.rowCount,
      encoding: parsed.encoding, delimiter: parsed.dialect.delimiter, decimalComma: parsed.dialect.decimalComma,
      schema: p.kind, rememberedMapping: p.remembered,
      columns: parsed.columns.map((c, i) => ({ name: c.name, type: c.type, role: p.roles[c.name] ?? 'ignore', missing: c.missing.count, samples: samples(parsed.table.columns[i], c.type, 5) })),
      issues: a.issues, canImport: !hasErrors(a.issues), seconds: (clock() - p.started) / 1000,
    };
  };
  const register = (id: string, title: string, source: Dataset['source'], prepared: PreparedDataset): DatasetOverview => {
    const overview = computeOverview(id, title, prepared.table, prepared.schema);
    datasets.set(id, { title, source, prepared, overview });
    return overview;
  };

  const api = {
    /** A file is about to be chosen: start and warm the parse helpers meanwhile (see warm-up.ts). */
    async prepareImport(): Promise<{ helpers: number }> {
      await parser?.prepare?.();
      return { helpers: parser?.parallelism ?? 0 };
    },
    beginImport(arg: { importId: string; fileName: string; totalBytes: number; encoding: TextEncodingName | 'auto' }) {
      imports.set(arg.importId, {
        session: new ImportSession({ fileName: arg.fileName, totalBytes: arg.totalBytes, encoding: arg.encoding, parser }),
        fileName: arg.fileName, totalBytes: arg.totalBytes, started: clock(), lastProgress: 0,
        parsed: null, kind: 'unknown', roles: {}, remembered: false, analysis: null,
      });
      return { importId: arg.importId };
    },
    async pushChunk(arg: { importId: string; bytes: Uint8Array }, ctx: CallContext) {
      const p = pending(arg.importId);
      await guarded(arg.importId, () => p.session.pushAsync(arg.bytes));
      const now = clock();
      if (now - p.lastProgress >= PROGRESS_EVERY_MS) {
        p.lastProgress = now;
        ctx.progress(progressOf(p));
      }
      return p.session.progress;
    },
    /** Ends the byte stream; `remembered` roles (from the database) replace the suggestion when they fit. */
    async finishImport(arg: { importId: string }) {
      const p = pending(arg.importId);
      p.parsed = await guarded(arg.importId, () => p.session.finishAsync());
      const s = suggestRoles(p.parsed);
      p.kind = s.kind;
      p.roles = s.roles;
      return { preview: preview(arg.importId, p), signature: headerSignature(p.parsed.headers) };
    },
    remapImport(arg: { importId: string; roles: Record<string, ColumnRole>; remembered?: boolean }) {
      const p = pending(arg.importId);
      if (!p.parsed) throw new ImportError('the file has not been read to its end yet');
      const known = new Set(p.parsed.columns.map((c) => c.name));
      const unknown = Object.keys(arg.roles).filter((k) => !known.has(k));
      if (unknown.length) throw new ImportError(`no column named ${unknown.map((u) => `"${u}"`).join(', ')} in ${p.fileName}`);
      p.roles = { ...p.roles, ...arg.roles };
      p.remembered = arg.remembered ?? false;
      return preview(arg.importId, p);
    },
    commitImport(arg: { importId: string; roles: Record<string, ColumnRole>; title?: string }) {
      const p = pending(arg.importId);
      if (!p.parsed) throw new ImportError('the file has not been read to its end yet');
      p.roles = { ...p.roles, ...arg.roles };
      const a = analysisOf(p);
      if (!a.prepared) throw refusal(a.issues);
      imports.delete(arg.importId);
      const id = `imported-${++importedCount}`;
      return { overview: register(id, arg.title ?? p.fileName, 'imported', a.prepared), roles: p.roles };
    },
    cancelImport(arg: { importId: string }) {
      return { cancelled: imports.delete(arg.importId) };
    },
    /** Reads a file from disk through the same pipeline as an upload and opens it with the suggested roles. */
    async openFile(arg: { datasetId: string; title: string; path: string; source: Dataset['source'] }, ctx: CallContext) {
      const importId = `path:${arg.datasetId}`;
      if (imports.has(importId)) throw new ImportError(`"${arg.title}" is already being read; wait for it to finish`);
      const { size } = await stat(arg.path);
      api.beginImport({ importId, fileName: arg.path, totalBytes: size, encoding: 'auto' });
      try {
        for await (const chunk of createReadStream(arg.path, { highWaterMark: READ_CHUNK })) {
          if (ctx.signal.aborted) throw new ImportError('import cancelled');
          await api.pushChunk({ importId, bytes: chunk as Uint8Array }, ctx);
        }
        await api.finishImport({ importId });
        const a = analysisOf(pending(importId));
        if (!a.prepared) throw refusal(a.issues);
        return register(arg.datasetId, arg.title, arg.source, a.prepared);
      } finally {
        imports.delete(importId);
      }
    },
    list(): LoadedDataset[] {
      return [...datasets].map(([datasetId, d]) => ({ datasetId, title: d.title, source: d.source, rows: d.prepared.table.rowCount }));
    },
    overview(arg: { datasetId: string }) {
      return dataset(arg.datasetId).overview;
    },
    histogram(arg: { datasetId: string; column: string; bins: number }) {
      const d = dataset(arg.datasetId);
      return classHistogram(d.prepared.table, d.prepared.schema, arg.column, arg.bins);
    },
    /** The model's input matrix under a feature pipeline, with the label; rows with missing values are refused. */
    trainingMatrix(arg: { datasetId: string; pipeline: PipelineKind }) {
      const d = dataset(arg.datasetId);
      const { table, schema } = d.prepared;
      if (!schema.labelColumn) throw new Error(`dataset "${d.title}" has no label column`);
      if (arg.pipeline === 'milling-physics' && schema.kind !== 'ai4i') throw new Error('the milling physics pipeline needs a dataset in the AI4I schema');
      const pipeline = defaultPipeline(table, schema, arg.pipeline);
      const m = computeFeatures(table, schema, pipeline);
      if (m.columns.length === 0) throw new Error('no feature columns: give at least one column a feature role');
      m.columns.forEach((c, k) => {
        for (let i = 0; i < c.length; i++) {
          if (!Number.isFinite(c[i])) throw new Error(`feature "${m.names[k]}" has a missing or infinite value at row ${d.prepared.fileRows[i]}; Twinscope does not impute values yet — fix or drop those rows`);
        }
      });
      const events = numericColumn(table, schema.labelColumn);
      let label: Uint8Array = Uint8Array.from(events, (v) => (v === 1 ? 1 : 0));
      let groups: Int32Array | null = null, horizon = 'this process';
      /** The typical spacing of one asset's readings (series only): sizes the drift reference's null windows. */
      let intervalMs: number | null = null;
      const modeText = schema.modeTextColumn ? table.columns.find((c) => c.name === schema.modeTextColumn) : null;
      const modes = [...schema.modeFlagColumns, ...(modeText?.kind === 'categorical' ? modeText.dictionary : [])];
      // Which rows belong to each mode: its flag, or its name in the mode text column.
      let membership: Uint8Array[] = [
        ...schema.modeFlagColumns.map((name) => Uint8Array.from(numericColumn(table, name), (v) => (v === 1 ? 1 : 0))),
        ...(modeText?.kind === 'categorical' ? modeText.dictionary.map((_, k) => Uint8Array.from(modeText.codes, (c) => (c === k ? 1 : 0))) : []),
      ];
      if (pipeline.kind === 'fleet-timeseries') {
        // The label looks ahead: "this asset fails within H hours", and a reading belongs to the mode
        // of the failure it precedes; folds keep each asset whole.
        const { asset, time } = seriesKeys(table, schema);
        const hours = (pipeline.series ?? DEFAULT_SERIES).horizonHours;
        label = horizonLabels(asset, time, events, hours * 3_600_000);
        membership = membership.map((m) => horizonLabels(asset, time, m, hours * 3_600_000));
        groups = Int32Array.from(asset);
        horizon = `within ${hours} h`;
        intervalMs = medianSpacing(asset, time);
      }
      return { names: m.names, columns: m.columns, boundaries: m.boundaries, label, groups, intervalMs, horizon, pipeline, labelColumn: schema.labelColumn, modes, membership, title: d.title };
    },
    /** One row's features under a model's pipeline (the whole matrix is computed: windows need history). */
    featureRow(arg: { datasetId: string; pipeline: FeaturePipeline; row: number; pick: 'this' | 'failure' | 'normal' }) {
      const d = dataset(arg.datasetId);
      const { table, schema } = d.prepared;
      if (table.rowCount === 0) throw new Error(`dataset "${d.title}" has no rows`);
      const m = computeFeatures(table, schema, arg.pipeline);
      const labels = schema.labelColumn ? numericColumn(table, schema.labelColumn) : null;
      let labelOf = (i: number) => (labels ? labels[i] : NaN);
      if (arg.pipeline.kind === 'fleet-timeseries' && labels) {
        const { asset, time } = seriesKeys(table, schema);
        const horizon = horizonLabels(asset, time, labels, (arg.pipeline.series ?? DEFAULT_SERIES).horizonHours * 3_600_000);
        labelOf = (i) => horizon[i];
      }
      let row = Math.min(arg.row, table.rowCount - 1);
      if (arg.pick !== 'this') {
        // The next row after `row` (wrapping) of the wanted class.
        const want = arg.pick === 'failure' ? 1 : 0;
        for (let k = 1; k <= table.rowCount; k++) {
          const i = (row + k) % table.rowCount;
          if (labelOf(i) === want) {
            row = i;
            break;
          }
        }
      }
      return { names: m.names, values: m.columns.map((c) => c[row]), row, fileRow: d.prepared.fileRows[row], rows: table.rowCount, label: labelOf(row) };
    },
    /**
     * Registers `newId`: dataset `datasetId` with `extra` rows added at its end (a retrain's
     * original data plus the fleet's labelled history; ../data/append-rows.ts). Replaces an
     * earlier dataset of that id.
     */
    extendDataset(arg: { datasetId: string; newId: string; title: string; extra: ExtraRows }) {
      if (arg.newId === arg.datasetId) throw new Error(`newId: "${arg.newId}" would replace the dataset it extends`);
      const d = dataset(arg.datasetId);
      return register(arg.newId, arg.title, d.source, appendRows(d.prepared, arg.extra));
    },
    /** A dataset's rows as per-asset readings for the live twin to replay. */
    replaySource(arg: { datasetId: string }) {
      const d = dataset(arg.datasetId);
      return { title: d.title, ...replaySource(d.prepared.table, d.prepared.schema) };
    },
    explore(arg: { datasetId: string }) {
      const d = dataset(arg.datasetId);
      return explore(arg.datasetId, d.prepared.table, d.prepared.schema);
    },
  };
  return api;
}

export type DataApi = ReturnType<typeof createDataApi>;

/** The median gap between consecutive readings of the same asset (rows in time order per asset), or null. */
function medianSpacing(asset: ArrayLike<number>, time: ArrayLike<number>): number | null {
  const gaps: number[] = [];
  for (let i = 1; i < asset.length && gaps.length < 100_000; i++) if (asset[i] === asset[i - 1] && time[i] > time[i - 1]) gaps.push(time[i] - time[i - 1]);
  if (gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1];
}
