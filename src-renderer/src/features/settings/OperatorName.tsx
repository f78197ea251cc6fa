import { useEffect, useState } from 'react';
import type { Settings } from '@shared/contract';
import { invoke } from '../../api/client';
import { ErrorBanner } from './Field';
import { errorText } from './form-state';

const NAME_MAX = 80;

interface Props {
  /** Called with the stored settings after a save (e.g. to refresh the app's copy of them). */
  onSaved?(settings: Settings): void;
}

/** The operator's name: acknowledgements and maintenance are logged under it. */
export function OperatorName({ onSaved }: Props) {
  const [stored, setStored] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    invoke('settings:get', {}).then(
      (s) => {
        if (!live) return;
        setStored(s.operatorName);
        setName(s.operatorName);
      },
      (e: unknown) => live && setLoadError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  const trimmed = name.trim();
  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const s = await invoke('settings:update', { operatorName: trimmed });
      setStored(s.operatorName);
      setName(s.operatorName);
      setStatus('Saved.');
      onSaved?.(s);
    } catch (e) {
      setSaveError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="settings-operator" data-testid="settings-operator-name"
      onSubmit={(e) => {
        e.preventDefault();
        if (trimmed && trimmed !== stored) void save();
      }}
    >
      <div className="field settings-field">
        <label htmlFor="settings-operator-name-input">Operator name</label>
        <input
          id="settings-operator-name-input" value={name} maxLength={NAME_MAX} placeholder="Your name" disabled={stored === null || saving}
          aria-describedby="settings-operator-name-hint"
          onChange={(e) => {
            setName(e.target.value);
            setStatus(null);
          }}
          data-testid="settings-operator-name-input"
        />
        <span id="settings-operator-name-hint" className="settings-hint">
          Acknowledgements and maintenance are logged under this name{stored === '' ? ' — they cannot be logged until it is set' : ''}.
        </span>
      </div>
      <button type="submit" className="settings-button" disabled={!trimmed || trimmed === stored || saving} data-testid="settings-operator-name-save">
        {saving ? 'Saving…' : 'Save name'}
      </button>
      <span role="status" className="settings-status">{status}</span>
      <ErrorBanner message={loadError ? `The settings could not be read: ${loadError}` : saveError ? `Not saved: ${saveError}` : null} />
    </form>
  );
}
