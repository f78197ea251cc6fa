import { useEffect, useMemo, useRef, useState } from 'react';
import type { AlertRule } from '@shared/contract';
import { invoke } from '../../api/client';
import { ASSET_KINDS, KIND_LABEL, type AssetKind } from './asset-form';
import { ErrorBanner } from './Field';
import { errorText } from './form-state';
import { RuleEditor, sensorUnit } from './RuleEditor';
import {
  draftToRule, hysteresisHint, newRuleDraft, RULE_KIND_LABEL, RULE_KINDS, ruleHasErrors, ruleIdInMessage, ruleToDraft, validateRuleDrafts,
  type RuleDraft, type RuleKind, type SensorChoice,
} from './rule-form';

/**
 * Sensors of each asset kind, from one asset of the kind (preferably one on its kind's default
 * levels): what a sensor rule can watch, with units and levels for a new rule's defaults.
 */
async function loadSensorCatalogue(): Promise<SensorChoice[]> {
  const assets = await invoke('assets:list', {});
  const samples = ASSET_KINDS.map((k) => assets.find((a) => a.kind === k && Object.keys(a.limits).length === 0) ?? assets.find((a) => a.kind === k)).filter((a) => a !== undefined);
  const details = await Promise.all(samples.map((a) => invoke('twin:get', { assetId: a.id })));
  return details.flatMap((d) => d.sensors.map((s) => ({ kind: d.config.kind, key: s.key, label: s.label, unit: s.unit, warn: s.warn, alarm: s.alarm, low: s.low })));
}

const appliesTo = (d: RuleDraft) => (d.assetKinds === null ? 'All kinds' : d.assetKinds.map((k) => KIND_LABEL[k as AssetKind] ?? k).join(', ') || 'none');

interface Props {
  /** Called with the rules the service stored after each save. */
  onChanged?(rules: AlertRule[]): void;
}

/**
 * The alert rules: a list with enable toggles, one rule's form at a time, add and delete; nothing
 * is stored until "Save all", which sends the whole set (the service checks it as one).
 */
export function AlertRules({ onChanged }: Props) {
  const [drafts, setDrafts] = useState<RuleDraft[] | null>(null);
  const [saved, setSaved] = useState<RuleDraft[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);
  const [catalogue, setCatalogue] = useState<SensorChoice[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [newKind, setNewKind] = useState<RuleKind>('sensor-above');
  const [newName, setNewName] = useState('');
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const newKindSelect = useRef<HTMLSelectElement>(null);
  /** A deleted rule's buttons are gone: focus moves to the rule now in its place. */
  const focusAfter = useRef<(() => void) | null>(null);

  useEffect(() => {
    let live = true;
    invoke('alerts:rules', {}).then(
      (rules) => {
        if (!live) return;
        const ds = rules.map(ruleToDraft);
        setDrafts(ds);
        setSaved(ds);
        setLoadError(null);
      },
      (e: unknown) => live && setLoadError(errorText(e)),
    );
    // Without the sensor list, sensors are typed by key: not worth an error of its own.
    loadSensorCatalogue().then((c) => live && setCatalogue(c), () => undefined);
    return () => {
      live = false;
    };
  }, [loads]);

  const errors = useMemo(() => (drafts ? validateRuleDrafts(drafts) : []), [drafts]);

  useEffect(() => {
    focusAfter.current?.();
    focusAfter.current = null;
  }, [drafts]);

  if (!drafts) {
    return loadError ? (
      <div className="error-banner" role="alert">
        The alert rules could not be read: {loadError}
        <button type="button" onClick={() => setLoads((n) => n + 1)}>Try again</button>
      </div>
    ) : <p className="muted">Reading the alert rules…</p>;
  }

  const dirty = JSON.stringify(drafts) !== JSON.stringify(saved);
  const index = drafts.findIndex((d) => d.id === selected);
  const current = index >= 0 ? drafts[index] : null;
  const bad = drafts.filter((_, i) => ruleHasErrors(errors[i]));

  const change = (id: string, next: RuleDraft) => {
    setDrafts(drafts.map((d) => (d.id === id ? next : d)));
    setStatus(null);
  };

  const add = () => {
    const draft = newRuleDraft(newKind, newName, drafts.map((d) => d.id), catalogue);
    setDrafts([...drafts, draft]);
    setSelected(draft.id);
    setNewName('');
    setStatus(null);
  };

  const remove = (id: string) => {
    const rest = drafts.filter((d) => d.id !== id);
    const next = rest[Math.min(drafts.findIndex((d) => d.id === id), rest.length - 1)];
    focusAfter.current = () => (next ? editButtons.current.get(next.id) : newKindSelect.current)?.focus();
    setDrafts(rest);
    if (selected === id) setSelected(null);
    setStatus(null);
  };

  const discard = () => {
    setDrafts(saved);
    setSubmitted(false);
    setSaveError(null);
    if (!saved.some((d) => d.id === selected)) setSelected(null);
  };

  const saveAll = async () => {
    setSubmitted(true);
    setSaveError(null);
    setStatus(null);
    if (bad.length) {
      if (!current || !bad.includes(current)) setSelected(bad[0].id);
      return;
    }
    setSaving(true);
    try {
      const rules = await invoke('alerts:saveRules', { rules: drafts.map(draftToRule) });
      const ds = rules.map(ruleToDraft);
      setDrafts(ds);
      setSaved(ds);
      setSubmitted(false);
      setStatus('Saved.');
      onChanged?.(rules);
    } catch (e) {
      const message = errorText(e);
      setSaveError(message);
      // The service names the rule and field: open that rule so the form is next to the message.
      const id = ruleIdInMessage(message, drafts.map((d) => d.id));
      if (id) setSelected(id);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="settings-rules" data-testid="alert-rules">
      <form
        className="settings-add-rule" aria-label="Add a rule"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label className="field">
          <span>New rule</span>
          <select ref={newKindSelect} value={newKind} disabled={saving} onChange={(e) => setNewKind(e.target.value as RuleKind)} data-testid="rule-new-kind">
            {RULE_KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
          </select>
        </label>
        <label className="field">
          <span>Name</span>
          <input value={newName} disabled={saving} maxLength={120} placeholder={RULE_KIND_LABEL[newKind]} onChange={(e) => setNewName(e.target.value)} data-testid="rule-new-name" />
        </label>
        <button type="submit" className="settings-button" disabled={saving} data-testid="rule-add">Add rule</button>
      </form>
      <div className="table-wrap">
        <table className="data-table settings-table" data-testid="rules-table">
          <thead>
            <tr>
              <th scope="col">On</th><th scope="col">Rule</th><th scope="col">Kind</th><th scope="col">Applies to</th><th scope="col">Severity</th>
              <th scope="col">Condition</th><th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((d, i) => {
              const isSelected = d.id === selected;
              const problems = ruleHasErrors(errors[i]);
              return (
                <tr key={d.id} className={isSelected ? 'selected' : undefined} aria-current={isSelected ? 'true' : undefined} onClick={() => setSelected(d.id)} data-testid={`rule-row-${d.id}`}>
                  <td onClick={(e) => e.stopPropagation()}>
                    <input type="checkbox" checked={d.enabled} disabled={saving} aria-label={`Enable ${d.name || d.id}`} onChange={(e) => change(d.id, { ...d, enabled: e.target.checked })} data-testid={`rule-enabled-${d.id}`} />
                  </td>
                  <th scope="row">
                    {d.name || <span className="muted">{d.id}</span>}
                    {problems && submitted ? <span className="settings-tag-bad"> needs fixing</span> : null}
                  </th>
                  <td>{RULE_KIND_LABEL[d.kind]}</td>
                  <td>{appliesTo(d)}</td>
                  <td><span className={`settings-severity ${d.severity}`}>{d.severity}</span></td>
                  <td className="settings-condition-cell">
                    {d.kind === 'sensor-above' || d.kind === 'sensor-below' ? <code>{d.sensor}</code> : null} {hysteresisHint(d, sensorUnit(catalogue, d)) ?? <span className="muted">incomplete</span>}
                  </td>
                  <td className="row-actions" onClick={(e) => e.stopPropagation()}>
                    <button
                      type="button" ref={(el) => void (el ? editButtons.current.set(d.id, el) : editButtons.current.delete(d.id))}
                      onClick={() => setSelected(d.id)} aria-label={`Edit ${d.name || d.id}`} data-testid={`rule-edit-${d.id}`}
                    >
                      Edit
                    </button>
                    <button type="button" disabled={saving} onClick={() => remove(d.id)} aria-label={`Delete ${d.name || d.id}`} data-testid={`rule-delete-${d.id}`}>Delete</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {drafts.length === 0 ? <p className="empty">No rules: nothing raises alerts. Add one above.</p> : null}

      {current ? (
        <RuleEditor key={current.id} draft={current} errors={errors[index]} showAll={submitted} catalogue={catalogue} disabled={saving} onChange={(next) => change(current.id, next)} />
      ) : null}

      <div className="actions">
        <button type="button" className="primary" disabled={saving || !dirty} onClick={() => void saveAll()} data-testid="rules-save">{saving ? 'Saving…' : 'Save all'}</button>
        <button type="button" disabled={saving || !dirty} onClick={discard} data-testid="rules-discard">Discard changes</button>
        <span role="status" className={status ? 'settings-status' : 'settings-status unsaved'}>{status ?? (dirty ? 'Unsaved changes' : '')}</span>
      </div>
      {submitted && bad.length ? (
        <div className="settings-error-summary" role="alert" data-testid="rules-invalid">
          Not saved: {bad.length === 1 ? '1 rule needs' : `${bad.length} rules need`} fixing:{' '}
          {bad.map((d, i) => (
            <span key={d.id}>
              {i > 0 ? ', ' : ''}
              <button type="button" className="settings-link" onClick={() => setSelected(d.id)}>{d.name.trim() || d.id}</button>
            </span>
          ))}
        </div>
      ) : null}
      <ErrorBanner message={saveError ? `Not saved: ${saveError}` : null} testId="rules-save-error" />
    </div>
  );
}
