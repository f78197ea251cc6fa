/**
 * Temperatures in the unit chosen in Settings (K or °C). Sensors report absolute temperatures in
 * their own unit (the milling centre in K as in AI4I, motors in °C); only those are converted,
 * by shifting every level of the sensor's spec, so gauges, zones and limits move together.
 */
import type { SensorSpec } from '@shared/contract';

export type TemperatureUnit = 'K' | 'C';

const ZERO_C_IN_K = 273.15;

/** What to add to a value in `unit` to show it in `pref`, and the unit shown. */
export function temperatureShift(unit: string, pref: TemperatureUnit): { offset: number; unit: string } {
  if (unit === 'K' && pref === 'C') return { offset: -ZERO_C_IN_K, unit: '°C' };
  if (unit === '°C' && pref === 'K') return { offset: ZERO_C_IN_K, unit: 'K' };
  return { offset: 0, unit };
}

/** The spec in display units, with the offset to apply to its readings. */
export function specInUnits(spec: SensorSpec, pref: TemperatureUnit): SensorSpec & { offset: number } {
  const { offset, unit } = temperatureShift(spec.unit, pref);
  if (offset === 0) return { ...spec, offset };
  return { ...spec, unit, offset, min: spec.min + offset, max: spec.max + offset, warn: spec.warn + offset, alarm: spec.alarm + offset };
}
