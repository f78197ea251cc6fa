/**
 * One simulated asset: the simulator state, its random source (persisted with it, so a restart
 * continues the same sequence), the operator's setpoints and a maintenance action waiting for the
 * next step. `stepAsset` turns a simulator step into sensor values and a row in the schema the
 * asset's models were trained on (the bundled datasets' headers).
 */
import { restoreRng, createRng, type RngState } from '../common/random';
import { AI4I_HEADER } from '../data/generators/milling-dataset';
import { initialMillingState, stepMilling, type MillingSetpoint, type MillingState } from './sim/milling';
import { initialMotorState, stepMotor, SNAPSHOT_INTERVAL_MIN, type MotorAction, type MotorMaintenance, type MotorState } from './sim/motor';
import { SPECTRAL_BANDS } from './sim/vibration';
import type { AssetKind } from './assets';

export type SimState = { kind: 'milling'; state: MillingState; setpoint: MillingSetpoint } | { kind: 'motor'; state: MotorState; loadLimit: number };

export interface SimAsset {
  sim: SimState;
  rng: RngState;
  /** A maintenance action applied at the next step. */
  pending: string | null;
  /** Simulated ms until which the asset is down for repair after a failure (no readings). */
  downUntilMs: number;
}

/** A model-ready value: numbers, or text for categorical inputs (the milling product quality). */
export type ModelRow = Record<string, number | string>;

export interface AssetStep {
  asset: SimAsset;
  /** Sensor values by SENSORS key. */
  values: Record<string, number>;
  row: ModelRow;
  failure: string | null;
  /** The maintenance action this step applied. */
  applied: string | null;
}

/** Column names of the milling model's inputs (AI4I as distributed). */
const M = { type: AI4I_HEADER[2], air: AI4I_HEADER[3], process: AI4I_HEADER[4], speed: AI4I_HEADER[5], torque: AI4I_HEADER[6], wear: AI4I_HEADER[7] };

export function newSimAsset(kind: AssetKind, seed: number): SimAsset {
  const rng = createRng(seed);
  // A milling centre runs its jobs at the torque the operator set (the job mix still varies the
  // product quality); the speed follows the controller's curve for that torque.
  const sim: SimState = kind === 'milling' ? { kind, state: initialMillingState(rng), setpoint: { torqueNm: Math.round(340 + 120 * rng.next()) / 10 } } : { kind, state: initialMotorState(rng), loadLimit: 1 };
  return { sim, rng: rng.state(), pending: null, downUntilMs: 0 };
}

/** Actions each kind accepts (the simulators' own). */
export function acceptsAction(kind: AssetKind, action: string): boolean {
  return kind === 'milling' ? action === 'replaceTool' : ['serviceBearing', 'realign', 'reduceLoad', 'serviceCooling', 'repair'].includes(action);
}

/**
 * Advances one asset by one reading. `assetId`/`atMs` go into the row for time-series models.
 * Never mutates its input.
 */
export function stepAsset(a: SimAsset, assetId: string, atMs: number): AssetStep {
  const rng = restoreRng(a.rng);
  const applied = a.pending;
  if (a.sim.kind === 'milling') {
    const s = a.sim;
    const step = stepMilling(s.state, applied === 'replaceTool' ? { kind: 'replaceTool' } : { kind: 'setpoint', setpoint: s.setpoint }, rng);
    const r = step.reading;
    const failed = (Object.keys(r.modes) as (keyof typeof r.modes)[]).find((m) => r.modes[m]) ?? null;
    return {
      asset: { ...a, sim: { ...s, state: step.state }, rng: rng.state(), pending: null },
      values: { airTempK: r.airTempK, processTempK: r.processTempK, speedRpm: r.speedRpm, torqueNm: r.torqueNm, toolWearMin: r.toolWearMin },
      row: { [M.type]: r.quality, [M.air]: r.airTempK, [M.process]: r.processTempK, [M.speed]: r.speedRpm, [M.torque]: r.torqueNm, [M.wear]: r.toolWearMin },
      failure: failed,
      applied,
    };
  }
  const s = a.sim;
  const action: MotorAction = applied ? ({ kind: applied as MotorMaintenance, ...(applied === 'reduceLoad' ? { loadLimit: 0.8 } : {}) } as MotorAction) : { kind: 'none' };
  const step = stepMotor(s.state, action, rng, SNAPSHOT_INTERVAL_MIN);
  const r = step.reading;
  const bands = step.bands!;
  return {
    asset: { ...a, sim: { ...s, state: step.state, loadLimit: step.state.loadLimit }, rng: rng.state(), pending: null },
    values: { temperatureC: r.temperatureC, vibrationMmS: r.vibrationMmS, pressurePsi: r.pressurePsi, speedRpm: r.speedRpm, torqueNm: r.torqueNm, load: r.load },
    row: {
      timestamp: atMs, machine_id: assetId, temperature_c: r.temperatureC, vibration_mm_s: r.vibrationMmS, pressure_psi: r.pressurePsi,
      speed_rpm: r.speedRpm, torque_nm: r.torqueNm, power_w: r.powerW, operating_hours: r.operatingHours,
      ...Object.fromEntries(SPECTRAL_BANDS.map((b) => [b, bands[b]])),
    },
    failure: r.mode,
    applied,
  };
}

/**
 * The model row of a milling reading with some inputs overridden (what-if): the physics features
 * are recomputed from these by the model's own pipeline.
 */
export function millingRowFromValues(values: Record<string, number>, quality: string): ModelRow {
  return { [M.type]: quality, [M.air]: values.airTempK, [M.process]: values.processTempK, [M.speed]: values.speedRpm, [M.torque]: values.torqueNm, [M.wear]: values.toolWearMin };
}

/** The model row's column for each sensor key (what-if overrides land here). */
export const ROW_COLUMN: Record<AssetKind, Record<string, string>> = {
  milling: { airTempK: M.air, processTempK: M.process, speedRpm: M.speed, torqueNm: M.torque, toolWearMin: M.wear },
  motor: { temperatureC: 'temperature_c', vibrationMmS: 'vibration_mm_s', pressurePsi: 'pressure_psi', speedRpm: 'speed_rpm', torqueNm: 'torque_nm', powerW: 'power_w' },
};
