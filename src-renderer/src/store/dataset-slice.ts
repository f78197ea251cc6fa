import type { StateCreator } from 'zustand';
import type { BundledDataset, ClassHistogram, DatasetOverview, Exploration, LoadedDataset } from '@shared/contract';
import { invoke } from '../api/client';
import { nextFrame, retireStaged } from '../lib/frames';
import type { StoreState } from './index';

export interface DatasetSlice {
  bundled: BundledDataset[];
  loaded: LoadedDataset[];
  overview: DatasetOverview | null;
  exploration: Exploration | null;
  loadingId: string | null;
  progress: number;
  histogram: ClassHistogram | null;
  histogramColumn: string | null;
  datasetError: string | null;
  loadBundledList(): Promise<void>;
  openBundled(id: string): Promise<void>;
  openDataset(datasetId: string): Promise<void>;
  showOverview(overview: DatasetOverview): Promise<void>;
  showHistogram(column: string): Promise<void>;
  setProgress(fraction: number): void;
}

const HISTOGRAM_BINS = 40;

export const createDatasetSlice: StateCreator<StoreState, [], [], DatasetSlice> = (set, get) => ({
  bundled: [],
  loaded: [],
  overview: null,
  exploration: null,
  loadingId: null,
  progress: 0,
  histogram: null,
  histogramColumn: null,
  datasetError: null,
  async loadBundledList() {
    try {
      set({ bundled: await invoke('dataset:listBundled', {}), loaded: await invoke('dataset:listLoaded', {}) });
    } catch (e) {
      set({ datasetError: (e as Error).message });
    }
  },
  async openBundled(id) {
    set({ loadingId: id, progress: 0, datasetError: null });
    try {
      const overview = await invoke('dataset:openBundled', { id });
      set({ loadingId: null });
      await get().showOverview(overview);
    } catch (e) {
      set({ loadingId: null, datasetError: (e as Error).message });
    }
  },
  async openDataset(datasetId) {
    try {
      await get().showOverview(await invoke('dataset:open', { datasetId }));
    } catch (e) {
      set({ datasetError: (e as Error).message });
    }
  },
  async showOverview(overview) {
    // The previous dataset stays on screen until the new one is ready; then its charts are taken
    // down one per frame, the rest of its view in the next, and the new view is built after: no
    // step is one long task.
    if (get().overview) {
      await retireStaged();
      set({ overview: null, histogram: null, exploration: null });
      await nextFrame();
    }
    set({ overview, histogram: null, histogramColumn: null, exploration: null, datasetError: null });
    const [loaded, first] = [await invoke('dataset:listLoaded', {}), overview.sensorColumns[0]];
    set({ loaded });
    if (first) await get().showHistogram(first);
    const exploration = await invoke('dataset:explore', { datasetId: overview.datasetId });
    if (get().overview?.datasetId === overview.datasetId) set({ exploration });
  },
  async showHistogram(column) {
    const overview = get().overview;
    if (!overview) return;
    set({ histogramColumn: column });
    try {
      const histogram = await invoke('dataset:histogram', { datasetId: overview.datasetId, column, bins: HISTOGRAM_BINS });
      if (get().histogramColumn === column) set({ histogram });
    } catch (e) {
      set({ datasetError: (e as Error).message });
    }
  },
  setProgress: (progress) => set({ progress }),
});
