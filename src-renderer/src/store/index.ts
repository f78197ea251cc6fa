/** One store, combined from slices (zustand's slices pattern); components select narrowly. */
import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice';
import { createDatasetSlice, type DatasetSlice } from './dataset-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createModelSlice, type ModelSlice } from './model-slice';

export type StoreState = AppSlice & DatasetSlice & ImportSlice & ModelSlice;

export const useStore = create<StoreState>()((...a) => ({
  ...createAppSlice(...a),
  ...createDatasetSlice(...a),
  ...createImportSlice(...a),
  ...createModelSlice(...a),
}));
