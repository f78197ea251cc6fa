/**
 * Milling-process simulator following the AI4I 2020 generation process
 * (../shared/datasets/README.md), written as a step function so the live twin can drive
 * it one process at a time and apply maintenance; batch generation is this step in a loop.
 *
 * Where the published description does not reproduce the published file, the relation is
 * fitted to the file instead (documented per constant below).
 */
import type { Rng } from '../../common/random';

export type ProductQuality = 'L' | 'M' | 'H';
export const MILLING_MODES = ['TWF', 'HDF', 'PWF', 'OSF', 'RNF'] as const;
export type MillingMode = (typeof MILLING_MODES)[number];

/** The failure rules of the process — the twin's own physics, reused by the feature pipeline. */
export const MILLING_LIMITS = {
  /** HDF: process − air temperature below this (K) … */
  heatDissipationDeltaK: 8.6,
  /** … while the spindle turns slower than this (rpm). */
  heatDissipationSpeedRpm: 1380,
  /** PWF: mechanical power outside [min, max] W. */
  powerMinW: 3500,
  powerMaxW: 9000,
  /** OSF: tool wear × torque above this (min·Nm) per product quality. */
  overstrainMinNm: { L: 11_000, M: 12_000, H: 13_000 } as Record<ProductQuality, number>,
  /**
   * TWF: the tool is replaced, or fails, at a wear drawn per tool (min). The description says
   * "between 200 and 240"; the file's replacements cluster at 215 (quartiles 207 / 222, range
   * 198–253), which a triangular draw over 198–232 reproduces.
   */
  toolLifeMin: 198,
  toolLifeMax: 232,
  /** RNF: chance per process, whatever the parameters (described as 0.1 %; the file flags 0.19 %). */
  randomFailureRate: 0.0019,
} as const;

/** Wear each process adds, per product quality (min). */
export const WEAR_PER_PROCESS: Record<ProductQuality, number> = { L: 2, M: 3, H: 5 };
/** Product mix of the reference file (L 60 %, M 30 %, H 10 %). */
const QUALITY_MIX: [ProductQuality, number][] = [['L', 0.6], ['M', 0.3], ['H', 0.1]];

/**
 * Ambient model. The reference file normalises a random walk over its whole length, which a
 * live twin cannot do; instead a daily cycle (whose sample spread is stable over any run of
 * whole days) plus a slow mean-reverting drift gives the same mean, spread and smoothness.
 */
const AIR_MEAN_K = 300;
const AIR_DAILY_AMPLITUDE_K = 2.5; // sd 1.77 K from the cycle …
const AIR_DRIFT_SD_K = 0.935; // … plus 0.935 K of drift: total sd 2.0 K as in the file
const DRIFT_PERSISTENCE = 0.995; // per process (the file: 0.999 — a smoother walk, but one that a 10,000-row sample cannot pin down)
const PROCESS_DRIFT_PERSISTENCE = 0.98;
/**
 * The file's process temperature spreads only 1.48 K although it is "air + 10 K + a walk of
 * 1 K": it moves with the air temperature at a gain of about 0.65 (least-squares on the file),
 * and the rest is its own drift. This reproduces sd(process) 1.48 K and sd(process − air) 1.0 K.
 */
const PROCESS_OFFSET_K = 10;
const PROCESS_AIR_GAIN = 0.65;
const PROCESS_DRIFT_SD_K = 0.71;
/**
 * Speed–torque relation fitted to the file: mean speed per torque band (mean torque, mean rpm),
 * interpolated linearly. Parametric fits (a + b/(T + c), log–log) leave 20–150 rpm of bias in the
 * tails, which is exactly where the power-failure limits sit, so the measured curve is used.
 */
const SPEED_CURVE: readonly [number, number][] = [
  [7.21, 2784], [11.67, 2656], [13.76, 2463], [16.28, 2219], [18.86, 2060], [22.8, 1880], [27.78, 1721],
  [32.52, 1619], [37.46, 1534], [42.42, 1471], [47.29, 1424], [52.21, 1383], [57.11, 1352], [61.79, 1319],
  [68.38, 1288],
];
/** Spread of speed around the curve once the torque spread within a band is removed (rpm). */
const SPEED_RESIDUAL_SD = 49;
const TORQUE_MEAN_NM = 40;
const TORQUE_SD_NM = 10;
const TORQUE_MIN_NM = 3;
/** Share of end-of-life tool changes that are failures (46 TWF of 119 tool changes in the file). */
const TOOL_FAILURE_SHARE = 46 / 119;
const MINUTES_PER_DAY = 1440;

export interface MillingState {
  /** Processes run so far. */
  process: number;
  /** Simulated minutes since the start (each process takes its cutting time). */
  minutes: number;
  dayPhase: number;
  airDrift: number;
  processDrift: number;
  toolWear: number;
  /** Wear at which the current tool is due (drawn per tool). */
  toolLife: number;
  toolChanges: number;
  /**
   * A shift of the ambient temperature (K) on top of the model above: a drift scenario (a hot
   * summer, a heater left on). Absent by default, so the bundled datasets stay byte-identical.
   */
  ambientOffsetK?: number;
}

export interface MillingSetpoint {
  speedRpm?: number;
  torqueNm?: number;
  quality?: ProductQuality;
}

export type MillingAction =
  | { kind: 'none' }
  | { kind: 'replaceTool' }
  | { kind: 'setpoint'; setpoint: MillingSetpoint };

export interface MillingReading {
  quality: ProductQuality;
  airTempK: number;
  processTempK: number;
  speedRpm: number;
  torqueNm: number;
  toolWearMin: number;
  failure: boolean;
  modes: Record<MillingMode, boolean>;
}

export interface MillingStep {
  state: MillingState;
  reading: MillingReading;
}

export function mechanicalPowerW(speedRpm: number, torqueNm: number): number {
  return (torqueNm * speedRpm * 2 * Math.PI) / 60;
}

function drawToolLife(rng: Rng): number {
  const span = MILLING_LIMITS.toolLifeMax - MILLING_LIMITS.toolLifeMin;
  return MILLING_LIMITS.toolLifeMin + (span * (rng.next() + rng.next())) / 2;
}

function drawQuality(rng: Rng): ProductQuality {
  let u = rng.next();
  for (const [q, share] of QUALITY_MIX) {
    if (u < share) return q;
    u -= share;
  }
  return 'L';
}

export function initialMillingState(rng: Rng): MillingState {
  return {
    process: 0,
    minutes: 0,
    dayPhase: rng.next() * 2 * Math.PI,
    airDrift: rng.normal() * AIR_DRIFT_SD_K,
    processDrift: rng.normal() * PROCESS_DRIFT_SD_K,
    toolWear: 0,
    toolLife: drawToolLife(rng),
    toolChanges: 0,
  };
}

function ar1(value: number, sd: number, persistence: number, rng: Rng): number {
  return persistence * value + sd * Math.sqrt(1 - persistence ** 2) * rng.normal();
}

/** The speed the controller holds for a torque (the file's fitted relation, without noise). */
export function nominalSpeedRpm(torqueNm: number): number {
  const c = SPEED_CURVE;
  let i = 1;
  while (i < c.length - 1 && torqueNm > c[i][0]) i++;
  const [t0, r0] = c[i - 1];
  const [t1, r1] = c[i];
  return r0 + ((r1 - r0) * (torqueNm - t0)) / (t1 - t0);
}

export function airTemperatureK(state: MillingState): number {
  const cycle = Math.sin(state.dayPhase + (2 * Math.PI * state.minutes) / MINUTES_PER_DAY);
  const air = AIR_MEAN_K + AIR_DAILY_AMPLITUDE_K * cycle + state.airDrift;
  return state.ambientOffsetK ? air + state.ambientOffsetK : air;
}

/** Which failure rules a reading's operating point violates (TWF and RNF are decided in step). */
export function operatingFailureModes(r: Pick<MillingReading, 'quality' | 'airTempK' | 'processTempK' | 'speedRpm' | 'torqueNm' | 'toolWearMin'>) {
  const power = mechanicalPowerW(r.speedRpm, r.torqueNm);
  return {
    HDF: r.processTempK - r.airTempK < MILLING_LIMITS.heatDissipationDeltaK && r.speedRpm < MILLING_LIMITS.heatDissipationSpeedRpm,
    PWF: power < MILLING_LIMITS.powerMinW || power > MILLING_LIMITS.powerMaxW,
    OSF: r.toolWearMin * r.torqueNm > MILLING_LIMITS.overstrainMinNm[r.quality],
  };
}

/** One machining process: draws the job, applies the action, evaluates the failure rules. */
export function stepMilling(state: MillingState, action: MillingAction, rng: Rng): MillingStep {
  const next: MillingState = { ...state };
  if (action.kind === 'replaceTool') {
    next.toolWear = 0;
    next.toolLife = drawToolLife(rng);
    next.toolChanges += 1;
  }
  const setpoint = action.kind === 'setpoint' ? action.setpoint : {};
  const quality = setpoint.quality ?? drawQuality(rng);
  const air = airTemperatureK(next);
  const processTemp = AIR_MEAN_K + PROCESS_OFFSET_K + PROCESS_AIR_GAIN * (air - AIR_MEAN_K) + next.processDrift;
  let torque = setpoint.torqueNm;
  if (torque === undefined) {
    do torque = TORQUE_MEAN_NM + TORQUE_SD_NM * rng.normal();
    while (torque < TORQUE_MIN_NM);
  }
  const speed = setpoint.speedRpm ?? nominalSpeedRpm(torque) + SPEED_RESIDUAL_SD * rng.normal();
  const reading: MillingReading = {
    quality,
    airTempK: round(air, 1),
    processTempK: round(processTemp, 1),
    speedRpm: Math.round(speed),
    torqueNm: round(Math.max(0, torque), 1),
    toolWearMin: Math.round(next.toolWear),
    failure: false,
    modes: { TWF: false, HDF: false, PWF: false, OSF: false, RNF: false },
  };
  Object.assign(reading.modes, operatingFailureModes(reading));
  const toolDue = next.toolWear >= next.toolLife;
  reading.modes.TWF = toolDue && rng.next() < TOOL_FAILURE_SHARE;
  reading.modes.RNF = rng.next() < MILLING_LIMITS.randomFailureRate;
  reading.failure = MILLING_MODES.some((m) => reading.modes[m]);

  const cuttingMinutes = WEAR_PER_PROCESS[quality];
  next.process += 1;
  next.minutes += cuttingMinutes;
  next.airDrift = ar1(next.airDrift, AIR_DRIFT_SD_K, DRIFT_PERSISTENCE, rng);
  next.processDrift = ar1(next.processDrift, PROCESS_DRIFT_SD_K, PROCESS_DRIFT_PERSISTENCE, rng);
  if (toolDue) {
    next.toolWear = 0;
    next.toolLife = drawToolLife(rng);
    next.toolChanges += 1;
  } else {
    next.toolWear += cuttingMinutes;
  }
  return { state: next, reading };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
