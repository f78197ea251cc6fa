import type { RunSummary } from '@shared/contract';
import { ASSET_NAME_MAX, runLabel, type AssetDraft, type AssetErrors } from './asset-form';
import { Field } from './Field';

interface Props {
  /** Makes the ids unique when two forms are on the page. */
  idPrefix: string;
  draft: AssetDraft;
  errors: Partial<AssetErrors>;
  runs: readonly RunSummary[];
  runsError: string | null;
  disabled: boolean;
  onChange(patch: Partial<AssetDraft>, field: keyof AssetDraft): void;
}

/** Name, model and costs: the fields a new asset and a stored one share. */
export function AssetFields({ idPrefix, draft, errors, runs, runsError, disabled, onChange }: Props) {
  const p = idPrefix;
  const unknownRun = draft.modelRunId !== null && !runs.some((r) => r.runId === draft.modelRunId);
  const modelHint = runsError
    ? `The runs could not be listed: ${runsError}`
    : draft.modelRunId === null ? 'None: the asset is watched by its sensors only (the default model of its kind is assigned at the next start).' : undefined;
  return (
    <>
      <Field id={`${p}-name`} label="Name" error={errors.name}>
        {(c) => <input {...c} value={draft.name} maxLength={ASSET_NAME_MAX} disabled={disabled} onChange={(e) => onChange({ name: e.target.value }, 'name')} data-testid="asset-name" />}
      </Field>
      <Field id={`${p}-model`} label="Model" hint={modelHint} className="settings-wide">
        {(c) => (
          <select {...c} value={draft.modelRunId ?? ''} disabled={disabled} onChange={(e) => onChange({ modelRunId: e.target.value || null }, 'modelRunId')} data-testid="asset-model">
            <option value="">None</option>
            {unknownRun ? <option value={draft.modelRunId!}>{draft.modelRunId} (not among the stored runs)</option> : null}
            {runs.map((r) => <option key={r.runId} value={r.runId}>{runLabel(r)}</option>)}
          </select>
        )}
      </Field>
      <Field id={`${p}-downtime`} label="Downtime cost (€ per hour)" error={errors.downtimeCostPerHour}>
        {(c) => <input {...c} inputMode="decimal" value={draft.downtimeCostPerHour} disabled={disabled} onChange={(e) => onChange({ downtimeCostPerHour: e.target.value }, 'downtimeCostPerHour')} data-testid="asset-downtime-cost" />}
      </Field>
      <Field id={`${p}-energy`} label="Energy price (€ per kWh)" error={errors.energyPricePerKWh}>
        {(c) => <input {...c} inputMode="decimal" value={draft.energyPricePerKWh} disabled={disabled} onChange={(e) => onChange({ energyPricePerKWh: e.target.value }, 'energyPricePerKWh')} data-testid="asset-energy-price" />}
      </Field>
    </>
  );
}
