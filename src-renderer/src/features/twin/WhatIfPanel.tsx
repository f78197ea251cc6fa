import type { SensorSpec, TwinSnapshot } from '@shared/contract';
import { formatNumber, formatPercent } from '../../lib/format';
import { specInUnits, type TemperatureUnit } from '../../lib/units';
import { useStore } from '../../store';
import { StatusBadge } from '../fleet/StatusBadge';
import { ReasonBars } from './ReasonBars';
import { ProbabilityBar } from './TwinHeader';
import { clampToRange, sliderStep } from './twin-data';

/**
 * One input's slider. Values stay in the sensor's own unit (what the model takes); only what is
 * shown moves to the unit chosen in Settings (a temperature in K or °C).
 */
function Slider({ raw, pref, live, value, onChange }: { raw: SensorSpec; pref: TemperatureUnit; live: number | undefined; value: number | undefined; onChange: (v: number) => void }) {
  const spec = specInUnits(raw, pref);
  const id = `whatif-${spec.key}`;
  const shown = (value ?? clampToRange(live, raw)) + spec.offset;
  const text = `${formatNumber(shown, spec.digits)} ${spec.unit}`;
  return (
    <div className={`whatif-row${value !== undefined ? ' changed' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        type="range"
        min={spec.min}
        max={spec.max}
        step={sliderStep(spec)}
        value={shown}
        onChange={(e) => onChange(Number(e.target.value) - spec.offset)}
        aria-label={`What-if ${spec.label} (${spec.unit})`}
        aria-valuetext={text}
        data-testid={id}
      />
      <output htmlFor={id} className="whatif-value">{text}</output>
      <span className="muted small whatif-live">live {live === undefined ? '–' : formatNumber(live + spec.offset, spec.digits)}</span>
    </div>
  );
}

/**
 * Move the inputs, see what the model would say: `twin:whatIf` scores the latest readings with the
 * moved values (debounced in the store). The live asset is never changed.
 */
export function WhatIfPanel({ sensors, snapshot, kind }: { sensors: SensorSpec[]; snapshot: TwinSnapshot; kind: string }) {
  const whatIf = useStore((s) => (s.whatIf?.assetId === snapshot.assetId ? s.whatIf : null));
  const inputs = useStore((s) => s.whatIfInputs[kind]);
  const pref = useStore((s) => s.settings?.temperatureUnit ?? 'K');
  const { setWhatIf, resetWhatIf } = useStore.getState();
  if (snapshot.lastReadingMs === null) return <p className="empty">The what-if starts from the asset's latest reading: waiting for its first one.</p>;
  if (!inputs) return <p className="empty">Finding the model's inputs…</p>;
  const moved = whatIf && Object.keys(whatIf.overrides).length > 0;
  const r = whatIf?.result;
  return (
    <div className="whatif" data-testid="whatif-panel">
      <p className="whatif-label"><span className="whatif-tag">What-if</span> live asset unchanged — moves here are scored, never applied.</p>
      <div className="whatif-sliders">
        {sensors.filter((s) => inputs.includes(s.key)).map((s) => (
          <Slider key={s.key} raw={s} pref={pref} live={snapshot.values[s.key]} value={whatIf?.overrides[s.key]} onChange={(v) => setWhatIf(s.key, v)} />
        ))}
      </div>
      <div className="actions">
        <button onClick={resetWhatIf} disabled={!moved} data-testid="whatif-reset">Reset to live values</button>
      </div>
      {whatIf?.error ? <div className="error-banner" role="alert">{whatIf.error}</div> : null}
      {moved && r ? (
        <div className="whatif-result" data-testid="whatif-result" data-probability={r.probability ?? ''} data-health={r.health} aria-live="polite">
          <div className="whatif-compare">
            <span className="stat-label">What-if</span>
            <StatusBadge status={r.status} testId="whatif-status" />
            <span>health <strong data-testid="whatif-health">{r.health}</strong></span>
            {r.probability !== null ? (
              <span className="prob-line">
                risk <strong data-testid="whatif-probability">{formatPercent(r.probability, 1)}</strong>
                <ProbabilityBar probability={r.probability} threshold={r.threshold} label="What-if failure probability" />
              </span>
            ) : <span className="muted">no model: sensor limits only</span>}
          </div>
          <div className="whatif-compare muted">
            <span className="stat-label">Live</span>
            <StatusBadge status={snapshot.status} testId="whatif-live-status" />
            <span>health {snapshot.health}</span>
            {snapshot.probability !== null ? <span>risk {formatPercent(snapshot.probability, 1)}</span> : null}
          </div>
          <h3 className="sub">Why, under the what-if</h3>
          <ReasonBars reasons={r.reasons} testId="whatif-reasons" empty="No model: no reasons." />
        </div>
      ) : (
        <p className="empty">{moved ? 'Scoring…' : 'Move a slider to see how the risk would change.'}</p>
      )}
    </div>
  );
}
