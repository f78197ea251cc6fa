import type { StateCreator } from 'zustand';
import type { Explanation, ForestSettings, RunSummary, TrainingResult } from '@shared/contract';
import { DEFAULT_FOREST_SETTINGS } from '@shared/contract/plain';
import { downloadText } from '../lib/download';
import { invoke } from '../api/client';
import type { StoreState } from './index';

/** Feature pipelines the training form offers (see src-main/ml/features.ts). */
export type PipelineChoice = 'raw' | 'milling-physics' | 'fleet-timeseries';

export interface TrainProgress {
  phase: string;
  fold: number;
  folds: number;
  treesDone: number;
  treesTotal: number;
  elapsedSeconds: number;
  etaSeconds: number;
}

export interface TrainForm {
  pipeline: PipelineChoice;
  engine: 'twinscope' | 'ml-random-forest';
  model: 'random-forest' | 'boosted-trees';
  validation: 'k-fold' | 'holdout';
  folds: number;
  seed: number;
  forest: ForestSettings;
}

export interface ModelSlice {
  trainForm: TrainForm;
  trainingRunId: string | null;
  trainProgress: TrainProgress | null;
  trainResult: TrainingResult | null;
  trainError: string | null;
  setTrainForm(patch: Partial<Omit<TrainForm, 'forest'>> & { forest?: Partial<ForestSettings> }): void;
  train(datasetId: string): Promise<void>;
  cancelTraining(): Promise<void>;
  setTrainProgress(runId: string, p: TrainProgress): void;
  runs: RunSummary[];
  runsError: string | null;
  loadRuns(): Promise<void>;
  activateRun(runId: string): Promise<void>;
  saveModel(runId: string): Promise<void>;
  openModelFile(file: File): Promise<void>;
  explanation: Explanation | null;
  explainError: string | null;
  /** TreeSHAP of a row under the last trained model: this row, or the next failure / normal row. */
  explain(datasetId: string, row: number, pick: 'this' | 'failure' | 'normal'): Promise<void>;
}

export const DEFAULT_TRAIN_FORM: TrainForm = {
  pipeline: 'milling-physics',
  engine: 'twinscope',
  model: 'random-forest',
  validation: 'k-fold',
  folds: 5,
  seed: 42,
  forest: DEFAULT_FOREST_SETTINGS,
};

export const createModelSlice: StateCreator<StoreState, [], [], ModelSlice> = (set, get) => ({
  trainForm: DEFAULT_TRAIN_FORM,
  trainingRunId: null,
  trainProgress: null,
  trainResult: null,
  trainError: null,
  explanation: null,
  explainError: null,
  async explain(datasetId, row, pick) {
    const result = get().trainResult;
    if (!result) return;
    try {
      set({ explanation: await invoke('model:explain', { runId: result.runId, datasetId, row, pick }), explainError: null });
    } catch (e) {
      set({ explainError: (e as Error).message });
    }
  },
  setTrainForm: (patch) => set((s) => ({ trainForm: { ...s.trainForm, ...patch, forest: { ...s.trainForm.forest, ...patch.forest } } })),
  async train(datasetId) {
    if (get().trainingRunId) return;
    const runId = `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const form = get().trainForm;
    set({ trainingRunId: runId, trainProgress: null, trainError: null });
    try {
      const result = await invoke('model:train', { runId, datasetId, pipeline: form.pipeline, engine: form.engine, model: form.model, validation: form.validation, folds: form.folds, seed: form.seed, forest: form.forest });
      set({ trainResult: result, explanation: null, explainError: null });
      await get().loadRuns();
    } catch (e) {
      const err = e as Error;
      set({ trainError: err.name === 'CancelledError' ? 'Training cancelled.' : err.message });
    } finally {
      set({ trainingRunId: null });
    }
  },
  async cancelTraining() {
    const runId = get().trainingRunId;
    if (runId) await invoke('model:cancel', { runId });
  },
  setTrainProgress(runId, p) {
    if (get().trainingRunId === runId) set({ trainProgress: p });
  },
  runs: [],
  runsError: null,
  async loadRuns() {
    try {
      set({ runs: await invoke('model:listRuns', {}) });
    } catch (e) {
      set({ runsError: (e as Error).message });
    }
  },
  async activateRun(runId) {
    try {
      set({ runs: await invoke('model:activate', { runId }), runsError: null });
    } catch (e) {
      set({ runsError: (e as Error).message });
    }
  },
  async saveModel(runId) {
    try {
      const { fileName, text } = await invoke('model:export', { runId });
      downloadText(fileName, text, 'application/json');
    } catch (e) {
      set({ runsError: (e as Error).message });
    }
  },
  async openModelFile(file) {
    try {
      await invoke('model:open', { fileName: file.name, text: await file.text() });
      set({ runsError: null });
      await get().loadRuns();
    } catch (e) {
      set({ runsError: `${file.name} was not opened: ${(e as Error).message}` });
    }
  },
});
