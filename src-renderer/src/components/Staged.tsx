import { useEffect, useState, type ReactNode } from 'react';

/**
 * Mounts its children one frame after the staged component before it. A view with many charts
 * then mounts as several short tasks instead of one long one (measured: five recharts charts
 * mounting together block the main thread for ~200 ms on these machines).
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

export function Staged({ children, height }: { children: ReactNode; height: number }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let alive = true;
    queue.push(() => alive && setReady(true));
    schedule();
    return () => {
      alive = false;
    };
  }, []);
  return ready ? <>{children}</> : <div className="chart-placeholder" style={{ height }} aria-busy="true" />;
}
