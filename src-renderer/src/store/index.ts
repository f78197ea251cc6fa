/** One store, combined from slices (zustand's slices pattern); components select narrowly. */
import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice';
import { createDatasetSlice, type DatasetSlice } from './dataset-slice';
import { createFleetSlice, type FleetSlice } from './fleet-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createModelSlice, type ModelSlice } from './model-slice';
import { createPlantSlice, type PlantSlice } from './plant-slice';
import { createTwinSlice, type TwinSlice } from './twin-slice';

export type StoreState = AppSlice & DatasetSlice & ImportSlice & ModelSlice & FleetSlice & TwinSlice & PlantSlice;

export const useStore = create<StoreState>()((...a) => ({
  ...createAppSlice(...a),
  ...createDatasetSlice(...a),
  ...createImportSlice(...a),
  ...createModelSlice(...a),
  ...createFleetSlice(...a),
  ...createTwinSlice(...a),
  ...createPlantSlice(...a),
}));
