import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './live.css';

export interface WindowedListProps {
  rowCount: number;
  /** Every row has this height in CSS pixels (fixed heights are what make the window cheap). */
  rowHeight: number;
  /** Height of the scrolling viewport in CSS pixels. */
  height: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no blank band. */
  overscan?: number;
  renderRow: (index: number) => ReactNode;
  ariaLabel: string;
  /**
   * 'list' wraps each row in role="listitem"; 'grid' in role="row" (renderRow then returns
   * role="gridcell" children). Position and set size are announced per row, as only some exist.
   */
  role?: 'list' | 'grid';
  /** Told the rendered rows after each change of them (live data for those rows only, say). */
  onRangeChange?: (range: RowRange) => void;
}

export interface RowRange {
  /** First rendered row; `last` is inclusive. Empty is { first: 0, last: -1 }. */
  first: number;
  last: number;
}

/**
 * Rows to render for a scroll position: those intersecting [scrollTop, scrollTop + height) plus
 * `overscan` on each side. scrollTop is clamped into the scrollable range, because elastic
 * overscroll and a list that just shrank both report positions outside it.
 */
export function visibleRange(scrollTop: number, height: number, rowHeight: number, rowCount: number, overscan: number): RowRange {
  const count = Math.max(0, Math.floor(rowCount));
  if (count === 0 || !(rowHeight > 0) || !(height > 0)) return { first: 0, last: -1 };
  const extra = Math.max(0, Math.floor(overscan) || 0);
  const top = Math.min(Math.max(0, scrollTop || 0), Math.max(0, count * rowHeight - height));
  const first = Math.max(0, Math.floor(top / rowHeight) - extra);
  const last = Math.min(count - 1, Math.ceil((top + height) / rowHeight) - 1 + extra);
  return { first, last };
}

/** Where a navigation key moves the scroll position, or null for keys the list does not handle. */
export function scrollTargetForKey(key: string, scrollTop: number, height: number, rowHeight: number, rowCount: number): number | null {
  const end = Math.max(0, rowCount * rowHeight - height);
  // A page keeps one row of context, as browsers do.
  const page = Math.max(rowHeight, height - rowHeight);
  const moves: Record<string, number> = {
    ArrowDown: scrollTop + rowHeight,
    ArrowUp: scrollTop - rowHeight,
    PageDown: scrollTop + page,
    PageUp: scrollTop - page,
    Home: 0,
    End: end,
  };
  return key in moves ? Math.min(end, Math.max(0, moves[key])) : null;
}

export function WindowedList({ rowCount, rowHeight, height, overscan = 4, renderRow, ariaLabel, role = 'list', onRangeChange }: WindowedListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const range = visibleRange(scrollTop, height, rowHeight, rowCount, overscan);
  // Read by the scroll listener, which is attached once: it re-renders only when the range moves.
  const geometry = useRef({ height, rowHeight, rowCount, overscan, range });
  useEffect(() => {
    geometry.current = { height, rowHeight, rowCount, overscan, range };
  });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const onScroll = () => {
      // At most one state update per frame, however many scroll events arrive in it.
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const g = geometry.current;
        const next = visibleRange(el.scrollTop, g.height, g.rowHeight, g.rowCount, g.overscan);
        if (next.first !== g.range.first || next.last !== g.range.last) setScrollTop(el.scrollTop);
      });
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, []);

  // The state holds the position of the last range change only; when the geometry changes, take
  // the real one before paint so a taller viewport or a longer list shows no blank rows.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) setScrollTop(el.scrollTop); // the same value renders nothing
  }, [height, rowHeight, rowCount]);

  useEffect(() => onRangeChange?.({ first: range.first, last: range.last }), [range.first, range.last, onRangeChange]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys pressed inside a row (an input, a button) keep their own meaning.
    if (e.target !== e.currentTarget) return;
    const el = e.currentTarget;
    const target = scrollTargetForKey(e.key, el.scrollTop, height, rowHeight, rowCount);
    if (target === null) return;
    e.preventDefault();
    el.scrollTop = target; // the scroll listener picks it up
  };

  const rows: ReactNode[] = [];
  for (let i = range.first; i <= range.last; i++) {
    const position = role === 'grid' ? { role: 'row', 'aria-rowindex': i + 1 } : { role: 'listitem', 'aria-posinset': i + 1, 'aria-setsize': rowCount };
    rows.push(
      <div key={i} className="windowed-list-row" {...position} style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      className="windowed-list"
      role={role}
      aria-label={ariaLabel}
      aria-rowcount={role === 'grid' ? rowCount : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={{ height }}
    >
      <div className="windowed-list-spacer" role="presentation" style={{ height: rowCount * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
