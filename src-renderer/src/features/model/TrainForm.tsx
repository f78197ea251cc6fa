import { useStore } from '../../store';
import type { PipelineChoice } from '../../store/model-slice';

/** Engine settings, labelled, with the ranges the service accepts. */
export function TrainFormFields({ disabled, physicsAvailable, seriesAvailable }: { disabled: boolean; physicsAvailable: boolean; seriesAvailable: boolean }) {
  const form = useStore((s) => s.trainForm);
  const { setTrainForm } = useStore.getState();
  const num = (label: string, value: number, min: number, max: number, onChange: (v: number) => void, testId: string) => (
    <label className="field">
      <span>{label}</span>
      <input type="number" min={min} max={max} value={value} disabled={disabled} data-testid={testId}
        onChange={(e) => {
          const v = Math.round(Number(e.target.value));
          if (Number.isFinite(v)) onChange(Math.min(max, Math.max(min, v)));
        }} />
    </label>
  );
  return (
    <div className="form-grid">
      <label className="field">
        <span>Features</span>
        <select value={form.pipeline} disabled={disabled} onChange={(e) => setTrainForm({ pipeline: e.target.value as PipelineChoice })} data-testid="train-pipeline">
          <option value="milling-physics" disabled={!physicsAvailable}>Sensors + milling physics (power, ΔT, strain, rule margins)</option>
          <option value="fleet-timeseries" disabled={!seriesAvailable}>Time series per asset (6 h mean and spread, 1 h change and rate) — fails within 24 h</option>
          <option value="raw">Sensors as recorded</option>
        </select>
      </label>
      <label className="field">
        <span>Model</span>
        <select value={form.model} disabled={disabled} onChange={(e) => setTrainForm({ model: e.target.value as 'random-forest' | 'boosted-trees', engine: 'twinscope' })} data-testid="train-model">
          <option value="random-forest">Random forest</option>
          <option value="boosted-trees">Gradient-boosted trees (learning rate 0.1, early stopping; depth ≤ 8)</option>
        </select>
      </label>
      <label className="field">
        <span>Engine</span>
        <select value={form.engine} disabled={disabled || form.model === 'boosted-trees'} onChange={(e) => setTrainForm({ engine: e.target.value as 'twinscope' | 'ml-random-forest' })} data-testid="train-engine">
          <option value="twinscope">Twinscope trees (histogram CART, one worker per core)</option>
          <option value="ml-random-forest">ml-random-forest 2.1.0 — reference, slow (about a minute per 100 trees on 10,000 rows)</option>
        </select>
      </label>
      {num('Trees', form.forest.nTrees, 1, 2000, (nTrees) => setTrainForm({ forest: { nTrees } }), 'train-trees')}
      {num('Max depth', form.forest.maxDepth, 1, 64, (maxDepth) => setTrainForm({ forest: { maxDepth } }), 'train-depth')}
      {num('Min samples per leaf', form.forest.minSamplesLeaf, 1, 10_000, (minSamplesLeaf) => setTrainForm({ forest: { minSamplesLeaf } }), 'train-leaf')}
      {num('Min samples per split', form.forest.minSamplesSplit, 2, 10_000, (minSamplesSplit) => setTrainForm({ forest: { minSamplesSplit } }), 'train-split')}
      <label className="field">
        <span>Class weighting</span>
        <select value={form.forest.classWeight} disabled={disabled} onChange={(e) => setTrainForm({ forest: { classWeight: e.target.value as 'balanced' | 'none' } })} data-testid="train-weight">
          <option value="none">None</option>
          <option value="balanced">Balanced (failures weigh more)</option>
        </select>
      </label>
      <label className="field">
        <span>Features per split</span>
        <select value={String(form.forest.maxFeatures)} disabled={disabled} onChange={(e) => setTrainForm({ forest: { maxFeatures: e.target.value === 'sqrt' || e.target.value === 'all' ? e.target.value : Number(e.target.value) } })} data-testid="train-max-features">
          <option value="sqrt">√ of features</option>
          <option value="0.33">A third</option>
          <option value="0.5">Half</option>
          <option value="all">All</option>
        </select>
      </label>
      <label className="field">
        <span>Split criterion</span>
        <select value={form.forest.criterion} disabled={disabled} onChange={(e) => setTrainForm({ forest: { criterion: e.target.value as 'gini' | 'entropy' } })}>
          <option value="gini">Gini</option>
          <option value="entropy">Entropy</option>
        </select>
      </label>
      <label className="field">
        <span>Evaluation</span>
        <select value={form.validation} disabled={disabled} onChange={(e) => setTrainForm({ validation: e.target.value as 'k-fold' | 'holdout' })} data-testid="train-validation">
          <option value="k-fold">k-fold cross-validation</option>
          <option value="holdout">20 % holdout</option>
        </select>
      </label>
      {form.validation === 'k-fold' ? num('Cross-validation folds', form.folds, 2, 10, (folds) => setTrainForm({ folds }), 'train-folds') : null}
    </div>
  );
}
