import { useEffect, useState, type ReactNode } from 'react';
import { registerStaged, stage } from '../lib/frames';

/**
 * Mounts its children one frame after the staged component before it, and can be taken down the
 * same way (lib/frames: retireStaged), so a view full of charts never builds or clears in one task.
 */
export function Staged({ children, height }: { children: ReactNode; height: number }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let alive = true;
    stage(() => alive && setReady(true));
    const unregister = registerStaged(() => alive && setReady(false));
    return () => {
      alive = false;
      unregister();
    };
  }, []);
  return ready ? <>{children}</> : <div className="chart-placeholder" style={{ height }} aria-busy="true" />;
}
