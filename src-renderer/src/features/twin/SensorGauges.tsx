import type { SensorSpec, TwinSnapshot } from '@shared/contract';
import { Gauge } from '../../components/Gauge';
import { formatNumber } from '../../lib/format';
import { HEALTH_ZONES, sensorZones } from './twin-data';

/** One gauge per sensor (zones from its warning and alarm levels) and one for health. */
export function SensorGauges({ sensors, snapshot }: { sensors: SensorSpec[]; snapshot: TwinSnapshot }) {
  return (
    <div className="gauges" data-testid="twin-gauges">
      <Gauge label="Health" value={snapshot.health} unit="" min={0} max={100} zones={HEALTH_ZONES} format={(v) => v.toFixed(0)} size={128} />
      {sensors.map((s) => (
        <Gauge
          key={s.key}
          label={s.label}
          value={snapshot.values[s.key] ?? null}
          unit={s.unit}
          min={s.min}
          max={s.max}
          zones={sensorZones(s)}
          format={(v) => formatNumber(v, s.digits)}
          size={128}
        />
      ))}
    </div>
  );
}
