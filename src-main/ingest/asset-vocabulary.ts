/**
 * What a broker reading may carry for each asset kind, how an unknown asset's kind is told from
 * the sensors it reports, and how a reading becomes the fleet's `Reading` (sensor values for the
 * twin, a row in the schema the kind's models were trained on).
 */
import { millingRowFromValues, ROW_COLUMN } from '../twin/asset-sim';
import { ASSET_KINDS, SENSORS, type AssetKind } from '../twin/assets';
import type { Reading } from '../twin/fleet-types';
import { SPECTRAL_BANDS } from '../twin/sim/vibration';

/** Model inputs a kind takes besides its sensors, by their column name in the training data. */
const EXTRA_NUMERIC: Record<AssetKind, readonly string[]> = {
  milling: [],
  motor: ['power_w', 'operating_hours', ...SPECTRAL_BANDS],
};
/** Text model inputs, in `attributes` (the milling product quality L/M/H). */
const EXTRA_TEXT: Record<AssetKind, readonly string[]> = { milling: ['Type'], motor: [] };

const SENSOR_KEYS = Object.fromEntries(ASSET_KINDS.map((k) => [k, new Set(SENSORS[k].map((s) => s.key))])) as Record<AssetKind, Set<string>>;
const NUMERIC_KEYS = Object.fromEntries(ASSET_KINDS.map((k) => [k, new Set([...SENSOR_KEYS[k], ...EXTRA_NUMERIC[k]])])) as Record<AssetKind, Set<string>>;

export function isSensorOf(kind: AssetKind, key: string): boolean {
  return SENSOR_KEYS[kind].has(key);
}

export function sensorKeys(kind: AssetKind): string[] {
  return [...SENSOR_KEYS[kind]];
}

/** The first value key a kind does not take (null: it takes them all). */
export function foreignValueKey(kind: AssetKind, values: Record<string, number>): string | null {
  for (const k in values) if (!NUMERIC_KEYS[kind].has(k)) return k;
  return null;
}

export function foreignAttributeKey(kind: AssetKind, attributes: Record<string, string>): string | null {
  for (const k in attributes) if (!EXTRA_TEXT[kind].includes(k)) return k;
  return null;
}

export function acceptedKeys(kind: AssetKind): string {
  return [...NUMERIC_KEYS[kind]].join(', ');
}

/**
 * The kind an unknown asset is, from the keys it reports: the only kind that takes them all and
 * has at least one of its own sensors among them. Keys both kinds have (speed, torque) say
 * nothing, so then the configured default decides; null when neither tells.
 */
export function inferKind(values: Record<string, number>, defaultKind: AssetKind | null): AssetKind | null {
  const keys = Object.keys(values);
  const fits = ASSET_KINDS.filter((k) => keys.every((key) => NUMERIC_KEYS[k].has(key)));
  const telling = fits.filter((k) => keys.some((key) => !ASSET_KINDS.some((o) => o !== k && NUMERIC_KEYS[o].has(key))));
  if (telling.length === 1) return telling[0];
  if (defaultKind && (fits.length === 0 || fits.includes(defaultKind))) return defaultKind;
  return null;
}

/** The fleet's reading: sensor values for the twin, the model row (asset id and time for time-series models). */
export function toReading(kind: AssetKind, assetId: string, atMs: number, values: Record<string, number>, attributes: Record<string, string>): Reading {
  const sensors: Record<string, number> = {};
  for (const k in values) if (SENSOR_KEYS[kind].has(k)) sensors[k] = values[k];
  if (kind === 'milling') return { values: sensors, row: millingRowFromValues(sensors, attributes.Type ?? ''), failure: null };
  const row: Record<string, number | string> = { timestamp: atMs, machine_id: assetId };
  const columns = ROW_COLUMN.motor;
  for (const k in values) row[columns[k] ?? k] = values[k];
  return { values: sensors, row, failure: null };
}
