/**
 * The fleet list's "top reason" column: TreeSHAP reasons (`twin:reasons`) for the rows on screen
 * only, each refreshed at most every 5 s and only after a new reading. Exact TreeSHAP is not cheap
 * (measured 175–350 ms per asset in the twin worker, which also runs the simulation loop), so one
 * request at a time with a pause after each, and none while the Fleet view is hidden. A row
 * scrolled away stops asking; its last answer stays cached for when it comes back.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { Reason } from '@shared/contract';
import { invoke } from '../../api/client';

const REFRESH_MS = 5000;
const CONCURRENCY = 1;
/** Real ms left to the twin worker between two requests (its frames and the open twin come first). */
const GAP_MS = 250;

interface Entry {
  reason: Reason | null;
  /** Real time of the last request and the asset's reading count then. */
  at: number;
  readings: number;
}

const cache = new Map<string, Entry>();
const listeners = new Set<() => void>();
/** Rows on screen per asset id (a row mounts and unmounts as it scrolls in and out). */
const wanted = new Map<string, number>();
const queue: string[] = [];
const queued = new Set<string>();
let active = 0;
let enabled = true;

const notify = () => listeners.forEach((l) => l());

/** The Fleet view turns the column's requests off while hidden (queued ones wait). */
export function setTopReasonsEnabled(on: boolean): void {
  enabled = on;
  if (on) pump();
}

function pump(): void {
  while (enabled && active < CONCURRENCY && queue.length) {
    const id = queue.shift()!;
    queued.delete(id);
    if (!wanted.get(id)) continue; // scrolled away while waiting
    active++;
    invoke('twin:reasons', { assetId: id })
      .then((reasons) => {
        const entry = cache.get(id);
        if (entry) entry.reason = reasons[0] ?? null;
        notify();
      })
      .catch(() => undefined) // a removed asset, a lost connection: the next refresh tries again
      .finally(() => {
        setTimeout(() => {
          active--;
          pump();
        }, GAP_MS);
      });
  }
}

/** A new reading came too soon after the last request: asked again when the 5 s are up. */
const later = new Map<string, ReturnType<typeof setTimeout>>();

function request(id: string, readings: number): void {
  const entry = cache.get(id);
  const now = Date.now();
  if (entry && entry.readings === readings) return;
  if (entry && now - entry.at < REFRESH_MS) {
    clearTimeout(later.get(id));
    later.set(id, setTimeout(() => {
      later.delete(id);
      if (wanted.get(id)) request(id, readings);
    }, entry.at + REFRESH_MS - now));
    return;
  }
  cache.set(id, { reason: entry?.reason ?? null, at: now, readings });
  if (!queued.has(id)) {
    queued.add(id);
    queue.push(id);
  }
  pump();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/**
 * The largest reason of the asset's current reading, or null while unknown. `readings` is the
 * asset's reading count: a new reading (after 5 s) asks again; without a model nothing is asked.
 */
export function useTopReason(assetId: string, readings: number, hasModel: boolean): Reason | null {
  const reason = useSyncExternalStore(subscribe, () => (hasModel ? cache.get(assetId)?.reason ?? null : null));
  useEffect(() => {
    wanted.set(assetId, (wanted.get(assetId) ?? 0) + 1);
    return () => {
      const n = (wanted.get(assetId) ?? 1) - 1;
      if (n > 0) wanted.set(assetId, n);
      else wanted.delete(assetId);
    };
  }, [assetId]);
  useEffect(() => {
    if (hasModel && readings > 0) request(assetId, readings);
  }, [assetId, readings, hasModel]);
  return reason;
}
