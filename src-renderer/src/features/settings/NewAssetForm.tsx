import { useMemo, useState } from 'react';
import type { AssetConfig, RunSummary } from '@shared/contract';
import { invoke } from '../../api/client';
import {
  ASSET_KINDS, assetFromDraft, hasErrors, KIND_LABEL, NEW_ASSET_COSTS, newAssetDraft, usualModelFor, validateAssetDraft, type AssetDraft, type AssetErrors, type AssetKind,
} from './asset-form';
import { AssetFields } from './AssetFields';
import { Field, SubmitErrors } from './Field';
import { errorText, useShownErrors } from './form-state';
import { numberText } from './number-text';

interface Props {
  register: readonly AssetConfig[];
  runs: readonly RunSummary[];
  runsError: string | null;
  onCreated(register: AssetConfig[], id: string): void;
  onCancel(): void;
}

/**
 * A new register entry: id and kind (fixed from then on), name, model and costs. The model and
 * costs start as most assets of the kind have them; its levels start at the kind's defaults.
 */
export function NewAssetForm({ register, runs, runsError, onCreated, onCancel }: Props) {
  const [draft, setDraft] = useState<AssetDraft>(() => ({ ...newAssetDraft('milling'), modelRunId: usualModelFor('milling', register) }));
  const existingIds = useMemo(() => register.map((a) => a.id), [register]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const errors = useMemo(() => validateAssetDraft(draft, { sensors: [], existingIds }), [draft, existingIds]);
  const { shown, submitted, touch, submit } = useShownErrors<AssetErrors>(errors);

  const edit = (patch: Partial<AssetDraft>, field: string) => {
    setDraft((d) => ({ ...d, ...patch }));
    touch(field);
  };

  const changeKind = (kind: AssetKind) => {
    // Costs still at the previous kind's prefill follow the kind; typed ones stay.
    const before = NEW_ASSET_COSTS[draft.kind], after = NEW_ASSET_COSTS[kind];
    const follow = (text: string, was: number, now: number) => (text === numberText(was) ? numberText(now) : text);
    // So does the model, unless one was chosen.
    const model = draft.modelRunId === usualModelFor(draft.kind, register) ? usualModelFor(kind, register) : draft.modelRunId;
    setDraft({
      ...draft, kind, modelRunId: model,
      downtimeCostPerHour: follow(draft.downtimeCostPerHour, before.downtimeCostPerHour, after.downtimeCostPerHour),
      energyPricePerKWh: follow(draft.energyPricePerKWh, before.energyPricePerKWh, after.energyPricePerKWh),
    });
  };

  const create = async () => {
    submit();
    setSaveError(null);
    if (hasErrors(errors)) return;
    setSaving(true);
    try {
      const asset = assetFromDraft(draft);
      onCreated(await invoke('assets:save', { asset }), asset.id);
    } catch (e) {
      setSaveError(errorText(e));
      setSaving(false);
    }
  };

  return (
    <form
      className="settings-editor"
      aria-labelledby="asset-new-title"
      data-testid="asset-new"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h3 id="asset-new-title" className="settings-editor-title">New asset</h3>
      <div className="form-grid">
        <Field id="asset-new-id" label="Id" error={shown.id} hint="1–40 letters, digits, dot, dash or underscore, e.g. MTR-07. It cannot be changed later.">
          {(c) => <input {...c} value={draft.id} maxLength={40} disabled={saving} autoFocus onChange={(e) => edit({ id: e.target.value }, 'id')} data-testid="asset-new-id" />}
        </Field>
        <Field id="asset-new-kind" label="Kind" hint="Decides the sensors, maintenance actions and models.">
          {(c) => (
            <select {...c} value={draft.kind} disabled={saving} onChange={(e) => changeKind(e.target.value as AssetKind)} data-testid="asset-new-kind">
              {ASSET_KINDS.map((k) => <option key={k} value={k}>{KIND_LABEL[k]}</option>)}
            </select>
          )}
        </Field>
        <AssetFields idPrefix="asset-new" draft={draft} errors={shown} runs={runs} runsError={runsError} disabled={saving} onChange={edit} />
      </div>
      <p className="settings-hint">Sensor levels start at the kind's defaults; edit them once the asset is in the register.</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving} data-testid="asset-save">{saving ? 'Adding…' : 'Add to register'}</button>
        <button type="button" onClick={onCancel} disabled={saving}>Cancel</button>
      </div>
      <SubmitErrors count={submitted ? Object.keys(errors).length : 0} serviceError={saveError} testId="asset-save-error" />
    </form>
  );
}
