import { useEffect, useMemo } from 'react';
import { Panel } from '../../components/Panel';
import { formatSimTime } from '../../lib/format';
import { useStore } from '../../store';
import { AssetAlerts } from './AssetAlerts';
import { MaintenancePanel } from './MaintenancePanel';
import { OperatorName } from './OperatorName';
import { OptimiserPanel } from './OptimiserPanel';
import { ReasonBars } from './ReasonBars';
import { SensorGauges } from './SensorGauges';
import { TwinHeader } from './TwinHeader';
import { TwinTrends } from './TwinTrends';
import { useLiveSnapshot } from './use-live-snapshot';
import { WhatIfPanel } from './WhatIfPanel';
import './twin.css';

function AssetPicker() {
  const ids = useStore((s) => s.fleetIds);
  const selected = useStore((s) => s.selectedAssetId);
  // Built once per change of the register, not per frame (10,000 options are not free).
  const options = useMemo(() => {
    const assets = useStore.getState().fleetAssets;
    return ids.map((id) => <option key={id} value={id}>{id} — {assets.get(id)?.config.name ?? ''}</option>);
  }, [ids]);
  return (
    <label className="select-label">
      Asset
      <select value={selected ?? ''} onChange={(e) => useStore.getState().selectAsset(e.target.value || null)} data-testid="twin-asset-picker">
        <option value="">Choose an asset…</option>
        {options}
      </select>
    </label>
  );
}

function TwinClock() {
  const clock = useStore((s) => s.fleetClock);
  if (!clock) return null;
  return <span className="muted" data-testid="twin-clock">{formatSimTime(clock.simTimeMs)} · {clock.paused ? 'paused' : `${clock.speed}×`}</span>;
}

/** One asset's live twin: status, gauges, trends, alerts, reasons, what-if, optimiser, maintenance. */
export function TwinView() {
  const visible = useStore((s) => s.view === 'twin');
  const selected = useStore((s) => s.selectedAssetId);
  const detail = useStore((s) => s.twinDetail);
  const reasons = useStore((s) => s.twinReasons);
  const alerts = useStore((s) => s.twinAlerts);
  const error = useStore((s) => s.twinError);
  const snapshot = useLiveSnapshot(visible);

  // Shown again (or another asset picked): the detail may be behind.
  useEffect(() => {
    if (visible && selected) useStore.getState().refreshTwin();
  }, [visible, selected]);

  return (
    <div className="view" data-testid="twin-view">
      <div className="toolbar">
        <AssetPicker />
        <TwinClock />
      </div>
      {error ? <div className="error-banner" role="alert">{error}</div> : null}
      {!selected ? (
        <p className="empty">Choose an asset above, or open one from the Fleet list (highest risk first).</p>
      ) : !detail || !snapshot || detail.config.id !== selected ? (
        <p className="empty">Loading the twin of {selected}…</p>
      ) : (
        <div className="stack" key={selected}>
          <TwinHeader detail={detail} snapshot={snapshot} />
          <OperatorName />
          <div className="twin-top">
            <Panel title="Sensors and health">
              <SensorGauges sensors={detail.sensors} snapshot={snapshot} />
            </Panel>
            <Panel title="Active alerts">
              <AssetAlerts alerts={alerts} />
            </Panel>
          </div>
          <Panel title="Trends (simulated time; dashed: threshold or alarm level; markers: alerts, failures, maintenance)">
            <TwinTrends detail={detail} alerts={alerts} />
          </Panel>
          <div className="grid-2 even">
            <Panel title="Why this risk (TreeSHAP of the latest reading)">
              <ReasonBars reasons={reasons} testId="twin-reasons" empty={snapshot.probability === null ? 'No model yet: no reasons.' : 'No reasons yet.'} />
            </Panel>
            <Panel title="What-if (live asset unchanged)">
              <WhatIfPanel sensors={detail.sensors} snapshot={snapshot} kind={detail.config.kind} />
            </Panel>
          </div>
          <div className="grid-2 even">
            <Panel title="Operating point (optimiser)">
              <OptimiserPanel sensors={detail.sensors} hasModel={snapshot.probability !== null} />
            </Panel>
            <Panel title="Maintenance">
              <MaintenancePanel detail={detail} />
            </Panel>
          </div>
        </div>
      )}
    </div>
  );
}
