import { useMemo } from 'react';
import type { Alert, TwinDetail } from '@shared/contract';
import { TrendChart } from '../../components/TrendChart';
import { formatNumber, formatPercent } from '../../lib/format';
import { specInUnits } from '../../lib/units';
import { useStore } from '../../store';
import { historySeries, probabilityRange, trendMarkers } from './twin-data';

/**
 * Failure probability (with the operating threshold, alerts, failures and maintenance marked) and
 * each sensor's trend (with its alarm level and the failures and maintenance).
 */
export function TwinTrends({ detail, alerts }: { detail: TwinDetail; alerts: Alert[] }) {
  const { history, events, snapshot } = detail;
  // Temperatures in the unit chosen in Settings: values, alarm levels and axis unit shift together.
  const pref = useStore((s) => s.settings?.temperatureUnit ?? 'K');
  const sensors = useMemo(() => detail.sensors.map((s) => specInUnits(s, pref)), [detail.sensors, pref]);
  const eventMarkers = useMemo(() => trendMarkers(events), [events]);
  const allMarkers = useMemo(() => trendMarkers(events, alerts), [events, alerts]);
  const probability = useMemo(() => [historySeries(history, 'probability', 'Failure probability', 'var(--failure)')], [history]);
  const sensorSeries = useMemo(() => sensors.map((s) => [historySeries(history, s.key, s.label, 'var(--accent)', s.offset)]), [history, sensors]);
  const threshold = useMemo(() => ({ value: snapshot.threshold, label: `threshold ${formatPercent(snapshot.threshold, 0)}`, color: 'var(--warn)' }), [snapshot.threshold]);
  const limits = useMemo(() => sensors.map((s) => ({ value: s.alarm, label: `alarm ${formatNumber(s.alarm, s.digits)}${s.low ? ' (low)' : ''}`, color: 'var(--failure)' })), [sensors]);
  const hasModel = snapshot.probability !== null;
  const range = useMemo(() => probabilityRange(probability[0].y, snapshot.threshold), [probability, snapshot.threshold]);

  return (
    <div className="trends" data-testid="twin-trends">
      <div className="trend-wide" data-testid="trend-probability" data-markers={allMarkers.length}>
        {hasModel ? (
          <TrendChart title="Failure probability" series={probability} threshold={threshold} markers={allMarkers} yRange={range} height={180} />
        ) : (
          <p className="empty">No failure probability yet: the asset has no model (sensor limits decide its status).</p>
        )}
      </div>
      <div className="trend-grid">
        {sensors.map((s, i) => (
          <div key={s.key} data-testid={`trend-${s.key}`}>
            <TrendChart title={s.label} unit={s.unit} series={sensorSeries[i]} threshold={limits[i]} markers={eventMarkers} height={140} />
          </div>
        ))}
      </div>
    </div>
  );
}
