/**
 * The fleet list's order and filters. Risk is what an hour of waiting may cost: failure probability
 * × downtime cost per hour. Assets without a probability (no model yet) come after all that have
 * one, worst status first. Pure and linear-plus-sort: 10,000 assets rank in a few milliseconds.
 */
import type { TwinSnapshot } from '@shared/contract';
import type { FleetAsset } from '../../store/fleet-merge';

type TwinStatus = TwinSnapshot['status'];

export interface FleetFilter {
  status: 'all' | TwinStatus;
  kind: 'all' | 'milling' | 'motor';
  text: string;
}

export const NO_FILTER: FleetFilter = { status: 'all', kind: 'all', text: '' };

const STATUS_RANK: Record<TwinStatus, number> = { CRITICAL: 2, WARNING: 1, NORMAL: 0 };

/** Expected downtime cost per hour of waiting, or null without a probability. */
export function riskScore(a: FleetAsset): number | null {
  const p = a.snapshot.probability;
  return p === null || !Number.isFinite(p) ? null : p * a.config.downtimeCostPerHour;
}

export function matches(a: FleetAsset, f: FleetFilter, needle = f.text.trim().toLowerCase()): boolean {
  if (f.status !== 'all' && a.snapshot.status !== f.status) return false;
  if (f.kind !== 'all' && a.config.kind !== f.kind) return false;
  return !needle || a.config.id.toLowerCase().includes(needle) || a.config.name.toLowerCase().includes(needle);
}

/** Key storage kept between rankings (fresh arrays per ranking were megabytes a minute for the collector). */
let keys = { score: new Float64Array(0), status: new Int8Array(0), health: new Float64Array(0) };

function keyStorage(n: number): typeof keys {
  if (keys.score.length < n) keys = { score: new Float64Array(n), status: new Int8Array(n), health: new Float64Array(n) };
  return keys;
}

/**
 * Ids of the assets passing the filter, highest risk first. Keys go into typed arrays and an index
 * array is sorted (10,000 assets twice a second: one key object per asset per ranking was garbage
 * the window's collector paused for).
 */
export function rankAssets(ids: readonly string[], assets: ReadonlyMap<string, FleetAsset>, f: FleetFilter): string[] {
  const needle = f.text.trim().toLowerCase();
  const kept: string[] = [];
  const { score, status, health } = keyStorage(ids.length);
  for (const id of ids) {
    const a = assets.get(id);
    if (!a || !matches(a, f, needle)) continue;
    const k = kept.length;
    kept.push(id);
    score[k] = riskScore(a) ?? -1;
    status[k] = STATUS_RANK[a.snapshot.status];
    health[k] = a.snapshot.health;
  }
  const order = new Uint32Array(kept.length);
  for (let k = 0; k < order.length; k++) order[k] = k;
  // Scores are ≥ 0, so -1 puts the assets without one last; ties by status, health, then id.
  // The comparator answers small integers: a difference of doubles was a boxed number per call.
  order.sort((x, y) =>
    score[y] > score[x] ? 1 : score[y] < score[x] ? -1
      : status[y] !== status[x] ? status[y] - status[x]
        : health[x] < health[y] ? -1 : health[x] > health[y] ? 1
          : kept[x] < kept[y] ? -1 : kept[x] > kept[y] ? 1 : 0);
  const out = new Array<string>(order.length);
  for (let k = 0; k < order.length; k++) out[k] = kept[order[k]];
  return out;
}

/** Assets by status, for the summary above the list. */
export function countByStatus(ids: readonly string[], assets: ReadonlyMap<string, FleetAsset>): Record<TwinStatus, number> {
  const counts: Record<TwinStatus, number> = { NORMAL: 0, WARNING: 0, CRITICAL: 0 };
  for (const id of ids) {
    const a = assets.get(id);
    if (a) counts[a.snapshot.status]++;
  }
  return counts;
}
