/** Datasets: the bundled ones (read through the import pipeline) and those imported by the user. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_DATASETS } from '../data/generators/bundled';
import type { BundledDataset, ClassHistogram, DatasetOverview, Exploration, LoadedDataset } from '../shared/contract';
import type { RpcClient } from '../workers/rpc';
import type { DataApi, ImportProgress } from './data-api';
import type { EventHub } from './events';

export class DatasetService {
  constructor(
    private readonly datasetsDir: string,
    private readonly data: RpcClient<DataApi>,
    private readonly events: EventHub,
  ) {}

  listBundled(): BundledDataset[] {
    return BUNDLED_DATASETS.map(({ id, title, file }) => ({ id, title, file }));
  }

  listLoaded(): Promise<LoadedDataset[]> {
    return this.data.call('list', undefined);
  }

  /** Opens in flight, by dataset id: a second request for the same file shares the first one's read. */
  private readonly opening = new Map<string, Promise<DatasetOverview>>();

  openBundled(id: string): Promise<DatasetOverview> {
    // Two readers of one file at once (the Data view and the first start's model training) would
    // feed the same import twice; they share one read instead.
    let p = this.opening.get(id);
    if (!p) {
      p = this.readBundled(id).finally(() => this.opening.delete(id));
      this.opening.set(id, p);
    }
    return p;
  }

  private async readBundled(id: string): Promise<DatasetOverview> {
    const spec = BUNDLED_DATASETS.find((d) => d.id === id);
    if (!spec) throw new Error(`no bundled dataset "${id}" (available: ${BUNDLED_DATASETS.map((d) => d.id).join(', ')})`);
    const loaded = await this.data.call('list', undefined);
    if (loaded.some((d) => d.datasetId === id)) return this.data.call('overview', { datasetId: id });
    const path = join(this.datasetsDir, spec.file);
    if (!existsSync(path)) throw new Error(`bundled dataset file is missing: ${path} (run "npm run datasets")`);
    const overview = await this.data.call('openFile', { datasetId: id, title: spec.title, path, source: 'bundled' }, {
      onProgress: (p) => {
        const { bytes, totalBytes } = p as ImportProgress;
        this.events.emit('dataset:progress', { datasetId: id, phase: 'parsing', fraction: totalBytes ? bytes / totalBytes : 0 });
      },
    });
    this.events.emit('dataset:progress', { datasetId: id, phase: 'done', fraction: 1 });
    return overview;
  }

  open(datasetId: string): Promise<DatasetOverview> {
    return this.data.call('overview', { datasetId });
  }

  histogram(datasetId: string, column: string, bins: number): Promise<ClassHistogram> {
    return this.data.call('histogram', { datasetId, column, bins });
  }

  explore(datasetId: string): Promise<Exploration> {
    return this.data.call('explore', { datasetId });
  }
}
