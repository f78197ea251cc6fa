/**
 * The datasets bundled with the app: names, seeds and sizes in one place, so that
 * `npm run datasets`, the tests and the services agree on what the files are.
 */
import { generateMillingCsv } from './milling-dataset';
import { generateMotorFleetCsv } from './motor-fleet-dataset';

export interface BundledDatasetSpec {
  id: string;
  file: string;
  title: string;
  generate: () => string;
}

export const MILLING_SEED = 2020;
export const MILLING_ROWS = 10_000;
export const MOTOR_FLEET = { machines: 20, days: 21, seed: 7, startMs: Date.UTC(2026, 0, 5) } as const;

export const BUNDLED_DATASETS: readonly BundledDatasetSpec[] = [
  {
    id: 'milling-ai4i',
    file: 'milling-ai4i.csv',
    title: 'Milling process (AI4I 2020 schema, simulated)',
    generate: () => generateMillingCsv(MILLING_ROWS, MILLING_SEED),
  },
  {
    id: 'motor-fleet',
    file: 'motor-fleet.csv',
    title: 'Induction-motor fleet, 20 machines × 21 days (simulated)',
    generate: () => generateMotorFleetCsv(MOTOR_FLEET),
  },
];
