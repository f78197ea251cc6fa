/**
 * Pure merging of the live streams into what the store holds: fleet frames into the asset map,
 * alert changes into alert lists. Kept apart from the slice so the rules are testable.
 */
import type { Alert, AssetConfig, FleetFrame, FleetState, TwinSnapshot } from '@shared/contract';
import { SPARKLINE_POINTS } from '@shared/contract/plain';

/**
 * One asset as the window holds it. Frames update `snapshot` and `sparkline` IN PLACE and count
 * `version` up: components select the version to re-render when the asset changed.
 */
export interface FleetAsset {
  config: AssetConfig;
  snapshot: TwinSnapshot;
  /** Recent failure probabilities (or the first sensor's readings without a model), oldest first. */
  sparkline: number[];
  version: number;
}

/** The fleet state as a map; the id list keeps the register's order. */
export function fleetFromState(state: FleetState): { assets: Map<string, FleetAsset>; ids: string[] } {
  const assets = new Map<string, FleetAsset>();
  for (const a of state.assets) assets.set(a.config.id, { config: a.config, snapshot: a.snapshot, sparkline: a.sparkline, version: 0 });
  return { assets, ids: [...assets.keys()] };
}

/**
 * Merges a frame into `assets`, copying each changed asset's figures into the objects it already
 * has. A 10,000-asset fleet changes ~2,500 assets a second: kept as the frame's own objects, each
 * lived seconds in the map, so the collector promoted them all and paid for them in major
 * collections of 30 ms and more (a Chromium trace of the fleet view). Copied, the parsed frame
 * dies young. Returns the ids the map does not know (an asset added elsewhere: its config needs a
 * reload).
 */
export function mergeFrame(assets: Map<string, FleetAsset>, frame: FleetFrame): string[] {
  const unknown: string[] = [];
  for (const { snapshot, sparkline, appended } of frame.assets) {
    const existing = assets.get(snapshot.assetId);
    if (!existing) {
      unknown.push(snapshot.assetId);
      continue;
    }
    if (appended && snapshot.readings <= existing.snapshot.readings) continue;
    if (appended) appendSparkline(existing.sparkline, sparkline, snapshot.readings - existing.snapshot.readings);
    else replaceAll(existing.sparkline, sparkline);
    copySnapshot(existing.snapshot, snapshot);
    existing.version++;
  }
  return unknown;
}

/** Copies `from` into `to`; equal strings and same-shaped parts are left as they are. */
function copySnapshot(to: TwinSnapshot, from: TwinSnapshot): void {
  to.lastReadingMs = from.lastReadingMs;
  to.probability = from.probability;
  to.threshold = from.threshold;
  to.health = from.health;
  if (to.status !== from.status) to.status = from.status;
  to.worstZone = from.worstZone;
  if (to.modelVersion !== from.modelVersion) to.modelVersion = from.modelVersion;
  to.down = from.down;
  to.readings = from.readings;
  // Loops without key lists or callbacks: this runs for thousands of assets a second.
  if (sameKeys(to.values, from.values)) for (const k in from.values) to.values[k] = from.values[k];
  else to.values = from.values;
  if (to.modes.length === from.modes.length) {
    for (let i = 0; i < to.modes.length; i++) {
      const m = to.modes[i], f = from.modes[i];
      if (m.mode !== f.mode) m.mode = f.mode;
      m.probability = f.probability;
    }
  } else to.modes = from.modes;
  if (to.rul && from.rul) {
    to.rul.hours = from.rul.hours;
    if (to.rul.basis !== from.rul.basis) to.rul.basis = from.rul.basis;
  } else to.rul = from.rul;
}

function sameKeys(a: Record<string, number>, b: Record<string, number>): boolean {
  let n = 0;
  for (const k in b) {
    if (!Object.hasOwn(a, k)) return false;
    n++;
  }
  for (const _key in a) if (n-- === 0) return false;
  return n === 0;
}

function replaceAll(to: number[], from: readonly number[]): void {
  to.length = 0;
  for (const v of from) to.push(v);
}

/**
 * Appends a frame's points (the asset's points since its last frame) to a sparkline in place,
 * keeping the last SPARKLINE_POINTS. The host counts "since" from its last frame, this window from
 * what it holds: after a state load that already had some of them, only the newest `unseen` are new.
 */
export function appendSparkline(have: number[], points: readonly number[], unseen: number): void {
  const fresh = Math.min(points.length, Math.max(0, unseen), SPARKLINE_POINTS);
  for (let k = points.length - fresh; k < points.length; k++) have.push(points[k]);
  if (have.length > SPARKLINE_POINTS) have.splice(0, have.length - SPARKLINE_POINTS);
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
