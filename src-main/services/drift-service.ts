/**
 * Drift monitoring behind the contract: the twin worker's per-model drift state, the ambient-shift
 * scenario, and "retrain on recent data" — a new run with the drifting model's own settings on its
 * original training data plus the fleet's recent history it scored, labelled by the recorded
 * failures, trained with the normal progress events and listed next to the current run (never
 * activated by itself: the planner compares and chooses).
 */
import { defaultForestFor, retrainPrefix, type RetrainHistory, type RunSummary, type TrainRequest } from '../shared/contract';
import { parseModel } from '../ml/model-file';
import type { StorageApi } from '../store/storage-api';
import { historyRows } from '../twin/history-rows';
import type { RpcClient } from '../workers/rpc';
import type { DataApi } from './data-api';
import type { DatasetService } from './dataset-service';
import type { ModelService } from './model-service';
import type { TwinApi } from './twin-api';
import { DEFAULT_MODEL_SOURCES } from './twin-service';

/**
 * At most this many of the newest history readings are added: 7 days of raw history for a
 * few hundred assets would otherwise swamp the original data (and the training workers' memory).
 */
export const RETRAIN_HISTORY_ROWS = 100_000;
const HOUR = 3_600_000;

type Settings = Omit<TrainRequest, 'runId' | 'datasetId'>;

export interface DriftServiceDeps {
  twin: RpcClient<TwinApi>;
  models: ModelService;
  datasets: DatasetService;
  storage: RpcClient<StorageApi>;
  data: RpcClient<DataApi>;
  now?: () => number;
}

export class DriftService {
  constructor(private readonly deps: DriftServiceDeps) {}

  get() {
    return this.deps.twin.call('drift', undefined);
  }

  shiftAmbient(arg: { offsetK: number; assetIds?: string[] }) {
    return this.deps.twin.call('shiftAmbient', arg);
  }

  /**
   * Retrains like `model:train` does (the call ends when the run is stored; `model:progress` of
   * run `<runId>-retrain-<time>` reports it meanwhile): the run's own settings, on its original
   * dataset with the history rows added (registered as dataset `<base>+history:<runId>`).
   */
  async retrain(runId: string): Promise<{ runId: string; datasetId: string; history: RetrainHistory }> {
    const { twin, models, storage, data } = this.deps;
    const run = (await models.listRuns()).find((r) => r.runId === runId);
    if (!run) throw new Error(`runId "${runId}": no such run`);
    const base = await this.baseOf(run);
    const settings = run.request ?? this.fallbackSettings(run, base.rows);
    const model = parseModel((await models.exportModel(runId)).text);
    const [readings, failures] = await Promise.all([storage.call('scoredReadings', { runId, limit: RETRAIN_HISTORY_ROWS }), twin.call('failures', undefined)]);
    const timeSeries = model.pipeline.kind === 'fleet-timeseries';
    const rows = historyRows(readings, failures, model.pipeline, { timeSeries, horizonMs: timeSeries ? (model.pipeline.series?.horizonHours ?? 24) * HOUR : 0 });
    if (rows.extra.rowCount === 0) {
      throw new Error(rows.skipped
        ? `none of the ${rows.skipped} history readings scored by ${runId} recorded "${rows.missing}", an input of the model: they cannot become training rows`
        : `the fleet has no history scored by ${runId} yet: let it run with this model, then retrain`);
    }
    const history: RetrainHistory = {
      baseDatasetId: base.datasetId, baseDatasetTitle: base.title, rows: rows.extra.rowCount, assets: rows.assets,
      failures: rows.failures, positives: rows.positives, skipped: rows.skipped,
    };
    const datasetId = `${base.datasetId}+history:${runId}`;
    const title = `${base.title} + ${history.rows.toLocaleString('en')} history rows (${history.failures} failure${history.failures === 1 ? '' : 's'})`;
    await data.call('extendDataset', { datasetId: base.datasetId, newId: datasetId, title, extra: rows.extra });
    const newRunId = `${retrainPrefix(runId)}${(this.deps.now ?? Date.now)().toString(36)}`;
    await models.train({ ...settings, runId: newRunId, datasetId }, { history });
    return { runId: newRunId, datasetId, history };
  }

  /**
   * The run's original training data: a retrained run's own base, a default model's bundled
   * dataset, or the loaded dataset it was trained on (opened again if it is a bundled one).
   */
  private async baseOf(run: RunSummary): Promise<{ datasetId: string; title: string; rows: number }> {
    const { datasets } = this.deps;
    const kind = defaultKindOf(run.runId);
    const id = run.history?.baseDatasetId ?? (kind ? DEFAULT_MODEL_SOURCES[kind].datasetId : null);
    const title = run.history?.baseDatasetTitle ?? run.datasetTitle;
    const loaded = await datasets.listLoaded();
    const found = loaded.find((d) => d.datasetId === id) ?? loaded.find((d) => d.title === title && !d.datasetId.includes('+history:'));
    if (found) return { datasetId: found.datasetId, title: found.title, rows: found.rows };
    if (id && datasets.listBundled().some((b) => b.id === id)) {
      const o = await datasets.openBundled(id);
      return { datasetId: id, title: o.title, rows: o.rows };
    }
    throw new Error(`the run was trained on "${title}", which is not loaded: open that dataset, then retrain`);
  }

  /**
   * Runs stored before their request was kept: today's defaults — a default model's own settings
   * (as the first start trains it), otherwise the Model view's (5 folds, seed 42, the default
   * forest for the data's size) with the run's engine, model, trees and depth.
   */
  private fallbackSettings(run: RunSummary, rows: number): Settings {
    const kind = defaultKindOf(run.runId);
    if (kind) {
      const src = DEFAULT_MODEL_SOURCES[kind];
      return { pipeline: src.pipeline, folds: 2, seed: 42, validation: 'holdout', forest: { ...defaultForestFor(rows), nTrees: src.trees, maxDepth: src.maxDepth } };
    }
    if (run.pipeline !== 'raw' && run.pipeline !== 'milling-physics' && run.pipeline !== 'fleet-timeseries') throw new Error(`the run's pipeline "${run.pipeline}" cannot be retrained here`);
    return {
      pipeline: run.pipeline, folds: 5, seed: 42, engine: run.engine, model: run.model,
      forest: { ...defaultForestFor(rows), nTrees: run.trees, maxDepth: Math.max(1, run.maxDepth) },
    };
  }
}

/** The kind of a default model's run (and of its retrains, whose ids start with it). */
function defaultKindOf(runId: string): keyof typeof DEFAULT_MODEL_SOURCES | null {
  return (/^default-(milling|motor)-/.exec(runId)?.[1] as keyof typeof DEFAULT_MODEL_SOURCES | undefined) ?? null;
}
