import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, suggestRoles } from '../data/import/analyse';
import { parseBytes } from '../data/import/fixtures';
import { AlertEngine, DEFAULT_ALERT_RULES } from './alerts';
import { DEFAULT_COSTS } from './assets';
import { Fleet } from './fleet';
import { replaySource } from './replay';

function prepared(file: string) {
  const parsed = parseBytes(new Uint8Array(readFileSync(join(__dirname, '../../datasets', file))), {}, 1 << 20);
  const s = suggestRoles(parsed);
  return analyse(parsed, s.roles, s.kind).prepared!;
}

describe('replaying a dataset through the twin', () => {
  it('turns the motor fleet into one asset per machine, readings in time order, sensors named as the twin names them', () => {
    const { table, schema } = prepared('motor-fleet.csv');
    const src = replaySource(table, schema);
    expect(src.kind).toBe('motor');
    expect(src.assets.map((a) => a.id)).toEqual(Array.from({ length: 20 }, (_, i) => `MTR-${String(i + 1).padStart(2, '0')}`));
    expect(src.assets.reduce((n, a) => n + a.times.length, 0)).toBe(table.rowCount);
    const first = src.assets[0];
    expect(first.times.every((t, i) => i === 0 || t > first.times[i - 1])).toBe(true);
    // The first data row of the file (2026-01-05T00:10:00Z, MTR-01, 82.03 °C, 0.748 mm/s …).
    expect(first.times[0]).toBe(Date.UTC(2026, 0, 5, 0, 10));
    expect(first.values[0]).toMatchObject({ temperatureC: 82.03, vibrationMmS: 0.748, pressurePsi: 99.83, speedRpm: 1769.1, torqueNm: 129.45 });
    expect(first.rows[0]).toMatchObject({ temperature_c: 82.03, band_bpfo: 0.003732, machine_id: 'MTR-01' });
  });

  it('plays the readings on the fleet clock from now, keeping their spacing, then stops', () => {
    const { table, schema } = prepared('motor-fleet.csv');
    const src = replaySource(table, schema);
    const start = Date.UTC(2026, 5, 1);
    const fleet = new Fleet({ seed: 1, startMs: start }, new AlertEngine(DEFAULT_ALERT_RULES));
    const a = src.assets[1];
    fleet.addReplay({ id: 'R-MTR-02', name: 'replay', kind: 'motor', modelRunId: null, limits: {}, ...DEFAULT_COSTS.motor }, a.times, a.values.map((values, k) => ({ values, row: a.rows[k], failure: null })), a.times[0]);
    const offset = start + 600_000 - a.times[0];
    const sixHours = a.times.filter((t) => t + offset <= start + 6 * 3_600_000).length;
    fleet.advanceTo(start + 6 * 3_600_000);
    expect(fleet.snapshot('R-MTR-02').readings).toBe(sixHours);
    expect(fleet.snapshot('R-MTR-02').values.temperatureC).toBe(a.values[sixHours - 1].temperatureC);
    expect(fleet.replayLeft('R-MTR-02')).toBe(a.times.length - sixHours);
    fleet.advanceTo(start + 60 * 86_400_000);
    expect(fleet.replayLeft('R-MTR-02')).toBe(0);
    expect(fleet.snapshot('R-MTR-02').readings).toBe(a.times.length);
  });

  it('replays an AI4I file as one milling centre, one process every three minutes', () => {
    const { table, schema } = prepared('milling-ai4i.csv');
    const src = replaySource(table, schema);
    expect(src.kind).toBe('milling');
    expect(src.assets).toHaveLength(1);
    expect(src.assets[0].times.length).toBe(table.rowCount);
    expect(src.assets[0].times[1] - src.assets[0].times[0]).toBe(180_000);
    expect(Object.keys(src.assets[0].values[0]).sort()).toEqual(['airTempK', 'processTempK', 'speedRpm', 'toolWearMin', 'torqueNm']);
    expect(['L', 'M', 'H']).toContain(src.assets[0].rows[0].Type);
  });
});
