/**
 * The asset register's vocabulary: what kinds of machine the twin knows, which sensors each
 * reports (units, gauge ranges, warning and alarm levels), how a reading becomes a row in the
 * schema its models were trained on, and which maintenance actions it accepts. Pure data and
 * functions: the register itself is stored by the services.
 */
import { ISO_10816_CLASS_II, INSULATION_LIMITS_C } from './sim/motor';
import { MILLING_LIMITS } from './sim/milling';

export type AssetKind = 'milling' | 'motor';
export const ASSET_KINDS: readonly AssetKind[] = ['milling', 'motor'];

export interface SensorSpec {
  key: string;
  label: string;
  unit: string;
  /** Gauge range. */
  min: number;
  max: number;
  /** Above (or below, for `low`) these the reading is in the warning / alarm zone. */
  warn: number;
  alarm: number;
  low?: boolean;
  /** Decimals shown. */
  digits: number;
}

/** An entry of the asset register (editable in the UI, stored). */
export interface AssetConfig {
  id: string;
  name: string;
  kind: AssetKind;
  /** The model run that scores this asset (null: sensors only until one is registered). */
  modelRunId: string | null;
  /** Per-sensor overrides of the kind's warning and alarm levels. */
  limits: Record<string, { warn: number; alarm: number }>;
  downtimeCostPerHour: number;
  energyPricePerKWh: number;
  /** Where its readings come from: its simulator (absent: 'sim') or the plant's broker, which the fleet does not step. */
  source?: 'sim' | 'mqtt';
}

export const SENSORS: Record<AssetKind, SensorSpec[]> = {
  milling: [
    { key: 'airTempK', label: 'Air temperature', unit: 'K', min: 294, max: 306, warn: 304, alarm: 305, digits: 1 },
    { key: 'processTempK', label: 'Process temperature', unit: 'K', min: 304, max: 316, warn: 314, alarm: 315, digits: 1 },
    { key: 'speedRpm', label: 'Rotational speed', unit: 'rpm', min: 1000, max: 3000, warn: 2600, alarm: 2800, digits: 0 },
    { key: 'torqueNm', label: 'Torque', unit: 'Nm', min: 0, max: 80, warn: 60, alarm: 70, digits: 1 },
    // The tool is due somewhere in its 200–240 min window: warn before it opens.
    { key: 'toolWearMin', label: 'Tool wear', unit: 'min', min: 0, max: 250, warn: 180, alarm: MILLING_LIMITS.toolLifeMin, digits: 0 },
  ],
  motor: [
    { key: 'temperatureC', label: 'Winding temperature', unit: '°C', min: 20, max: 180, warn: INSULATION_LIMITS_C.classB, alarm: INSULATION_LIMITS_C.classF, digits: 1 },
    // ISO 10816 class II: zone C (restricted operation) from 2.8 mm/s, zone D (damage) from 7.1.
    { key: 'vibrationMmS', label: 'Vibration (RMS velocity)', unit: 'mm/s', min: 0, max: 12, warn: ISO_10816_CLASS_II.bc, alarm: ISO_10816_CLASS_II.cd, digits: 2 },
    { key: 'pressurePsi', label: 'Discharge pressure', unit: 'psi', min: 60, max: 120, warn: 85, alarm: 78, low: true, digits: 1 },
    { key: 'speedRpm', label: 'Speed', unit: 'rpm', min: 1700, max: 1810, warn: 1740, alarm: 1725, low: true, digits: 0 },
    { key: 'torqueNm', label: 'Torque', unit: 'Nm', min: 0, max: 320, warn: 240, alarm: 280, digits: 0 },
    { key: 'load', label: 'Load', unit: '× rated', min: 0, max: 1.6, warn: 1.1, alarm: 1.3, digits: 2 },
  ],
};

/** What an operator can do to an asset; each goes through the simulator's step. */
export const MAINTENANCE_ACTIONS: Record<AssetKind, { action: string; label: string }[]> = {
  milling: [{ action: 'replaceTool', label: 'Replace tool' }],
  motor: [
    { action: 'serviceBearing', label: 'Service bearing' },
    { action: 'realign', label: 'Realign' },
    { action: 'reduceLoad', label: 'Reduce load' },
    { action: 'serviceCooling', label: 'Service cooling' },
  ],
};

export const DEFAULT_COSTS: Record<AssetKind, { downtimeCostPerHour: number; energyPricePerKWh: number }> = {
  milling: { downtimeCostPerHour: 1_800, energyPricePerKWh: 0.22 },
  motor: { downtimeCostPerHour: 950, energyPricePerKWh: 0.22 },
};

/** Hours of unplanned downtime a failure costs (repair), by kind. */
export const REPAIR_HOURS: Record<AssetKind, number> = { milling: 1, motor: 8 };
/** Hours of planned stop that acting on a warning costs (inspection, tool change, service). */
export const PLANNED_STOP_HOURS = 0.5;

/**
 * The cost-chosen operating point: acting (a planned stop) is worth it once the expected cost of
 * not acting is higher, P × repair cost ≥ planned-stop cost, so t = planned stop / repair. Both
 * are priced at the asset's downtime cost per hour; for a milling centre t = 0.5, for a motor
 * (8 h repair) t ≈ 0.06.
 */
export function operatingThreshold(asset: Pick<AssetConfig, 'kind'>): number {
  return Math.min(0.9, Math.max(0.01, PLANNED_STOP_HOURS / REPAIR_HOURS[asset.kind]));
}

/** Seconds of simulated time between readings: one per machining process, one per vibration snapshot. */
export const READING_INTERVAL_S: Record<AssetKind, number> = { milling: 180, motor: 600 };

/** A sensor's levels for this asset: the kind's defaults with the register's overrides. */
export function sensorLevels(asset: Pick<AssetConfig, 'kind' | 'limits'>): SensorSpec[] {
  return SENSORS[asset.kind].map((s) => ({ ...s, ...(asset.limits[s.key] ?? {}) }));
}

/** 0 normal, 1 warning zone, 2 alarm zone. */
export function sensorZone(s: Pick<SensorSpec, 'warn' | 'alarm' | 'low'>, v: number): 0 | 1 | 2 {
  if (!Number.isFinite(v)) return 0;
  if (s.low) return v <= s.alarm ? 2 : v <= s.warn ? 1 : 0;
  return v >= s.alarm ? 2 : v >= s.warn ? 1 : 0;
}

/** Problems with a register entry, each naming its field (empty when it can be stored). */
export function validateAsset(a: AssetConfig): string[] {
  const errors: string[] = [];
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(a.id)) errors.push(`id "${a.id}": use 1–40 letters, digits, dot, dash or underscore`);
  if (!a.name.trim()) errors.push(`asset ${a.id}: name is empty`);
  if (!ASSET_KINDS.includes(a.kind)) errors.push(`asset ${a.id}: kind "${a.kind}" is not one of ${ASSET_KINDS.join(', ')}`);
  if (!(a.downtimeCostPerHour >= 0)) errors.push(`asset ${a.id}: downtime cost per hour must be 0 or more`);
  if (!(a.energyPricePerKWh >= 0)) errors.push(`asset ${a.id}: energy price must be 0 or more`);
  if (a.source !== undefined && a.source !== 'sim' && a.source !== 'mqtt') errors.push(`asset ${a.id}: source "${String(a.source)}" is not one of sim, mqtt`);
  for (const [key, l] of Object.entries(a.limits)) {
    const spec = SENSORS[a.kind]?.find((s) => s.key === key);
    if (!spec) errors.push(`asset ${a.id}: limits.${key} is not a sensor of a ${a.kind} asset`);
    else if (!Number.isFinite(l.warn) || !Number.isFinite(l.alarm)) errors.push(`asset ${a.id}: limits.${key} needs numeric warn and alarm levels`);
    else if (spec.low ? l.alarm > l.warn : l.alarm < l.warn) errors.push(`asset ${a.id}: limits.${key}.alarm (${l.alarm}) must be ${spec.low ? 'below' : 'above'} warn (${l.warn})`);
  }
  return errors;
}

/**
 * The demo fleet: milling machines and motors alternating (12 by default). `kinds` narrows it to
 * one kind (a load test of milling centres only: the motor simulator synthesises a vibration
 * spectrum per reading and costs several times more per reading).
 */
export function demoFleet(count = 12, kinds: readonly AssetKind[] = ASSET_KINDS): AssetConfig[] {
  return Array.from({ length: count }, (_, i) => {
    const kind: AssetKind = kinds[i % kinds.length];
    const n = Math.floor(i / kinds.length) + 1;
    const id = kind === 'milling' ? `MILL-${String(n).padStart(2, '0')}` : `MTR-${String(n).padStart(2, '0')}`;
    const name = kind === 'milling' ? `Milling centre ${n}` : `Pump motor ${n}`;
    return { id, name, kind, modelRunId: null, limits: {}, ...DEFAULT_COSTS[kind] };
  });
}
