import { describe, expect, it } from 'vitest';
import type { AssetConfig, TwinSnapshot } from '@shared/contract';
import type { FleetAsset } from '../../store/fleet-merge';
import { countByStatus, rankAssets, riskScore } from './ranking';

function asset(id: string, kind: 'milling' | 'motor', probability: number | null, cost: number, status: TwinSnapshot['status'] = 'NORMAL', health = 90): FleetAsset {
  const config: AssetConfig = { id, name: `Asset ${id}`, kind, modelRunId: null, limits: {}, downtimeCostPerHour: cost, energyPricePerKWh: 0.2 };
  const snapshot: TwinSnapshot = {
    assetId: id, values: {}, lastReadingMs: 0, probability, modes: [], threshold: 0.5, health, status, worstZone: 0, modelVersion: null, rul: null, down: false, readings: 1,
  };
  return { config, snapshot, sparkline: [], version: 0 };
}

const fleet = (list: FleetAsset[]) => new Map(list.map((a) => [a.config.id, a]));

describe('fleet ranking', () => {
  it('orders by probability × downtime cost, assets without a probability last', () => {
    const m = fleet([
      asset('A', 'motor', 0.5, 100), // 50
      asset('B', 'milling', 0.1, 1000), // 100
      asset('C', 'motor', null, 5000, 'CRITICAL'),
      asset('D', 'motor', null, 10, 'NORMAL'),
      asset('E', 'milling', 0, 1000), // 0: still before those without a probability
    ]);
    expect(rankAssets(['A', 'B', 'C', 'D', 'E'], m, { status: 'all', kind: 'all', text: '' })).toEqual(['B', 'A', 'E', 'C', 'D']);
    expect(riskScore(m.get('C')!)).toBeNull();
  });

  it('filters by status, kind and text (id or name, any case)', () => {
    const m = fleet([asset('MTR-01', 'motor', 0.2, 10, 'WARNING'), asset('MTR-02', 'motor', 0.9, 10, 'CRITICAL'), asset('MILL-01', 'milling', 0.9, 10, 'CRITICAL')]);
    const ids = [...m.keys()];
    expect(rankAssets(ids, m, { status: 'CRITICAL', kind: 'all', text: '' })).toEqual(['MILL-01', 'MTR-02']);
    expect(rankAssets(ids, m, { status: 'all', kind: 'motor', text: '' })).toEqual(['MTR-02', 'MTR-01']);
    expect(rankAssets(ids, m, { status: 'all', kind: 'all', text: 'mtr-0' })).toEqual(['MTR-02', 'MTR-01']);
    expect(rankAssets(ids, m, { status: 'all', kind: 'all', text: ' asset mill' })).toEqual(['MILL-01']);
    expect(countByStatus(ids, m)).toEqual({ NORMAL: 0, WARNING: 1, CRITICAL: 2 });
  });

  it('ranks 10,000 assets, highest risk first (its time is measured by bench:ui, not here)', () => {
    const list = Array.from({ length: 10_000 }, (_, i) => asset(`A${i}`, i % 2 ? 'motor' : 'milling', i % 7 ? (i * 7919) % 1000 / 1000 : null, 100 + (i % 13)));
    const m = fleet(list);
    const ids = [...m.keys()];
    const ranked = rankAssets(ids, m, { status: 'all', kind: 'all', text: '' });
    expect(ranked).toHaveLength(10_000);
    const scores = ranked.map((id) => riskScore(m.get(id)!) ?? -1);
    expect(scores.every((v, i) => i === 0 || v <= scores[i - 1])).toBe(true);
  });
});
