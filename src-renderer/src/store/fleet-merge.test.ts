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
  it('merges a frame in place: changed assets get new objects, the others keep theirs', () => {
    const { assets, ids } = fleetFromState({
      clock: { simTimeMs: 0, speed: 1, paused: false }, models: { state: 'ready', message: '', progress: 1 },
      assets: [{ config: config('A'), snapshot: snap('A', 1), sparkline: [] }, { config: config('B'), snapshot: snap('B', 1), sparkline: [] }],
    });
    expect(ids).toEqual(['A', 'B']);
    const before = { A: assets.get('A'), B: assets.get('B') };
    const frame: FleetFrame = { clock: { simTimeMs: 1, speed: 1, paused: false }, assets: [{ snapshot: snap('A', 2), sparkline: [1] }, { snapshot: snap('Z', 1), sparkline: [] }], events: [] };
    expect(mergeFrame(assets, frame)).toEqual(['Z']);
    expect(assets.get('A')).not.toBe(before.A);
    expect(assets.get('A')!.config).toBe(before.A!.config);
    expect(assets.get('A')!.snapshot.readings).toBe(2);
    expect(assets.get('B')).toBe(before.B);
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
    const before = assets.get('A');
    mergeFrame(assets, { clock, assets: [{ snapshot: snap('A', 49), sparkline: [48], appended: true }], events: [] });
    expect(assets.get('A')).toBe(before);
    // Without `appended` the frame's sparkline is the whole one.
    mergeFrame(assets, { clock, assets: [{ snapshot: snap('A', 50), sparkline: [7] }], events: [] });
    expect(assets.get('A')!.sparkline).toEqual([7]);
    expect(appendSparkline([1, 2], Array.from({ length: 60 }, (_, i) => i), 60)).toEqual(Array.from({ length: 48 }, (_, i) => i + 12));
    expect(appendSparkline([1, 2], [3], 0)).toEqual([1, 2]);
  });
});
