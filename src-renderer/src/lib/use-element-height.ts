import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The element's content height in CSS pixels, kept current by a ResizeObserver: for widgets that
 * need a number (WindowedList) inside a layout that CSS sizes. 0 while hidden.
 */
export function useElementHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(Math.floor(el.clientHeight));
    const observer = new ResizeObserver(([entry]) => setHeight(Math.floor(entry.contentRect.height)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}
