/** Resolves after the next frame has been painted: lets one big UI change happen as two tasks. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * One piece of UI work per frame: charts mount (and unmount) one at a time, so a view with many
 * of them is several short tasks instead of one long one (measured: swapping the Data view's nine
 * recharts charts in one commit blocks the main thread for ~100 ms on these machines).
 */
const queue: (() => void)[] = [];
let scheduled = false;

function pump(): void {
  scheduled = false;
  queue.shift()?.();
  if (queue.length) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => setTimeout(pump, 0));
}

export function stage(work: () => void): void {
  queue.push(work);
  schedule();
}

/** Unmount callbacks of the staged pieces on screen. */
const mounted = new Set<() => void>();

export function registerStaged(retire: () => void): () => void {
  mounted.add(retire);
  return () => mounted.delete(retire);
}

/** Takes every staged piece down, one per frame; resolves when all are gone. */
export function retireStaged(): Promise<void> {
  const pieces = [...mounted];
  mounted.clear();
  return new Promise((resolve) => {
    if (pieces.length === 0) return resolve();
    pieces.forEach((retire) => stage(retire));
    stage(resolve);
  });
}
