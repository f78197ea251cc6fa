import type { ReactNode } from 'react';
import { ASSET_KINDS, KIND_LABEL } from './asset-form';
import { Field } from './Field';
import { useShownErrors } from './form-state';
import {
  appliesToKind, AUTO_CLEAR_RATIO, DEFAULT_STALE_FACTOR, hysteresisHint, RULE_KIND_LABEL, RULE_NAME_MAX, sensorOptions, toggleAssetKind,
  type RuleDraft, type RuleErrors, type SensorChoice, type Severity,
} from './rule-form';

interface Props {
  draft: RuleDraft;
  /** Every problem of this rule; shown per field once edited, all of them when `showAll`. */
  errors: RuleErrors;
  showAll: boolean;
  /** Sensors per asset kind (empty when they could not be read: the sensor is typed then). */
  catalogue: readonly SensorChoice[];
  disabled: boolean;
  onChange(next: RuleDraft): void;
}

/** The unit of a rule's sensor, from the first ticked kind that has it. */
export function sensorUnit(catalogue: readonly SensorChoice[], d: RuleDraft): string {
  return catalogue.find((s) => s.key === d.sensor && appliesToKind(d, s.kind))?.unit ?? catalogue.find((s) => s.key === d.sensor)?.unit ?? '';
}

/** The form of one rule, by kind. Mount it with `key={draft.id}`: what was touched belongs to one rule. */
export function RuleEditor({ draft, errors, showAll, catalogue, disabled, onChange }: Props) {
  const { shown, touch } = useShownErrors(errors as Record<string, string | undefined>, showAll);
  const e = shown as RuleErrors;
  const set = (patch: Partial<RuleDraft>, field: keyof RuleDraft) => {
    onChange({ ...draft, ...patch });
    touch(field);
  };
  const text = (field: 'name' | 'level' | 'clearLevel' | 'pendingSec' | 'intervalFactor' | 'sensor', label: ReactNode, opts: { hint?: ReactNode; placeholder?: string; numeric?: boolean } = {}) => (
    <Field id={`rule-${field}`} label={label} error={e[field]} hint={opts.hint}>
      {(c) => (
        <input
          {...c} value={draft[field]} disabled={disabled} placeholder={opts.placeholder} inputMode={opts.numeric ? 'decimal' : undefined}
          maxLength={field === 'name' ? RULE_NAME_MAX : undefined} onChange={(ev) => set({ [field]: ev.target.value }, field)} data-testid={`rule-${field}`}
        />
      )}
    </Field>
  );
  const unit = sensorUnit(catalogue, draft);
  const inUnit = unit ? ` (${unit})` : '';
  const hint = hysteresisHint(draft, unit);
  const pending = text('pendingSec', 'Pending (simulated seconds)', { numeric: true, hint: 'How long the condition must hold before the alert is raised; 0 raises at once.' });

  return (
    <div className="settings-editor" data-testid="rule-editor">
      <h3 className="settings-editor-title">
        {draft.name.trim() || 'Unnamed rule'} <span className="muted">· {RULE_KIND_LABEL[draft.kind]} · id <code>{draft.id}</code></span>
      </h3>
      <div className="form-grid">
        {text('name', 'Name')}
        <Field id="rule-severity" label="Severity">
          {(c) => (
            <select {...c} value={draft.severity} disabled={disabled} onChange={(ev) => set({ severity: ev.target.value as Severity }, 'severity')} data-testid="rule-severity">
              <option value="warning">Warning</option>
              <option value="critical">Critical</option>
            </select>
          )}
        </Field>
        <div className="settings-checks">
          <label className="settings-check">
            <input type="checkbox" checked={draft.enabled} disabled={disabled} onChange={(ev) => set({ enabled: ev.target.checked }, 'enabled')} data-testid="rule-enabled" />
            Enabled
          </label>
        </div>
        <fieldset className="settings-fieldset" aria-describedby={e.assetKinds ? 'rule-kinds-error' : undefined} aria-invalid={e.assetKinds ? true : undefined}>
          <legend>Asset kinds</legend>
          {ASSET_KINDS.map((k) => (
            <label key={k} className="settings-check">
              <input type="checkbox" checked={appliesToKind(draft, k)} disabled={disabled} onChange={(ev) => set(toggleAssetKind(draft, k, ev.target.checked), 'assetKinds')} data-testid={`rule-kind-${k}`} />
              {KIND_LABEL[k]}
            </label>
          ))}
          {e.assetKinds ? <span id="rule-kinds-error" className="settings-field-error">{e.assetKinds}</span> : null}
        </fieldset>
      </div>

      <div className="form-grid settings-condition">
        {draft.kind === 'sensor-above' || draft.kind === 'sensor-below' ? (
          <>
            <SensorField draft={draft} error={e.sensor} catalogue={catalogue} disabled={disabled} onChange={(sensor) => set({ sensor }, 'sensor')} />
            {text('level', `Level${inUnit}`, { numeric: true, hint: draft.kind === 'sensor-above' ? 'Raised when the reading goes above it.' : 'Raised when the reading goes below it.' })}
            {text('clearLevel', `Clear level${inUnit}`, { numeric: true, hint })}
            {pending}
          </>
        ) : draft.kind === 'probability' ? (
          <>
            <Field id="rule-level-mode" label="Level">
              {(c) => (
                <select {...c} value={draft.levelMode} disabled={disabled} onChange={(ev) => set({ levelMode: ev.target.value as RuleDraft['levelMode'] }, 'levelMode')} data-testid="rule-level-mode">
                  <option value="operating-threshold">The model's operating threshold</option>
                  <option value="fixed">A fixed probability</option>
                </select>
              )}
            </Field>
            {draft.levelMode === 'fixed' ? text('level', 'Level (probability, 0–1)', { numeric: true, placeholder: 'e.g. 0.3' }) : null}
            <Field id="rule-clear-mode" label="Clear level" hint={draft.clearMode === 'auto' ? hint : undefined}>
              {(c) => (
                <select {...c} value={draft.clearMode} disabled={disabled} onChange={(ev) => set({ clearMode: ev.target.value as RuleDraft['clearMode'] }, 'clearMode')} data-testid="rule-clear-mode">
                  <option value="auto">Automatic ({AUTO_CLEAR_RATIO} × the level)</option>
                  <option value="fixed">A fixed probability</option>
                </select>
              )}
            </Field>
            {draft.clearMode === 'fixed' ? text('clearLevel', 'Clear level (probability, 0–1)', { numeric: true, hint }) : null}
            {pending}
          </>
        ) : (
          text('intervalFactor', 'Reading intervals without data', { numeric: true, placeholder: `${DEFAULT_STALE_FACTOR} (default)`, hint })
        )}
      </div>
    </div>
  );
}

interface SensorFieldProps {
  draft: RuleDraft;
  error: string | undefined;
  catalogue: readonly SensorChoice[];
  disabled: boolean;
  onChange(sensor: string): void;
}

/** The sensors of the ticked kinds; typed by key when they could not be read. */
function SensorField({ draft, error, catalogue, disabled, onChange }: SensorFieldProps) {
  const options = sensorOptions(catalogue, draft);
  const known = options.some((s) => s.key === draft.sensor);
  const hint = catalogue.length === 0
    ? 'The sensor key, e.g. temperatureC (the sensor list could not be read).'
    : draft.sensor && !known ? 'None of the ticked asset kinds has this sensor: the rule would never fire.' : undefined;
  return (
    <Field id="rule-sensor" label="Sensor" error={error} hint={hint}>
      {(c) => catalogue.length === 0 ? (
        <input {...c} value={draft.sensor} disabled={disabled} onChange={(ev) => onChange(ev.target.value.trim())} data-testid="rule-sensor" />
      ) : (
        <select {...c} value={draft.sensor} disabled={disabled} onChange={(ev) => onChange(ev.target.value)} data-testid="rule-sensor">
          {draft.sensor === '' ? <option value="">Choose a sensor…</option> : null}
          {draft.sensor && !known ? <option value={draft.sensor}>{draft.sensor}</option> : null}
          {options.map((s) => <option key={s.key} value={s.key}>{s.label} ({s.key}{s.unit ? `, ${s.unit}` : ''})</option>)}
        </select>
      )}
    </Field>
  );
}
