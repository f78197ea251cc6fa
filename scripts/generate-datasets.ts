/**
 * `npm run datasets`: regenerates the bundled datasets under datasets/ from fixed seeds.
 * The output is byte-identical on every run, so a second run leaves no git diff.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_DATASETS } from '../src-main/data/generators/bundled';

const dir = join(import.meta.dirname ?? process.cwd(), '..', 'datasets');
for (const spec of BUNDLED_DATASETS) {
  const t0 = performance.now();
  const csv = spec.generate();
  writeFileSync(join(dir, spec.file), csv);
  const rows = csv.split('\n').length - 2;
  console.log(`${spec.file}: ${rows} rows, ${(csv.length / 1e6).toFixed(2)} MB, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
