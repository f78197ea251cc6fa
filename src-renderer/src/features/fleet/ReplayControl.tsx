import { useState } from 'react';
import { invoke } from '../../api/client';

interface Choice {
  id: string;
  title: string;
  /** A bundled file not read yet: opened first. */
  bundled: boolean;
}

/**
 * Replay a dataset through the live twin: its machines join the fleet as `R-…` assets and play their
 * recorded readings on the fleet's clock. Loaded datasets (imports included) and the bundled files.
 */
export function ReplayControl() {
  const [choices, setChoices] = useState<Choice[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  async function load() {
    if (choices) return;
    const [loaded, bundled] = await Promise.all([invoke('dataset:listLoaded', {}), invoke('dataset:listBundled', {})]);
    const list: Choice[] = loaded.map((d) => ({ id: d.datasetId, title: d.title, bundled: false }));
    for (const b of bundled) if (!list.some((c) => c.id === b.id)) list.push({ id: b.id, title: b.title, bundled: true });
    setChoices(list);
    setChosen((c) => c || list.find((x) => x.id === 'motor-fleet')?.id || list[0]?.id || '');
  }

  async function replay() {
    const choice = choices?.find((c) => c.id === chosen);
    if (!choice) return;
    setBusy(true);
    setMessage(null);
    try {
      if (choice.bundled) await invoke('dataset:openBundled', { id: choice.id });
      const r = await invoke('fleet:replay', { datasetId: choice.id });
      setMessage({ text: `Replaying ${r.assets.length} asset${r.assets.length === 1 ? '' : 's'}, ${r.readings.toLocaleString('en-US')} readings`, error: false });
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="replay-control" role="group" aria-label="Replay a dataset">
      <label>
        Replay
        <select value={chosen} onFocus={() => void load()} onMouseDown={() => void load()} onChange={(e) => setChosen(e.target.value)} data-testid="replay-dataset" aria-label="Dataset to replay">
          {choices === null ? <option value="">a dataset…</option> : null}
          {choices?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      <button className="tool" disabled={busy || !chosen} onClick={() => void replay()} data-testid="replay-start">
        {busy ? 'Starting…' : 'Replay'}
      </button>
      {message ? (
        <span className={message.error ? 'replay-error' : 'muted'} role={message.error ? 'alert' : 'status'} data-testid="replay-message">
          {message.text}
        </span>
      ) : null}
    </div>
  );
}
