import { describe, expect, it } from 'vitest';
import { Ingestor, type KnownAsset } from './ingestor';
import { nextMessages, plantFleet } from './plant-sim';

const NOW = Date.UTC(2026, 10, 26, 12);

describe('plant simulator payloads', () => {
  it('are read back by the ingest side into the same readings, in both mappings', () => {
    const fleet = plantFleet(4, 'P-', 42);
    expect(fleet.map((a) => [a.id, a.kind])).toEqual([['P-MILL-01', 'milling'], ['P-MTR-01', 'motor'], ['P-MILL-02', 'milling'], ['P-MTR-02', 'motor']]);
    const known = (id: string): KnownAsset | undefined => {
      const a = fleet.find((x) => x.id === id);
      return a && { kind: a.kind, source: 'mqtt' };
    };
    const config = { maxPayloadBytes: 16_384, maxFutureSkewS: 300 };
    const json = new Ingestor<number>({ ...config, mapping: { format: 'json', topic: 'plant/+/reading', timestampUnit: 'auto', unknownAssets: 'drop', defaultKind: null } }, known, () => NOW);
    const perSensor = new Ingestor<number>({ ...config, mapping: { format: 'per-sensor', topic: 'plant/{asset}/{sensor}', timestampUnit: 'auto', unknownAssets: 'drop', defaultKind: null } }, known, () => NOW);
    const twin = plantFleet(4, 'P-', 42);
    for (const [i, a] of fleet.entries()) {
      const [m] = nextMessages(a, NOW - 1000, NOW, 'json', 'plant');
      const out = json.take(m.topic, new TextEncoder().encode(m.payload), i);
      expect(out.rejected).toEqual([]);
      expect(out.accepted[0]).toMatchObject({ assetId: a.id, t: NOW - 1000 });
      const sensorMessages = nextMessages(twin[i], NOW - 1000, NOW, 'per-sensor', 'plant');
      const accepted = sensorMessages.flatMap((s, k) => perSensor.take(s.topic, new TextEncoder().encode(s.payload), k).accepted);
      expect(accepted).toHaveLength(1);
      expect(perSensor.holding).toBe(0);
      // The same seed gives the same reading whichever way it is published.
      expect(accepted[0].reading.values).toEqual(out.accepted[0].reading.values);
      // Per-sensor messages carry no text: the milling quality is JSON-only.
      if (a.kind === 'motor') expect(accepted[0].reading.row).toEqual(out.accepted[0].reading.row);
      if (a.kind === 'motor') expect(out.accepted[0].reading.row).toMatchObject({ machine_id: a.id, power_w: expect.any(Number), band_bpfo: expect.any(Number) });
      else expect(out.accepted[0].reading.row.Type).toMatch(/^[LMH]$/);
    }
  });
});
