import { useEffect, useMemo, useState } from 'react';
import type { AssetConfig, RunSummary, SensorSpec } from '@shared/contract';
import { invoke } from '../../api/client';
import {
  assetFromDraft, defaultLevelsOf, draftFromAsset, hasErrors, KIND_LABEL, limitField, resetLimit, setLimit, validateAssetDraft,
  type AssetDraft, type AssetErrors, type AssetKind, type Levels,
} from './asset-form';
import { AssetFields } from './AssetFields';
import { SubmitErrors } from './Field';
import { errorText, useShownErrors } from './form-state';
import { numberText } from './number-text';

interface Props {
  asset: AssetConfig;
  runs: readonly RunSummary[];
  runsError: string | null;
  /** The kind's default levels learnt so far (for "Use default"). */
  defaults: Levels | undefined;
  onDefaults(kind: AssetKind, levels: Levels): void;
  onSaved(register: AssetConfig[]): void;
  onClose(): void;
}

/**
 * Edits one stored asset: name, model, costs and its sensors' warning and alarm levels. The levels
 * come from the live twin (`twin:get`), which has them with this asset's overrides applied.
 * Mount it with `key={asset.id}`: its draft belongs to one asset.
 */
export function AssetEditor({ asset, runs, runsError, defaults, onDefaults, onSaved, onClose }: Props) {
  const [draft, setDraft] = useState<AssetDraft>(() => draftFromAsset(asset, null));
  const [sensors, setSensors] = useState<SensorSpec[] | null>(null);
  const [sensorsError, setSensorsError] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const errors = useMemo(() => validateAssetDraft(draft, { sensors: sensors ?? [] }), [draft, sensors]);
  const { shown, submitted, touch, submit, reset } = useShownErrors<AssetErrors>(errors);
  const assetId = asset.id;

  useEffect(() => {
    let live = true;
    invoke('twin:get', { assetId }).then(
      (detail) => {
        if (!live) return;
        setSensors(detail.sensors);
        setSensorsError(null);
        onDefaults(detail.config.kind, defaultLevelsOf(detail.config, detail.sensors));
        setDraft((d) => ({ ...d, limits: draftFromAsset(detail.config, detail.sensors).limits }));
      },
      (e: unknown) => live && setSensorsError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [assetId, loads, onDefaults]);

  const edit = (next: AssetDraft, field: string) => {
    setDraft(next);
    touch(field);
    setStatus(null);
  };

  const save = async () => {
    submit();
    setSaveError(null);
    if (hasErrors(errors)) return;
    setSaving(true);
    try {
      onSaved(await invoke('assets:save', { asset: assetFromDraft(draft) }));
      reset();
      setStatus('Saved.');
      setLoads((n) => n + 1);
    } catch (e) {
      setSaveError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="settings-editor"
      aria-labelledby="asset-editor-title"
      data-testid="asset-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="asset-editor-title" className="settings-editor-title">
        {asset.id} <span className="muted">· {KIND_LABEL[asset.kind]}</span>
      </h3>
      <div className="form-grid">
        <AssetFields idPrefix="asset-edit" draft={draft} errors={shown} runs={runs} runsError={runsError} disabled={saving} onChange={(patch, field) => edit({ ...draft, ...patch }, field)} />
      </div>
      <h4 className="sub">Sensor levels</h4>
      {sensorsError ? (
        <p className="settings-hint" role="alert">
          The sensor levels could not be read ({sensorsError}); the asset's own levels are kept as they are.{' '}
          <button type="button" className="settings-link" onClick={() => setLoads((n) => n + 1)}>Try again</button>
        </p>
      ) : !sensors ? (
        <p className="muted">Reading the sensor levels…</p>
      ) : (
        <LevelsTable
          sensors={sensors} draft={draft} errors={shown} defaults={defaults} disabled={saving}
          onLevel={(key, level, text) => edit(setLimit(draft, key, level, text), limitField(key, level))}
          onReset={(key) => edit(resetLimit(draft, key, defaults?.[key]), limitField(key, 'warn'))}
        />
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving} data-testid="asset-save">{saving ? 'Saving…' : 'Save'}</button>
        <button type="button" onClick={onClose} disabled={saving}>Close</button>
        <span role="status" className="settings-status">{status}</span>
      </div>
      <SubmitErrors count={submitted ? Object.keys(errors).length : 0} serviceError={saveError} testId="asset-save-error" />
    </form>
  );
}

interface LevelsProps {
  sensors: readonly SensorSpec[];
  draft: AssetDraft;
  errors: Partial<AssetErrors>;
  defaults: Levels | undefined;
  disabled: boolean;
  onLevel(key: string, level: 'warn' | 'alarm', text: string): void;
  onReset(key: string): void;
}

/** One row per sensor: its warning and alarm levels, which side is dangerous, and whether they are the kind's defaults. */
function LevelsTable({ sensors, draft, errors, defaults, disabled, onLevel, onReset }: LevelsProps) {
  const cell = (s: SensorSpec, level: 'warn' | 'alarm') => {
    const field = limitField(s.key, level);
    const id = `asset-level-${s.key}-${level}`;
    const error = errors[field];
    return (
      <td>
        <input
          id={id} className="settings-level" inputMode="decimal" disabled={disabled}
          aria-label={`${s.label} ${level === 'warn' ? 'warning' : 'alarm'} level (${s.unit})`}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
          placeholder="kind default" value={draft.limits[s.key]?.[level] ?? ''}
          onChange={(e) => onLevel(s.key, level, e.target.value)}
          data-testid={`asset-level-${s.key}-${level}`}
        />
        {error ? <span id={`${id}-error`} className="settings-field-error">{error}</span> : null}
      </td>
    );
  };
  return (
    <div className="table-wrap">
      <table className="data-table settings-levels" data-testid="asset-levels">
        <thead>
          <tr>
            <th scope="col">Sensor</th><th scope="col">Danger</th><th scope="col">Warning level</th><th scope="col">Alarm level</th><th scope="col">Levels</th>
          </tr>
        </thead>
        <tbody>
          {sensors.map((s) => {
            const own = draft.limits[s.key]?.overridden ?? false;
            const known = defaults?.[s.key];
            return (
              <tr key={s.key}>
                <th scope="row">
                  {s.label} <span className="muted small">({s.unit}, gauge {numberText(s.min)}–{numberText(s.max)})</span>
                </th>
                <td className="muted">{s.low ? 'Low readings (alarm below warning)' : 'High readings (alarm above warning)'}</td>
                {cell(s, 'warn')}
                {cell(s, 'alarm')}
                <td>
                  {own ? (
                    <span className="settings-own">
                      This asset's own{' '}
                      <button type="button" className="settings-link" disabled={disabled} onClick={() => onReset(s.key)} aria-label={`Use the default ${s.label} levels`}>
                        Use default{known ? ` (${numberText(known.warn)} / ${numberText(known.alarm)})` : ''}
                      </button>
                    </span>
                  ) : (
                    <span className="muted">Kind default</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
