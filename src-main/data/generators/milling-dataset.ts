/**
 * Batch generation of an AI4I-schema dataset: the milling simulator's step in a loop.
 * Column names and order are those of the AI4I 2020 file, so the import pipeline treats
 * the bundled file and the real one the same way.
 */
import { createRng } from '../../common/random';
import { MILLING_MODES, initialMillingState, stepMilling, type MillingReading } from '../../twin/sim/milling';

export const AI4I_HEADER = [
  'UDI', 'Product ID', 'Type', 'Air temperature [K]', 'Process temperature [K]', 'Rotational speed [rpm]',
  'Torque [Nm]', 'Tool wear [min]', 'Machine failure', ...MILLING_MODES,
] as const;

export interface MillingRow extends MillingReading {
  udi: number;
  productId: string;
}

export function* generateMillingRows(rows: number, seed: number): Generator<MillingRow> {
  const rng = createRng(seed);
  let state = initialMillingState(rng);
  for (let i = 0; i < rows; i++) {
    const { state: next, reading } = stepMilling(state, { kind: 'none' }, rng);
    state = next;
    // Product ids follow the file's pattern: quality letter + a serial number.
    const serial = 10_000 + rng.int(90_000);
    yield { ...reading, udi: i + 1, productId: `${reading.quality}${serial}` };
  }
}

export function millingRowToCsv(r: MillingRow): string {
  const flags = MILLING_MODES.map((m) => (r.modes[m] ? 1 : 0));
  return [
    r.udi, r.productId, r.quality, r.airTempK.toFixed(1), r.processTempK.toFixed(1), r.speedRpm,
    r.torqueNm.toFixed(1), r.toolWearMin, r.failure ? 1 : 0, ...flags,
  ].join(',');
}

export function generateMillingCsv(rows: number, seed: number): string {
  const lines: string[] = [AI4I_HEADER.join(',')];
  for (const r of generateMillingRows(rows, seed)) lines.push(millingRowToCsv(r));
  return lines.join('\n') + '\n';
}
