/** Bundled datasets: listing and opening them through the data worker. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_DATASETS } from '../data/generators/bundled';
import type { BundledDataset, ClassHistogram, DatasetOverview } from '../shared/contract';
import type { RpcClient } from '../workers/rpc';
import type { DataApi } from './data-api';
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

  async openBundled(id: string): Promise<DatasetOverview> {
    const spec = BUNDLED_DATASETS.find((d) => d.id === id);
    if (!spec) throw new Error(`no bundled dataset "${id}" (available: ${BUNDLED_DATASETS.map((d) => d.id).join(', ')})`);
    const path = join(this.datasetsDir, spec.file);
    if (!existsSync(path)) throw new Error(`bundled dataset file is missing: ${path} (run "npm run datasets")`);
    const overview = await this.data.call('openFile', { datasetId: id, title: spec.title, path }, {
      onProgress: (p) => {
        const { phase, fraction } = p as { phase: 'reading' | 'parsing' | 'summarising'; fraction: number };
        this.events.emit('dataset:progress', { datasetId: id, phase, fraction });
      },
    });
    this.events.emit('dataset:progress', { datasetId: id, phase: 'done', fraction: 1 });
    return overview;
  }

  histogram(datasetId: string, column: string, bins: number): Promise<ClassHistogram> {
    return this.data.call('histogram', { datasetId, column, bins });
  }
}
