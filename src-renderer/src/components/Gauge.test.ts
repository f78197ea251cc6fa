import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GAUGE_END, GAUGE_START, Gauge, gaugeAngle, zoneAt, type GaugeProps, type GaugeZone } from './Gauge';

describe('gaugeAngle', () => {
  it('maps the range linearly onto the arc', () => {
    expect(gaugeAngle(0, 0, 100)).toBe(GAUGE_START);
    expect(gaugeAngle(100, 0, 100)).toBe(GAUGE_END);
    expect(gaugeAngle(50, 0, 100)).toBeCloseTo((GAUGE_START + GAUGE_END) / 2);
    expect(gaugeAngle(-5, -10, 10)).toBeCloseTo(GAUGE_START + (GAUGE_END - GAUGE_START) / 4);
  });

  it('pins out-of-range values to the ends', () => {
    expect(gaugeAngle(250, 0, 100)).toBe(GAUGE_END);
    expect(gaugeAngle(-3, 0, 100)).toBe(GAUGE_START);
    expect(gaugeAngle(Infinity, 0, 100)).toBe(GAUGE_END);
    expect(gaugeAngle(-Infinity, 0, 100)).toBe(GAUGE_START);
  });

  it('rests at the start for NaN and for an empty or unusable range', () => {
    expect(gaugeAngle(NaN, 0, 100)).toBe(GAUGE_START);
    expect(gaugeAngle(5, 10, 10)).toBe(GAUGE_START);
    expect(gaugeAngle(5, 10, 0)).toBe(GAUGE_START);
    expect(gaugeAngle(5, NaN, 10)).toBe(GAUGE_START);
    expect(gaugeAngle(5, 0, Infinity)).toBe(GAUGE_START);
  });
});

describe('zoneAt', () => {
  const zones: GaugeZone[] = [
    { from: 0, to: 70, color: 'ok' },
    { from: 70, to: 90, color: 'warn' },
    { from: 100, to: 90, color: 'bad' },
  ];

  it('finds the zone holding a value, first match at a shared edge', () => {
    expect(zoneAt(10, zones)?.color).toBe('ok');
    expect(zoneAt(70, zones)?.color).toBe('ok');
    expect(zoneAt(80, zones)?.color).toBe('warn');
    expect(zoneAt(95, zones)?.color).toBe('bad');
  });

  it('returns null outside every zone and for missing values', () => {
    expect(zoneAt(120, zones)).toBeNull();
    expect(zoneAt(null, zones)).toBeNull();
    expect(zoneAt(NaN, zones)).toBeNull();
  });
});

describe('Gauge markup', () => {
  const props: GaugeProps = { label: 'Bearing temp', value: 0, unit: '°C', min: 0, max: 100, zones: [{ from: 80, to: 100, color: 'bad' }] };
  const render = (p: Partial<GaugeProps>) => renderToStaticMarkup(createElement(Gauge, { ...props, ...p }));

  it('is a meter whose valuenow stays in range while the text tells the true value', () => {
    const html = render({ value: 140 });
    expect(html).toContain('role="meter"');
    expect(html).toContain('aria-valuenow="100"');
    expect(html).toContain('aria-valuetext="140 °C, above range"');
    expect(html).toContain(`rotate(${GAUGE_END.toFixed(2)} `);
    expect(html).toContain('>140 °C</text>');
  });

  it('shows a dash and no needle without a reading', () => {
    const html = render({ value: null });
    expect(html).not.toContain('aria-valuenow');
    expect(html).toContain('aria-valuetext="no reading"');
    expect(html).toContain('>—</text>');
    expect(html).not.toContain('gauge-needle');
  });

  it('names the zone of the reading', () => {
    expect(render({ value: 90 })).toContain('aria-valuetext="90 °C, critical"');
  });
});
