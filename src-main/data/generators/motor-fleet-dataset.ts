/**
 * Batch generation of the bundled motor-fleet history: each machine is the motor simulator's
 * step in a loop, run to failure, repaired after a downtime (no telemetry while it is down)
 * and occasionally serviced before it fails. One row per 10-minute vibration snapshot.
 */
import { createRng, deriveSeed, type Rng } from '../../common/random';
import { SNAPSHOT_INTERVAL_MIN, initialMotorState, stepMotor, type MotorAction, type MotorReading } from '../../twin/sim/motor';
import { SPECTRAL_BANDS, type BandEnergies } from '../../twin/sim/vibration';

export const MOTOR_FLEET_HEADER = [
  'timestamp', 'machine_id', 'temperature_c', 'vibration_mm_s', 'pressure_psi', 'speed_rpm', 'torque_nm', 'power_w',
  'operating_hours', ...SPECTRAL_BANDS, 'failure', 'failure_mode', 'maintenance',
] as const;

export interface MotorFleetOptions {
  machines: number;
  days: number;
  seed: number;
  /** UTC start of the history (ms since epoch). */
  startMs: number;
}

export interface MotorFleetRow {
  timestampMs: number;
  machineId: string;
  reading: MotorReading;
  bands: BandEnergies;
  maintenance: string;
}

function* machineHistory(machineId: string, opts: MotorFleetOptions, rng: Rng): Generator<MotorFleetRow> {
  let state = initialMotorState(rng);
  const endMin = opts.days * 1440;
  let pending: MotorAction = { kind: 'none' };
  // Some machines get a bearing service partway, as a planner would after a vibration survey.
  let serviceAtMin = rng.next() < 0.4 ? Math.floor(rng.next() * endMin) : Infinity;
  while (state.minutes < endMin) {
    let label = pending.kind === 'none' ? '' : pending.kind;
    if (pending.kind === 'none' && state.minutes >= serviceAtMin) {
      pending = { kind: 'serviceBearing' };
      label = pending.kind;
      serviceAtMin = Infinity;
    }
    const step = stepMotor(state, pending, rng, SNAPSHOT_INTERVAL_MIN);
    pending = { kind: 'none' };
    state = step.state;
    if (!step.bands) throw new Error('motor fleet: a 10-minute step must carry a snapshot');
    yield { timestampMs: opts.startMs + state.minutes * 60_000, machineId, reading: step.reading, bands: step.bands, maintenance: label };
    if (step.reading.failure) {
      // Down for repair: 4–16 h without telemetry, then an overhaul.
      const downMin = Math.round((4 + rng.next() * 12) * 6) * 10;
      state = { ...state, minutes: state.minutes + downMin };
      pending = { kind: 'repair' };
    }
  }
}

export function* generateMotorFleetRows(opts: MotorFleetOptions): Generator<MotorFleetRow> {
  for (let m = 1; m <= opts.machines; m++) {
    const id = `MTR-${String(m).padStart(2, '0')}`;
    yield* machineHistory(id, opts, createRng(deriveSeed(opts.seed, id)));
  }
}

const fmt = (x: number, digits: number): string => (Number.isInteger(x) && digits === 0 ? String(x) : x.toFixed(digits));

export function motorFleetRowToCsv(r: MotorFleetRow): string {
  const x = r.reading;
  return [
    new Date(r.timestampMs).toISOString().replace('.000Z', 'Z'), r.machineId, fmt(x.temperatureC, 2), fmt(x.vibrationMmS, 3),
    fmt(x.pressurePsi, 2), fmt(x.speedRpm, 1), fmt(x.torqueNm, 2), fmt(x.powerW, 0), fmt(x.operatingHours, 2),
    ...SPECTRAL_BANDS.map((b) => r.bands[b].toPrecision(4)), x.failure ? 1 : 0, x.mode ?? '', r.maintenance,
  ].join(',');
}

export function generateMotorFleetCsv(opts: MotorFleetOptions): string {
  const lines: string[] = [MOTOR_FLEET_HEADER.join(',')];
  for (const r of generateMotorFleetRows(opts)) lines.push(motorFleetRowToCsv(r));
  return lines.join('\n') + '\n';
}
