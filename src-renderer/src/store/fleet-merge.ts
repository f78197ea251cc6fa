/**
 * Pure merging of the live streams into what the store holds: fleet frames into the asset map,
 * alert changes into alert lists. Kept apart from the slice so the rules are testable.
 */
import type { Alert, AssetConfig, FleetFrame, FleetState, TwinSnapshot } from '@shared/contract';
import { SPARKLINE_POINTS } from '@shared/contract/plain';

export interface FleetAsset {
  config: AssetConfig;
  snapshot: TwinSnapshot;
  /** Recent failure probabilities (or the first sensor's readings without a model), oldest first. */
  sparkline: number[];
}

/** The fleet state as a map; the id list keeps the register's order. */
export function fleetFromState(state: FleetState): { assets: Map<string, FleetAsset>; ids: string[] } {
  const assets = new Map<string, FleetAsset>();
  for (const a of state.assets) assets.set(a.config.id, { config: a.config, snapshot: a.snapshot, sparkline: a.sparkline });
  return { assets, ids: [...assets.keys()] };
}

/**
 * Merges a frame into `assets` IN PLACE — frames arrive up to 10 times a second with up to 10,000
 * assets, and copying the map each time would cost more than the merge — giving each changed asset
 * a new object, so a component selecting one asset re-renders only when that asset changed.
 * Returns the ids the map does not know (an asset added elsewhere: its config needs a reload).
 */
export function mergeFrame(assets: Map<string, FleetAsset>, frame: FleetFrame): string[] {
  const unknown: string[] = [];
  for (const { snapshot, sparkline, appended } of frame.assets) {
    const existing = assets.get(snapshot.assetId);
    if (!existing) unknown.push(snapshot.assetId);
    else if (!appended) assets.set(snapshot.assetId, { config: existing.config, snapshot, sparkline });
    else if (snapshot.readings > existing.snapshot.readings) {
      assets.set(snapshot.assetId, { config: existing.config, snapshot, sparkline: appendSparkline(existing.sparkline, sparkline, snapshot.readings - existing.snapshot.readings) });
    }
  }
  return unknown;
}

/**
 * A sparkline with a frame's appended points (the asset's points since its last frame). The host
 * counts "since" from its last frame, this window from what it holds: after a state load that
 * already had some of them, only the newest `unseen` are new here.
 */
export function appendSparkline(have: readonly number[], points: readonly number[], unseen: number): number[] {
  const fresh = unseen < points.length ? points.slice(points.length - Math.max(0, unseen)) : points;
  const next = have.length + fresh.length > SPARKLINE_POINTS ? have.slice(have.length + fresh.length - SPARKLINE_POINTS) : have.slice();
  for (const p of fresh.length > SPARKLINE_POINTS ? fresh.slice(-SPARKLINE_POINTS) : fresh) next.push(p);
  return next;
}

/** Does the frame touch this asset (a new reading or an event of its own)? */
export function frameTouches(frame: FleetFrame, assetId: string): boolean {
  return frame.assets.some((a) => a.snapshot.assetId === assetId) || frame.events.some((e) => e.assetId === assetId);
}

export type AlertChange = { alert: Alert; change: string };

/**
 * Applies alert changes to a list, newest raised first. With `keepCleared` false (the fleet's open
 * alerts) a cleared alert leaves the list; with true (one asset's history) it stays, marked cleared.
 * Returns the same list when nothing in it changed, so selectors do not re-render for nothing.
 */
export function mergeAlerts(list: readonly Alert[], changes: readonly AlertChange[], keepCleared: boolean, accept: (a: Alert) => boolean = () => true): Alert[] {
  const relevant = changes.filter((c) => accept(c.alert));
  if (relevant.length === 0) return list as Alert[];
  const byId = new Map(list.map((a) => [a.id, a]));
  for (const { alert } of relevant) {
    if (!keepCleared && alert.state === 'CLEARED') byId.delete(alert.id);
    else byId.set(alert.id, alert);
  }
  return [...byId.values()].sort((a, b) => b.raisedAt - a.raisedAt || (a.id < b.id ? 1 : -1));
}
