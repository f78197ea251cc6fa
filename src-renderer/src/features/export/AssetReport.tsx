import type { TwinDetail, TwinSnapshot } from '@shared/contract';
import { formatHours, formatNumber, formatPercent, formatSimTime } from '../../lib/format';
import { specInUnits } from '../../lib/units';
import { useStore } from '../../store';
import { historySeries, probabilityRange } from '../twin/twin-data';
import { lastEvents, zoneOf } from './report-data';
import { Fact, More, ReportHead, ReportSection, TimeSpan, TrendSvg } from './ReportParts';

/** What fits on one A4 page beside everything else (the rest is in the CSV exports). */
const MAX_REASONS = 6;
const MAX_ALERTS = 5;
const MAX_EVENTS = 5;
const MAX_SENSOR_TRENDS = 6;

const simTime = (ms: number) => formatSimTime(ms, { weekday: false, suffix: false });

/**
 * One asset on one page, as the Twin view shows it right now: status, health, the calibrated
 * failure probability with the model version, why (TreeSHAP), remaining life, each sensor against
 * its limits, the trends, open alerts and the latest maintenance log entries.
 */
export function AssetReport({ detail, snapshot }: { detail: TwinDetail; snapshot: TwinSnapshot }) {
  const reasons = useStore((s) => s.twinReasons);
  const alerts = useStore((s) => s.twinAlerts);
  const clock = useStore((s) => s.fleetClock);
  const c = detail.config;
  const p = snapshot.probability;
  const open = alerts.filter((a) => a.state !== 'CLEARED' && a.assetId === c.id);
  const events = lastEvents(detail.events, MAX_EVENTS);
  const probability = historySeries(detail.history, 'probability', 'Failure probability', '');
  // Temperatures in the unit chosen in Settings, as on screen (values, levels and units together).
  const pref = useStore((s) => s.settings?.temperatureUnit ?? 'K');
  const shown = detail.sensors.map((s) => specInUnits(s, pref));
  const sensors = shown.slice(0, MAX_SENSOR_TRENDS);

  return (
    <article className="report" aria-label={`Asset report: ${c.id}`} data-testid="asset-report">
      <ReportHead
        kind="Asset report"
        title={`${c.id} · ${c.name}`}
        subtitle={<>{c.kind} · downtime cost {c.downtimeCostPerHour.toLocaleString('en-US')} /h · last reading {snapshot.lastReadingMs === null ? 'none yet' : formatSimTime(snapshot.lastReadingMs)}{clock ? ` · fleet clock ${formatSimTime(clock.simTimeMs)}` : ''}</>}
      />
      <div className="report-facts">
        <Fact label="Status" value={snapshot.status} detail={snapshot.down ? 'down, in repair' : undefined} tone={snapshot.status.toLowerCase()} testId="report-status" />
        <Fact label="Health" value={`${snapshot.health} / 100`} />
        <Fact
          label="Failure probability (calibrated)"
          value={p === null ? 'no model' : formatPercent(p, 1)}
          detail={p === null ? 'sensor limits only' : `threshold ${formatPercent(snapshot.threshold, 1)} · model ${snapshot.modelVersion ?? '–'}`}
          tone={p !== null && p >= snapshot.threshold ? 'critical' : undefined}
          testId="report-probability"
        />
        <Fact label="Remaining life" value={snapshot.rul ? formatHours(snapshot.rul.hours) : '–'} detail={snapshot.rul?.basis} />
        <Fact label="Most likely modes" tone="list" value={p !== null && snapshot.modes.length ? snapshot.modes.slice(0, 3).map((m) => `${m.mode} ${formatPercent(m.probability, 1)}`).join(' · ') : '–'} />
      </div>

      <div className="report-cols">
        <ReportSection title="Sensors (latest reading) and limits">
          <table className="report-table" data-testid="report-sensors">
            <thead><tr><th>Sensor</th><th className="num">Value</th><th className="num">Warn</th><th className="num">Alarm</th><th>Zone</th></tr></thead>
            <tbody>
              {shown.map((s) => {
                const raw = snapshot.values[s.key], v = raw === undefined ? undefined : raw + s.offset;
                const zone = zoneOf(s, v);
                return (
                  <tr key={s.key}>
                    <td>{s.label} <span className="report-unit">{s.unit}</span></td>
                    <td className="num">{v === undefined ? '–' : formatNumber(v, s.digits)}</td>
                    <td className="num">{s.low ? '≤ ' : '≥ '}{formatNumber(s.warn, s.digits)}</td>
                    <td className="num">{s.low ? '≤ ' : '≥ '}{formatNumber(s.alarm, s.digits)}</td>
                    <td className={zone ? `report-zone-${zone}` : ''}>{zone ?? '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ReportSection>
        <ReportSection title="Top reasons (TreeSHAP of the latest reading)">
          {reasons.length === 0 ? <p className="report-empty">{p === null ? 'No model: no reasons.' : 'No reasons computed yet.'}</p> : (
            <table className="report-table" data-testid="report-reasons">
              <thead><tr><th>Feature = value</th><th className="num">Effect on risk</th></tr></thead>
              <tbody>
                {reasons.slice(0, MAX_REASONS).map((r) => (
                  <tr key={r.feature}>
                    <td>{r.feature} = {formatNumber(r.value)}</td>
                    <td className={`num ${r.shap >= 0 ? 'report-up' : 'report-down'}`}>{r.shap >= 0 ? '+' : '−'}{Math.abs(r.shap).toFixed(3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </ReportSection>
      </div>

      <ReportSection title="Trends" className="report-trends-section">
        <p className="report-detail">Simulated time <TimeSpan times={detail.history.times} /> · {detail.history.times.length.toLocaleString('en-US')} readings</p>
        <div className="report-trends">
          {p !== null ? (
            <TrendSvg label="Failure probability" unit="" x={probability.x} y={probability.y} level={snapshot.threshold} levelLabel={`threshold ${formatPercent(snapshot.threshold, 1)}`}
              range={probabilityRange(probability.y, snapshot.threshold)} format={(v) => formatPercent(v, 1)} wide />
          ) : null}
          {sensors.map((s) => {
            const series = historySeries(detail.history, s.key, s.label, '', s.offset);
            return <TrendSvg key={s.key} label={s.label} unit={s.unit} x={series.x} y={series.y} level={s.alarm} levelLabel={`alarm ${formatNumber(s.alarm, s.digits)}`} digits={s.digits} />;
          })}
        </div>
      </ReportSection>

      <div className="report-cols">
        <ReportSection title={`Open alerts (${open.length})`}>
          {open.length === 0 ? <p className="report-empty">No open alerts.</p> : (
            <table className="report-table" data-testid="report-alerts">
              <thead><tr><th>Raised</th><th>Alert</th><th>State</th><th className="num">Peak</th></tr></thead>
              <tbody>
                {open.slice(0, MAX_ALERTS).map((a) => (
                  <tr key={a.id}>
                    <td>{simTime(a.raisedAt)}</td>
                    <td><span className={`report-sev report-sev-${a.severity}`}>{a.severity}</span> {a.ruleName}</td>
                    <td>{a.state === 'ACTIVE_ACK' ? `ack. ${a.ackBy ?? ''}` : 'unacknowledged'}</td>
                    <td className="num">{formatNumber(a.peakValue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <More shown={MAX_ALERTS} total={open.length} what="open alerts" />
        </ReportSection>
        <ReportSection title="Last maintenance log entries">
          {events.length === 0 ? <p className="report-empty">No failures or maintenance yet.</p> : (
            <table className="report-table" data-testid="report-events">
              <thead><tr><th>Time</th><th>Event</th><th>Detail</th></tr></thead>
              <tbody>
                {events.map((e, i) => (
                  <tr key={`${e.atMs}-${i}`}>
                    <td>{simTime(e.atMs)}</td>
                    <td className={`report-kind-${e.kind}`}>{e.kind}</td>
                    <td className="report-wrap">{e.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <More shown={MAX_EVENTS} total={detail.events.length} what="entries" />
        </ReportSection>
      </div>
      <footer className="report-foot">
        Times are the fleet's simulated clock (UTC). The failure probability is the model's calibrated estimate (isotonic regression on out-of-fold scores); the status combines it with the sensor limits.
      </footer>
    </article>
  );
}
