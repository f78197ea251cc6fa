import { useState } from 'react';
import { useStore } from '../../store';

/**
 * Maintenance and acknowledgements are logged with the operator's name (Settings), and the
 * service refuses them without one: shown inline wherever the name is still empty.
 */
export function OperatorName() {
  const settings = useStore((s) => s.settings);
  const error = useStore((s) => s.settingsError);
  const [name, setName] = useState('');
  if (!settings || settings.operatorName.trim()) return null;
  const save = () => void useStore.getState().updateSettings({ operatorName: name.trim() });
  return (
    <form
      className="operator-name"
      data-testid="operator-name"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) save();
      }}
    >
      <label htmlFor="operator-name-input">Your name — acknowledgements and maintenance are logged with it:</label>
      <input id="operator-name-input" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} placeholder="Operator name" data-testid="operator-name-input" />
      <button type="submit" className="primary" disabled={!name.trim()} data-testid="operator-name-save">Save name</button>
      {error ? <span className="error-text" role="alert">{error}</span> : null}
    </form>
  );
}

/** True once an operator name is set (the actions that log it are enabled then). */
export const useHasOperator = () => useStore((s) => !!s.settings?.operatorName.trim());
