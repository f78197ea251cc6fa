import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WindowedList, scrollTargetForKey, visibleRange } from './WindowedList';

describe('visibleRange', () => {
  it('covers the viewport plus overscan on both sides', () => {
    expect(visibleRange(0, 300, 30, 10_000, 0)).toEqual({ first: 0, last: 9 });
    expect(visibleRange(0, 300, 30, 10_000, 3)).toEqual({ first: 0, last: 12 });
    expect(visibleRange(3000, 300, 30, 10_000, 3)).toEqual({ first: 97, last: 112 });
    // A partly visible row at either edge is rendered.
    expect(visibleRange(45, 300, 30, 10_000, 0)).toEqual({ first: 1, last: 11 });
  });

  it('stops at the ends of the list', () => {
    expect(visibleRange(299_700, 300, 30, 10_000, 5)).toEqual({ first: 9985, last: 9999 });
    expect(visibleRange(0, 300, 30, 4, 5)).toEqual({ first: 0, last: 3 });
  });

  it('clamps positions outside the scrollable range (overscroll, a list that shrank)', () => {
    expect(visibleRange(-80, 300, 30, 100, 0)).toEqual({ first: 0, last: 9 });
    expect(visibleRange(1e9, 300, 30, 100, 0)).toEqual({ first: 90, last: 99 });
    expect(visibleRange(NaN, 300, 30, 100, 0)).toEqual({ first: 0, last: 9 });
  });

  it('is empty without rows or without a usable geometry', () => {
    expect(visibleRange(0, 300, 30, 0, 4)).toEqual({ first: 0, last: -1 });
    expect(visibleRange(0, 300, 0, 10, 4)).toEqual({ first: 0, last: -1 });
    expect(visibleRange(0, 0, 30, 10, 4)).toEqual({ first: 0, last: -1 });
  });
});

describe('scrollTargetForKey', () => {
  it('moves by a row, by a page and to the ends, inside the scrollable range', () => {
    expect(scrollTargetForKey('ArrowDown', 0, 300, 30, 100)).toBe(30);
    expect(scrollTargetForKey('ArrowUp', 0, 300, 30, 100)).toBe(0);
    expect(scrollTargetForKey('PageDown', 60, 300, 30, 100)).toBe(330);
    expect(scrollTargetForKey('PageUp', 60, 300, 30, 100)).toBe(0);
    expect(scrollTargetForKey('Home', 900, 300, 30, 100)).toBe(0);
    expect(scrollTargetForKey('End', 0, 300, 30, 100)).toBe(2700);
    expect(scrollTargetForKey('ArrowDown', 2700, 300, 30, 100)).toBe(2700);
  });

  it('ignores other keys', () => {
    expect(scrollTargetForKey('Enter', 0, 300, 30, 100)).toBeNull();
    expect(scrollTargetForKey('a', 0, 300, 30, 100)).toBeNull();
  });
});

describe('WindowedList markup', () => {
  it('renders only the first window of a long list, in a full-height spacer', () => {
    const html = renderToStaticMarkup(
      createElement(WindowedList, { rowCount: 10_000, rowHeight: 28, height: 280, overscan: 2, ariaLabel: 'Fleet', renderRow: (i: number) => `asset ${i}` }),
    );
    expect(html.match(/role="listitem"/g)).toHaveLength(12);
    expect(html).toContain('height:280000px');
    expect(html).toContain('aria-setsize="10000"');
    expect(html).toContain('tabindex="0"');
    expect(html).not.toContain('asset 12<');
  });

  it('announces rows and their count as a grid', () => {
    const html = renderToStaticMarkup(
      createElement(WindowedList, { rowCount: 50, rowHeight: 20, height: 100, overscan: 0, ariaLabel: 'Alerts', role: 'grid', renderRow: () => null }),
    );
    expect(html).toContain('role="grid"');
    expect(html).toContain('aria-rowcount="50"');
    expect(html.match(/role="row"/g)).toHaveLength(5);
  });
});
