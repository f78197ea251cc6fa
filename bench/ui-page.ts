/**
 * What `npm run bench:ui` runs inside the page, as source text (bench/ is type-checked for Node,
 * without the DOM). Installed before the app's own scripts with addInitScript.
 *
 * `benchRecord(ms)` collects requestAnimationFrame deltas for `ms` (each delta is one frame's time:
 * a frame that took longer than 16.7 ms shows as a delta of 33, 50… at 60 Hz) and the long tasks
 * (> 50 ms) that PerformanceObserver saw meanwhile, so a stutter can be traced to main-thread work.
 * `benchWaitValue()` resolves with the epoch ms of the first animation frame in which a Fleet row
 * shows a failure probability (a percentage), for the cold-start figure.
 */
export const PAGE_SCRIPT = `
(() => {
  // A new user's first start shows a guided tour over the view; the scenes measure the views.
  try { localStorage.setItem('twinscope.tourDone', '1'); } catch {}
  const longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push({ at: e.startTime, ms: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  window.benchRecord = (ms) => new Promise((resolve) => {
    const deltas = [];
    const from = performance.now();
    let last = null;
    const tick = (t) => {
      if (last !== null) deltas.push(t - last);
      last = t;
      if (t - from < ms) requestAnimationFrame(tick);
      else resolve({ deltas, longTasks: longTasks.filter((l) => l.at >= from).map((l) => l.ms) });
    };
    requestAnimationFrame(tick);
  });
  window.benchWaitValue = () => new Promise((resolve) => {
    const look = () => {
      for (const row of document.querySelectorAll('[data-testid^="fleet-row-"]')) {
        const cells = row.querySelectorAll('[role="gridcell"].num');
        if (cells[1] && /\\d\\s?%/.test(cells[1].textContent || '')) return resolve(performance.timeOrigin + performance.now());
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
})();
`;

export interface Recording {
  deltas: number[];
  longTasks: number[];
}
