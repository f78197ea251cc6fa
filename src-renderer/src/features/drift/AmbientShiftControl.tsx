/**
 * A demonstration of drift (trade shows, training): shifts the simulated milling centres' air
 * temperature by +5 K, or back. Shown only while the fleet simulates milling centres — a plant's
 * own broker-fed machines cannot be shifted, and the control must not suggest they can.
 */
import { useState } from 'react';
import { invoke } from '../../api/client';
import { useStore } from '../../store';

const SHIFT_K = 5;

export function AmbientShiftControl() {
  const simulated = useStore((s) => {
    void s.fleetVersion;
    for (const a of s.fleetAssets.values()) if (a.config.kind === 'milling' && (a.config.source ?? 'sim') === 'sim') return true;
    return false;
  });
  const [shifted, setShifted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!simulated) return null;
  const shift = async (offsetK: number) => {
    setBusy(true);
    setError(null);
    try {
      await invoke('drift:shiftAmbient', { offsetK });
      setShifted(offsetK !== 0);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="drift-simulate" role="group" aria-label="Drift demonstration on the simulated fleet">
      <button onClick={() => void shift(shifted ? 0 : SHIFT_K)} disabled={busy} data-testid="simulate-ambient-shift"
        title="Moves the simulated milling centres' air temperature (a demonstration: the plant's own machines are not affected)">
        {shifted ? 'Simulate: undo the ambient shift' : `Simulate: shift ambient +${SHIFT_K} K`}
      </button>
      {shifted ? <span className="muted" role="status">Milling centres' air is {SHIFT_K} K warmer</span> : null}
      {error ? <span className="error-text" role="alert">{error}</span> : null}
    </div>
  );
}
