import type { StateCreator } from 'zustand';
import type { BundledDataset, ClassHistogram, DatasetOverview } from '@shared/contract';
import { invoke } from '../api/client';
import type { StoreState } from './index';

export interface DatasetSlice {
  bundled: BundledDataset[];
  overview: DatasetOverview | null;
  loadingId: string | null;
  progress: number;
  histogram: ClassHistogram | null;
  histogramColumn: string | null;
  datasetError: string | null;
  loadBundledList(): Promise<void>;
  openBundled(id: string): Promise<void>;
  showHistogram(column: string): Promise<void>;
  setProgress(fraction: number): void;
}

const HISTOGRAM_BINS = 40;

export const createDatasetSlice: StateCreator<StoreState, [], [], DatasetSlice> = (set, get) => ({
  bundled: [],
  overview: null,
  loadingId: null,
  progress: 0,
  histogram: null,
  histogramColumn: null,
  datasetError: null,
  async loadBundledList() {
    try {
      set({ bundled: await invoke('dataset:listBundled', {}) });
    } catch (e) {
      set({ datasetError: (e as Error).message });
    }
  },
  async openBundled(id) {
    set({ loadingId: id, progress: 0, datasetError: null });
    try {
      const overview = await invoke('dataset:openBundled', { id });
      // Keep the previous dataset on screen until the new one is ready.
      set({ overview, loadingId: null, histogram: null, histogramColumn: null });
      const first = overview.sensorColumns[0];
      if (first) await get().showHistogram(first);
    } catch (e) {
      set({ loadingId: null, datasetError: (e as Error).message });
    }
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
