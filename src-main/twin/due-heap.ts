/** Which asset reads next: a binary min-heap by (next reading time, register order). */

/** What the heap orders by. */
export interface Due {
  nextDueMs: number;
  /** Position in the register: breaks ties between readings due at the same moment. */
  order: number;
}

export class DueHeap<T extends Due> {
  private readonly items: T[] = [];

  constructor(items: T[]) {
    for (const a of items) this.push(a);
  }

  private static before(a: Due, b: Due): boolean {
    return a.nextDueMs < b.nextDueMs || (a.nextDueMs === b.nextDueMs && a.order < b.order);
  }

  push(a: T): void {
    const h = this.items;
    h.push(a);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!DueHeap.before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  pop(): T | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && DueHeap.before(h[l], h[m])) m = l;
        if (r < h.length && DueHeap.before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
