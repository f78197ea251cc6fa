import { useEffect, useState } from 'react';
import type { TwinSnapshot } from '@shared/contract';
import { useStore } from '../../store';
import { countByStatus, rankAssets, type FleetFilter } from './ranking';

type TwinStatus = TwinSnapshot['status'];

/** Re-ranking interval: 500 ms, and 1 s from 10,000 assets (a ranking of those takes ~10 ms). */
const rerankMs = (assets: number) => Math.max(500, assets / 10);

export interface Ranking {
  ids: string[];
  counts: Record<TwinStatus, number>;
}

const EMPTY: Ranking = { ids: [], counts: { NORMAL: 0, WARNING: 0, CRITICAL: 0 } };

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
const sameCounts = (a: Ranking['counts'], b: Ranking['counts']) => a.NORMAL === b.NORMAL && a.WARNING === b.WARNING && a.CRITICAL === b.CRITICAL;

/**
 * The filtered, risk-ranked asset ids and the status counts. Frames change the fleet up to ten
 * times a second; this listens to the store outside React (zustand's transient updates) and ranks
 * again at most every 500 ms (1 s for 10,000 assets), re-rendering only when the order or the
 * counts changed. Nothing is ranked while the list is hidden.
 */
export function useRanking(filter: FleetFilter, visible: boolean): Ranking {
  const [ranking, setRanking] = useState<Ranking>(EMPTY);
  useEffect(() => {
    if (!visible) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let seen = -1;
    let rankedIds: readonly string[] | null = null;
    const rank = () => {
      timer = null;
      const s = useStore.getState();
      seen = s.fleetVersion;
      rankedIds = s.fleetIds;
      const next = { ids: rankAssets(s.fleetIds, s.fleetAssets, filter), counts: countByStatus(s.fleetIds, s.fleetAssets) };
      setRanking((prev) => (sameIds(prev.ids, next.ids) && sameCounts(prev.counts, next.counts) ? prev : next));
    };
    rank();
    const unsubscribe = useStore.subscribe((s) => {
      if (s.fleetIds !== rankedIds) {
        // A state load (the first one, a reconnect, assets added): ranked at once, not after the
        // pause between re-rankings — the first rows of a start would wait for it.
        if (timer) clearTimeout(timer);
        timer = setTimeout(rank, 0);
      } else if (s.fleetVersion !== seen && !timer) timer = setTimeout(rank, rerankMs(s.fleetIds.length));
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [filter, visible]);
  return ranking;
}
