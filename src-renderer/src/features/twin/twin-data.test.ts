import { describe, expect, it } from 'vitest';
import { clampToRange, probabilityRange, historySeries, sensorZones, sliderStep, trendMarkers } from './twin-data';

describe('twin data shaping', () => {
  it('zones: normal, warning, alarm; mirrored for low sensors', () => {
    expect(sensorZones({ min: 0, max: 12, warn: 2.8, alarm: 7.1 })).toEqual([
      { from: 0, to: 2.8, color: 'ok' }, { from: 2.8, to: 7.1, color: 'warn' }, { from: 7.1, to: 12, color: 'bad' },
    ]);
    expect(sensorZones({ min: 60, max: 120, warn: 85, alarm: 78, low: true })).toEqual([
      { from: 60, to: 78, color: 'bad' }, { from: 78, to: 85, color: 'warn' }, { from: 85, to: 120, color: 'ok' },
    ]);
  });

  it('history series keep gaps as NaN', () => {
    const s = historySeries({ times: [1, 2, 3], series: { probability: [0.1, NaN, 0.3] } }, 'probability', 'P', 'red');
    expect([...s.x]).toEqual([1, 2, 3]);
    expect(Number.isNaN(s.y[1])).toBe(true);
    expect(historySeries({ times: [1], series: {} }, 'missing', 'M', 'red').x.length).toBe(0);
  });

  it('history series shift by a unit offset (kelvin shown in °C), gaps stay gaps', () => {
    const s = historySeries({ times: [1, 2], series: { airTempK: [300.15, NaN] } }, 'airTempK', 'Air', 'red', -273.15);
    expect(s.y[0]).toBeCloseTo(27, 10);
    expect(Number.isNaN(s.y[1])).toBe(true);
  });

  it('markers: failures solid, maintenance dotted, alerts at their raise time, in time order', () => {
    const m = trendMarkers(
      [
        { atMs: 30, assetId: 'A', kind: 'maintenance', detail: 'Service bearing — Ana: noisy' },
        { atMs: 10, assetId: 'A', kind: 'failure', detail: 'failure: bearing' },
      ],
      [{ raisedAt: 20, ruleName: 'Vibration zone D' } as never],
    );
    expect(m).toEqual([
      { atMs: 10, label: 'failure: bearing', kind: 'alert' },
      { atMs: 20, label: 'Vibration zone D', kind: 'alert' },
      { atMs: 30, label: 'Maintenance: Service bearing', kind: 'maintenance' },
    ]);
  });

  it('probability axis: 0 to above the data and twice the threshold, at most 1', () => {
    expect(probabilityRange(new Float64Array([0.01, 0.02, NaN]), 0.06)).toEqual([0, 0.132]);
    expect(probabilityRange(new Float64Array([0.3]), 0.06)[1]).toBeCloseTo(0.33);
    expect(probabilityRange(new Float64Array([0.99]), 0.5)).toEqual([0, 1]);
  });

  it('slider steps and starting values', () => {
    expect(sliderStep({ digits: 2 })).toBe(0.01);
    expect(sliderStep({ digits: 0 })).toBe(1);
    expect(clampToRange(15, { min: 0, max: 12 })).toBe(12);
    expect(clampToRange(undefined, { min: 3, max: 12 })).toBe(3);
  });
});
