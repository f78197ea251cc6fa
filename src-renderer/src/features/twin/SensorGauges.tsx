import type { SensorSpec, TwinSnapshot } from '@shared/contract';
import { Gauge } from '../../components/Gauge';
import { formatNumber } from '../../lib/format';
import { specInUnits } from '../../lib/units';
import { useStore } from '../../store';
import { HEALTH_ZONES, sensorZones } from './twin-data';

/** One gauge per sensor (zones from its warning and alarm levels) and one for health. */
export function SensorGauges({ sensors, snapshot }: { sensors: SensorSpec[]; snapshot: TwinSnapshot }) {
  // Temperatures in the unit chosen in Settings.
  const pref = useStore((s) => s.settings?.temperatureUnit ?? 'K');
  return (
    <div className="gauges" data-testid="twin-gauges">
      <Gauge label="Health" value={snapshot.health} unit="" min={0} max={100} zones={HEALTH_ZONES} format={(v) => v.toFixed(0)} size={128} />
      {sensors.map((raw) => {
        const s = specInUnits(raw, pref), value = snapshot.values[s.key];
        return (
          <Gauge
            key={s.key}
            label={s.label}
            value={value === undefined ? null : value + s.offset}
            unit={s.unit}
            min={s.min}
            max={s.max}
            zones={sensorZones(s)}
            format={(v) => formatNumber(v, s.digits)}
            size={128}
          />
        );
      })}
    </div>
  );
}
