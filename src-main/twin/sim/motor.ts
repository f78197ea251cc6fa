/**
 * Induction-motor simulator in the workshop's terms: a 50 HP (37.3 kW), 1750 rpm, 4-pole motor
 * driving a pump. Four degradation processes run side by side, each with a failure mode and a
 * maintenance action that resets it:
 * - bearing wear raises vibration (defect frequencies grow) → failure in ISO 10816 zone D;
 * - cooling degradation raises winding temperature → failure at the insulation-class limit;
 * - misalignment disturbs discharge pressure and 2× vibration → coupling failure;
 * - overload raises torque and power → thermal-overload trip after sustained overload.
 * Reference levels are real ones: ISO 10816-1 class II zones (15–75 kW) and insulation classes.
 */
import type { Rng } from '../../common/random';
import { bandEnergies, rmsVelocity, synthesizeSnapshot, type BandEnergies, type VibrationAmplitudes } from './vibration';

export const MOTOR_RATING = { powerW: 37_285, speedRpm: 1750, syncRpm: 1800, efficiency: 0.93, pressurePsi: 100 } as const;
/** ISO 10816-1 class II (medium machines, 15–75 kW) zone boundaries, mm/s RMS: A|B, B|C, C|D. */
export const ISO_10816_CLASS_II = { ab: 1.12, bc: 2.8, cd: 7.1 } as const;
/** Winding temperature limits (°C): class B 130 (alarm), class F 155 (insulation limit). */
export const INSULATION_LIMITS_C = { classB: 130, classF: 155 } as const;
export const MOTOR_MODES = ['bearing', 'overheat', 'misalignment', 'overload'] as const;
export type MotorMode = (typeof MOTOR_MODES)[number];
export const MOTOR_MAINTENANCE = ['serviceBearing', 'realign', 'reduceLoad', 'serviceCooling', 'repair'] as const;
export type MotorMaintenance = (typeof MOTOR_MAINTENANCE)[number];

/** Minutes between vibration snapshots. */
export const SNAPSHOT_INTERVAL_MIN = 10;
/** Sustained overload a thermal-overload relay tolerates before tripping (minutes above 1.2 × rated). */
const OVERLOAD_TRIP_MIN = 60;
const OVERLOAD_LEVEL = 1.2;
const RATED_RISE_K = 75;
/** Thermal time constant of a 37 kW TEFC motor's winding (minutes). */
const THERMAL_TAU_MIN = 40;
export const AMBIENT_C = 27;

export function steadyWindingC(ambientC: number, load: number, cooling: number): number {
  return ambientC + RATED_RISE_K * (0.25 + 0.75 * load * load) * (1 + 1.6 * cooling);
}

export interface MotorState {
  minutes: number;
  operatingHours: number;
  /** Machine-specific constants, drawn once. */
  baseLoad: number;
  unbalanceMmS: number;
  dayPhase: number;
  /** Degradation, 0 = as new. */
  bearingWear: number;
  bearingRatePerH: number;
  cooling: number;
  coolingRatePerH: number;
  misalignment: number;
  misalignRatePerH: number;
  /** Overload episode in progress: extra load and minutes left. */
  overloadExtra: number;
  overloadLeftMin: number;
  overloadMinutes: number;
  /** Operator-imposed load limit (reduce load), 1 = none. */
  loadLimit: number;
  ambientDriftC: number;
  /** Winding temperature (°C): follows its steady state with the motor's thermal time constant. */
  windingC: number;
}

export interface MotorReading {
  temperatureC: number;
  vibrationMmS: number;
  pressurePsi: number;
  speedRpm: number;
  torqueNm: number;
  powerW: number;
  operatingHours: number;
  load: number;
  failure: boolean;
  mode: MotorMode | null;
}

export type MotorAction = { kind: 'none' } | { kind: MotorMaintenance; loadLimit?: number };

export interface MotorStep {
  state: MotorState;
  reading: MotorReading;
  /** Present when a vibration snapshot was due in this step. */
  bands?: BandEnergies;
}

const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng.next();

function newBearingRate(rng: Rng): number {
  return between(rng, 0.004, 0.011);
}

export function initialMotorState(rng: Rng): MotorState {
  const baseLoad = between(rng, 0.6, 0.85);
  return {
    minutes: 0,
    operatingHours: Math.round(between(rng, 2_000, 30_000)),
    baseLoad,
    unbalanceMmS: between(rng, 0.6, 1.2),
    dayPhase: rng.next() * 2 * Math.PI,
    bearingWear: between(rng, 0, 0.4),
    bearingRatePerH: newBearingRate(rng),
    cooling: 0,
    coolingRatePerH: 0,
    misalignment: between(rng, 0, 0.15),
    misalignRatePerH: 0,
    overloadExtra: 0,
    overloadLeftMin: 0,
    overloadMinutes: 0,
    loadLimit: 1,
    ambientDriftC: 0,
    windingC: steadyWindingC(AMBIENT_C, baseLoad, 0),
  };
}

function applyMaintenance(s: MotorState, action: MotorAction, rng: Rng): void {
  switch (action.kind) {
    case 'serviceBearing':
      s.bearingWear = between(rng, 0, 0.05);
      s.bearingRatePerH = newBearingRate(rng);
      break;
    case 'realign':
      s.misalignment = between(rng, 0, 0.05);
      s.misalignRatePerH = 0;
      break;
    case 'serviceCooling':
      s.cooling = 0;
      s.coolingRatePerH = 0;
      break;
    case 'reduceLoad':
      s.loadLimit = action.loadLimit ?? 0.8;
      s.overloadExtra = 0;
      s.overloadLeftMin = 0;
      break;
    case 'repair':
      // After a failure the whole machine is overhauled.
      applyMaintenance(s, { kind: 'serviceBearing' }, rng);
      applyMaintenance(s, { kind: 'realign' }, rng);
      applyMaintenance(s, { kind: 'serviceCooling' }, rng);
      s.overloadExtra = 0;
      s.overloadLeftMin = 0;
      s.overloadMinutes = 0;
      break;
    case 'none':
      break;
  }
}

/** Vibration components for the current degradation. */
export function vibrationAmplitudes(s: MotorState, load: number): VibrationAmplitudes {
  const w = s.bearingWear;
  return {
    oneX: s.unbalanceMmS * (0.8 + 0.3 * load),
    twoX: 0.2 + 4.5 * s.misalignment,
    bpfo: 0.05 + 5.5 * w * w,
    bpfi: 0.03 + 2.0 * w * w * w,
    resonance: 0.02 + 2.5 * w * w,
    noise: 0.15,
  };
}

/** Advances the motor by dtMinutes; a snapshot is taken whenever a 10-minute boundary is crossed. */
export function stepMotor(state: MotorState, action: MotorAction, rng: Rng, dtMinutes: number): MotorStep {
  const s: MotorState = { ...state };
  applyMaintenance(s, action, rng);
  const dtH = dtMinutes / 60;
  const prevMinutes = s.minutes;
  s.minutes += dtMinutes;
  s.operatingHours += dtH;

  // Degradation. Bearing wear accelerates with wear and load (spalls grow).
  s.bearingWear += s.bearingRatePerH * (0.15 + s.bearingWear) * (0.6 + 0.5 * s.baseLoad) * dtH * (1 + 0.3 * rng.normal() * Math.sqrt(dtH));
  s.bearingWear = Math.max(0, s.bearingWear);
  // Cooling faults (clogged fan, blocked fins) and misalignment (soft foot, thermal growth) start at random.
  if (s.coolingRatePerH === 0 && rng.next() < dtH / (24 * 25)) s.coolingRatePerH = between(rng, 0.004, 0.012);
  s.cooling += s.coolingRatePerH * dtH;
  if (s.misalignRatePerH === 0 && rng.next() < dtH / (24 * 16)) s.misalignRatePerH = between(rng, 0.004, 0.012);
  s.misalignment += s.misalignRatePerH * dtH;
  // Production load: two shifts a day, plus occasional overload episodes.
  if (s.overloadLeftMin <= 0 && rng.next() < dtH / (24 * 6)) {
    s.overloadExtra = between(rng, 0.25, 0.55);
    s.overloadLeftMin = between(rng, 20, 150);
  }
  const hourOfDay = ((s.minutes / 60) % 24 + 24) % 24;
  const shift = hourOfDay >= 6 && hourOfDay < 22 ? 1 : 0.75;
  let load = s.baseLoad * shift + 0.03 * rng.normal();
  if (s.overloadLeftMin > 0) {
    load += s.overloadExtra;
    s.overloadLeftMin -= dtMinutes;
  }
  load = Math.max(0.2, Math.min(load, Math.max(s.loadLimit, 0.2) + (s.overloadLeftMin > 0 ? s.overloadExtra : 0)));
  s.overloadMinutes = load > OVERLOAD_LEVEL ? s.overloadMinutes + dtMinutes : Math.max(0, s.overloadMinutes - dtMinutes);

  s.ambientDriftC = 0.98 * s.ambientDriftC + 0.4 * rng.normal();
  const ambient = AMBIENT_C + 4 * Math.sin(s.dayPhase + (2 * Math.PI * s.minutes) / 1440) + s.ambientDriftC;
  const target = steadyWindingC(ambient, load, s.cooling);
  s.windingC = target + (s.windingC - target) * Math.exp(-dtMinutes / THERMAL_TAU_MIN);
  const temperatureC = s.windingC + 0.8 * rng.normal();

  const slip = (MOTOR_RATING.syncRpm - MOTOR_RATING.speedRpm) * load * (1 + 0.004 * (temperatureC - 75));
  const speedRpm = MOTOR_RATING.syncRpm - slip + 0.8 * rng.normal();
  const mechW = load * MOTOR_RATING.powerW;
  const torqueNm = mechW / ((speedRpm * 2 * Math.PI) / 60);
  const efficiency = MOTOR_RATING.efficiency - 0.03 * Math.min(1, s.cooling) - 0.02 * s.misalignment;
  const powerW = mechW / efficiency + 150 * rng.normal();
  // Pump discharge pressure follows speed² (affinity law) and load; misalignment makes it surge.
  const pressurePsi =
    MOTOR_RATING.pressurePsi * (speedRpm / MOTOR_RATING.speedRpm) ** 2 * (0.85 + 0.2 * load) -
    6 * s.misalignment + (0.4 + 7 * s.misalignment * s.misalignment) * rng.normal();

  const amplitudes = vibrationAmplitudes(s, load);
  let vibrationMmS = rmsVelocity(amplitudes) * (1 + 0.03 * rng.normal());
  let bands: BandEnergies | undefined;
  if (Math.floor(s.minutes / SNAPSHOT_INTERVAL_MIN) > Math.floor(prevMinutes / SNAPSHOT_INTERVAL_MIN)) {
    const snapshot = synthesizeSnapshot(amplitudes, speedRpm, rng);
    bands = bandEnergies(snapshot, speedRpm);
    let ms = 0;
    for (const v of snapshot) ms += v * v;
    vibrationMmS = Math.sqrt(ms / snapshot.length);
  }

  let mode: MotorMode | null = null;
  if (vibrationMmS > ISO_10816_CLASS_II.cd && s.bearingWear > 0.9) mode = 'bearing';
  else if (temperatureC > INSULATION_LIMITS_C.classF) mode = 'overheat';
  else if (s.misalignment > 1) mode = 'misalignment';
  else if (s.overloadMinutes >= OVERLOAD_TRIP_MIN) mode = 'overload';

  const reading: MotorReading = {
    temperatureC: round(temperatureC, 2),
    vibrationMmS: round(vibrationMmS, 3),
    pressurePsi: round(pressurePsi, 2),
    speedRpm: round(speedRpm, 1),
    torqueNm: round(torqueNm, 2),
    powerW: Math.round(powerW),
    operatingHours: round(s.operatingHours, 2),
    load: round(load, 3),
    failure: mode !== null,
    mode,
  };
  return { state: s, reading, bands };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
