import { describe, expect, it } from 'vitest';
import type { Alert, FleetFrame, TwinSnapshot } from '@shared/contract';
import { appendSparkline, fleetFromState, frameTouches, mergeAlerts, mergeFrame } from './fleet-merge';

const snap = (assetId: string, readings: number): TwinSnapshot => ({
  assetId, values: {}, lastReadingMs: readings, probability: null, modes: [], threshold: 0.5, health: 100, status: 'NORMAL', worstZone: 0, modelVersion: null, rul: null, down: false, readings,
});
const config = (id: string) => ({ id, name: id, kind: 'motor' as const, modelRunId: null, limits: {}, downtimeCostPerHour: 1, energyPricePerKWh: 1 });
const alert = (id: string, assetId: string, raisedAt: number, state: Alert['state'] = 'ACTIVE_UNACK'): Alert => ({
  id, assetId, ruleId: 'r', ruleName: 'r', severity: 'warning', state, message: '', value: 0, peakValue: 0, raisedAt, lastSeenAt: raisedAt, count: 1,
  clearedAt: null, ackBy: null, ackAt: null, ackComment: null, remindedAt: null, modelVersion: null,
});

describe('fleet merging', () => {
  it('merges a frame into the objects it has: changed assets count their version up, the others are untouched', () => {
    const { assets, ids } = fleetFromState({
      clock: { simTimeMs: 0, speed: 1, paused: false }, models: { state: 'ready', message: '', progress: 1 },
      assets: [{ config: config('A'), snapshot: snap('A', 1), sparkline: [] }, { config: config('B'), snapshot: snap('B', 1), sparkline: [] }],
    });
    expect(ids).toEqual(['A', 'B']);
    const before = { A: assets.get('A')!, B: assets.get('B')!, snapshotA: assets.get('A')!.snapshot };
    const changed = { ...snap('A', 2), values: { rpm: 1500 }, probability: 0.25, status: 'WARNING' as const, modes: [{ mode: 'TWF', probability: 0.2 }], rul: { hours: 5, basis: 'trend' } };
    const frame: FleetFrame = { clock: { simTimeMs: 1, speed: 1, paused: false }, assets: [{ snapshot: changed, sparkline: [1] }, { snapshot: snap('Z', 1), sparkline: [] }], events: [] };
    expect(mergeFrame(assets, frame)).toEqual(['Z']);
    // The same objects, now holding the frame's figures (the frame's own objects are not kept).
    expect(assets.get('A')).toBe(before.A);
    expect(before.A.snapshot).toBe(before.snapshotA);
    expect(before.A.snapshot).not.toBe(changed);
    expect(before.A.snapshot).toEqual(changed);
    expect(before.A.sparkline).toEqual([1]);
    expect(before.A.version).toBe(1);
    expect(assets.get('B')!.version).toBe(0);
    // Same-shaped parts are updated where they are.
    const again = { ...changed, readings: 3, values: { rpm: 1600 }, modes: [{ mode: 'TWF', probability: 0.3 }], rul: { hours: 4, basis: 'trend' } };
    const modes = before.A.snapshot.modes, rul = before.A.snapshot.rul, values = before.A.snapshot.values;
    mergeFrame(assets, { ...frame, assets: [{ snapshot: again, sparkline: [1, 2] }] });
    expect(before.A.snapshot).toEqual(again);
    expect([before.A.snapshot.modes, before.A.snapshot.rul, before.A.snapshot.values]).toEqual([modes, rul, values]);
    expect(before.A.snapshot.modes).toBe(modes);
    expect(before.A.snapshot.rul).toBe(rul);
    expect(before.A.snapshot.values).toBe(values);
    expect(before.A.version).toBe(2);
    expect(frameTouches(frame, 'A')).toBe(true);
    expect(frameTouches(frame, 'B')).toBe(false);
    expect(frameTouches({ ...frame, assets: [], events: [{ atMs: 1, assetId: 'B', kind: 'maintenance', detail: '' }] }, 'B')).toBe(true);
  });

  it('keeps open alerts newest first, drops cleared ones unless asked to keep them', () => {
    const open = [alert('2', 'A', 20), alert('1', 'B', 10)];
    const changes = [{ alert: alert('3', 'A', 30), change: 'raised' }, { alert: alert('1', 'B', 10, 'CLEARED'), change: 'cleared' }];
    expect(mergeAlerts(open, changes, false).map((a) => a.id)).toEqual(['3', '2']);
    expect(mergeAlerts(open, changes, true).map((a) => `${a.id}:${a.state}`)).toEqual(['3:ACTIVE_UNACK', '2:ACTIVE_UNACK', '1:CLEARED']);
    // Only this asset's alerts; an unrelated change returns the same list (no re-render).
    expect(mergeAlerts(open, changes, true, (a) => a.assetId === 'A').map((a) => a.id)).toEqual(['3', '2', '1']);
    expect(mergeAlerts(open, changes, true, (a) => a.assetId === 'Q')).toBe(open);
  });

  it('appends a frame\'s new sparkline points, keeping the last 48, and never one it already has', () => {
    const { assets } = fleetFromState({
      clock: { simTimeMs: 0, speed: 1, paused: false }, models: { state: 'ready', message: '', progress: 1 },
      assets: [{ config: config('A'), snapshot: snap('A', 47), sparkline: Array.from({ length: 47 }, (_, i) => i) }],
    });
    const clock = { simTimeMs: 1, speed: 1 as const, paused: false };
    // The host's last frame had 46 readings; the state load already had the 47th: only 48 and 49 are new.
    mergeFrame(assets, { clock, assets: [{ snapshot: snap('A', 49), sparkline: [46, 47, 48], appended: true }], events: [] });
    expect(assets.get('A')!.sparkline).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    // A frame this window has already seen (an older reading count) changes nothing.
    const version = assets.get('A')!.version;
    mergeFrame(assets, { clock, assets: [{ snapshot: snap('A', 49), sparkline: [48], appended: true }], events: [] });
    expect(assets.get('A')!.version).toBe(version);
    expect(assets.get('A')!.sparkline).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    // Without `appended` the frame's sparkline is the whole one.
    mergeFrame(assets, { clock, assets: [{ snapshot: snap('A', 50), sparkline: [7] }], events: [] });
    expect(assets.get('A')!.sparkline).toEqual([7]);
    const line = [1, 2];
    appendSparkline(line, Array.from({ length: 60 }, (_, i) => i), 60);
    expect(line).toEqual(Array.from({ length: 48 }, (_, i) => i + 12));
    const unchanged = [1, 2];
    appendSparkline(unchanged, [3], 0);
    expect(unchanged).toEqual([1, 2]);
  });
});
