/**
 * Contract values the window needs for its first paint, without zod: importing any schema module
 * makes the browser build every schema at start (zod's schemas are top-level calls no bundler can
 * drop), and the Fleet view needs none of them. The schema modules re-export these.
 */

import type { ForestSettings } from './model';

/** Points in a fleet row's sparkline (the latest readings' risk, or first sensor without a model). */
export const SPARKLINE_POINTS = 48;

/**
 * Alerts raised by a monitor of a model (drift: "retrain recommended") rather than by a rule on an
 * asset: their `assetId` is the model's run id, and the window opens the Model view for them.
 */
export const MONITOR_RULE_PREFIX = 'monitor:';
export const isModelAlert = (a: { ruleId: string }): boolean => a.ruleId.startsWith(MONITOR_RULE_PREFIX);

/** The app's default forest (the Model view's form and bench:ml use the same). */
export const DEFAULT_FOREST_SETTINGS: ForestSettings = {
  nTrees: 200, maxDepth: 24, minSamplesSplit: 2, minSamplesLeaf: 1, criterion: 'gini', classWeight: 'none', maxFeatures: 'sqrt',
};

/**
 * The default forest for a dataset of `rows` rows: beyond 20,000 rows half the trees, so a fleet's
 * history (tens of thousands of readings, ~60 features) trains in a minute or two, not ten.
 */
export function defaultForestFor(rows: number): ForestSettings {
  return rows > 20_000 ? { ...DEFAULT_FOREST_SETTINGS, nTrees: 100 } : DEFAULT_FOREST_SETTINGS;
}

/** Distinct values are counted up to this cap. */
export const DISTINCT_CAP = 10_000;

/** Retrained runs of `runId` start with this (the window follows their `model:progress` by it). */
export function retrainPrefix(runId: string): string {
  return `${runId.slice(0, 40)}-retrain-`;
}
