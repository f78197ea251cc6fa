import { useState } from 'react';
import { useStore } from '../../store';
import { ErrorBanner } from './Field';

const NAME_MAX = 80;

/**
 * The operator's name: acknowledgements and maintenance are logged under it. It reads and saves
 * the store's settings, so the Twin view's name prompt follows at once.
 */
export function OperatorName() {
  const stored = useStore((s) => s.settings?.operatorName ?? null);
  const error = useStore((s) => s.settingsError);
  // The field's text while it is being edited; otherwise it shows the stored name.
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const name = draft ?? stored ?? '';
  const trimmed = name.trim();

  const save = async () => {
    setSaving(true);
    const ok = await useStore.getState().updateSettings({ operatorName: trimmed });
    setSaving(false);
    if (ok) {
      setDraft(null);
      setStatus('Saved.');
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
            setDraft(e.target.value);
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
      <ErrorBanner message={error ? `Settings: ${error}` : null} />
    </form>
  );
}
