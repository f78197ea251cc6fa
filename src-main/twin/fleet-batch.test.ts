import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../common/random';
import { AlertEngine, DEFAULT_ALERT_RULES } from './alerts';
import { newSimAsset, stepAsset, type AssetStep } from './asset-sim';
import { DEFAULT_COSTS } from './assets';
import { Fleet } from './fleet';
import { liveModel } from './scoring';
import { millingModel } from './test-models';

describe('batch ingestion', () => {
  const live = liveModel('run-1', millingModel(new Uint8Array(readFileSync(join(__dirname, '../../datasets/milling-ai4i.csv')))), null);
  const twoFleets = () =>
    [0, 1].map(() => {
      const f = new Fleet({ seed: 1, startMs: 0 }, new AlertEngine(DEFAULT_ALERT_RULES));
      f.setModel(live);
      for (let i = 0; i < 30; i++) f.upsert({ id: `M${i}`, name: `M${i}`, kind: 'milling', modelRunId: i % 5 === 0 ? null : 'run-1', limits: {}, ...DEFAULT_COSTS.milling });
      return f;
    });

  it('gives exactly the snapshots and alerts of ingesting the same readings one by one', () => {
    const fleets = twoFleets();
    const sims = Array.from({ length: 30 }, (_, i) => newSimAsset('milling', deriveSeed(4, `M${i}`)));
    const changes: string[][] = [[], []];
    for (let s = 1; s <= 120; s++) {
      const atMs = s * 180_000;
      const readings: { assetId: string; atMs: number; reading: AssetStep }[] = sims.map((sim, i) => ({ assetId: `M${i}`, atMs, reading: stepAsset(sim, `M${i}`, atMs) }));
      readings.forEach((r, i) => (sims[i] = r.reading.asset));
      for (const r of readings) changes[0].push(...fleets[0].ingest(r.assetId, r.atMs, r.reading).map((c) => `${c.change} ${c.alert.id}`));
      changes[1].push(...fleets[1].ingestMany(readings).map((c) => `${c.change} ${c.alert.id}`));
    }
    expect(JSON.stringify(fleets[1].snapshots())).toBe(JSON.stringify(fleets[0].snapshots()));
    expect(changes[1]).toEqual(changes[0]);
    // The comparison covered model-scored assets, some at risk, and alerts.
    expect(fleets[0].snapshots().filter((s) => s.probability !== null).length).toBe(24);
    expect(changes[0].length).toBeGreaterThan(0);
  });

  it('scores each reading on its own window when a batch holds several readings of one asset (a broker burst)', () => {
    const fleets = twoFleets();
    const sims = Array.from({ length: 30 }, (_, i) => newSimAsset('milling', deriveSeed(5, `M${i}`)));
    for (let s = 1; s <= 60; s++) {
      // Three readings of every asset in one batch, asset by asset, then the next asset's three.
      const burst: { assetId: string; atMs: number; reading: AssetStep }[] = [];
      sims.forEach((_, i) => {
        for (let k = 0; k < 3; k++) {
          const atMs = (3 * s + k) * 60_000;
          const reading = stepAsset(sims[i], `M${i}`, atMs);
          sims[i] = reading.asset;
          burst.push({ assetId: `M${i}`, atMs, reading });
        }
      });
      for (const r of burst) fleets[0].ingest(r.assetId, r.atMs, r.reading);
      fleets[1].ingestMany(burst);
    }
    expect(JSON.stringify(fleets[1].snapshots())).toBe(JSON.stringify(fleets[0].snapshots()));
    // Every reading's own probability is in the trend history, in order.
    for (let i = 0; i < 30; i++) expect(fleets[1].history(`M${i}`).series.probability).toEqual(fleets[0].history(`M${i}`).series.probability);
  });
});
