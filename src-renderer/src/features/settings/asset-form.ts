/**
 * The asset register's edit form as pure data: a draft (numbers as typed), its validation with one
 * message per field, and the register entry it becomes. The checks mirror the service's, so the
 * form refuses what the service would refuse, next to the field instead of in one line at the end.
 */
import type { AssetConfig, RunSummary, SensorSpec } from '@shared/contract';
import { numberText, parseNumber } from './number-text';

export type AssetKind = AssetConfig['kind'];
export const ASSET_KINDS: readonly AssetKind[] = ['milling', 'motor'];
export const KIND_LABEL: Record<AssetKind, string> = { milling: 'Milling centre', motor: 'Motor' };

export const ASSET_ID_PATTERN = /^[A-Za-z0-9._-]{1,40}$/;
export const ASSET_NAME_MAX = 80;

/** Prefill of a new asset's costs: the demo fleet's values (the service keeps its own copy). */
export const NEW_ASSET_COSTS: Record<AssetKind, { downtimeCostPerHour: number; energyPricePerKWh: number }> = {
  milling: { downtimeCostPerHour: 1_800, energyPricePerKWh: 0.22 },
  motor: { downtimeCostPerHour: 950, energyPricePerKWh: 0.22 },
};

export interface LimitDraft {
  warn: string;
  alarm: string;
  /** Stored in the register as this asset's own levels; otherwise the kind's defaults apply. */
  overridden: boolean;
}

export interface AssetDraft {
  id: string;
  name: string;
  kind: AssetKind;
  modelRunId: string | null;
  downtimeCostPerHour: string;
  energyPricePerKWh: string;
  /** By sensor key. */
  limits: Record<string, LimitDraft>;
}

/** Field → message. Sensor levels are `limits.<key>.warn` and `limits.<key>.alarm` (see limitField). */
export type AssetErrors = Record<string, string>;

export type Levels = Record<string, { warn: number; alarm: number }>;

export const limitField = (key: string, level: 'warn' | 'alarm'): string => `limits.${key}.${level}`;

/**
 * The form for a stored asset. `sensors` are its levels in force (the twin merges the register's
 * overrides into the kind's defaults), so the fields show what is applied now. Without them (not
 * loaded yet, or the twin could not answer) the asset's own levels are carried over untouched.
 */
export function draftFromAsset(asset: AssetConfig, sensors: readonly SensorSpec[] | null): AssetDraft {
  const limits = sensors
    ? Object.fromEntries(sensors.map((s) => [s.key, { warn: numberText(s.warn), alarm: numberText(s.alarm), overridden: Object.hasOwn(asset.limits, s.key) }]))
    : Object.fromEntries(Object.entries(asset.limits).map(([key, l]) => [key, { warn: numberText(l.warn), alarm: numberText(l.alarm), overridden: true }]));
  return {
    id: asset.id,
    name: asset.name,
    kind: asset.kind,
    modelRunId: asset.modelRunId,
    downtimeCostPerHour: numberText(asset.downtimeCostPerHour),
    energyPricePerKWh: numberText(asset.energyPricePerKWh),
    limits,
  };
}

export function newAssetDraft(kind: AssetKind): AssetDraft {
  const costs = NEW_ASSET_COSTS[kind];
  return {
    id: '', name: '', kind, modelRunId: null,
    downtimeCostPerHour: numberText(costs.downtimeCostPerHour), energyPricePerKWh: numberText(costs.energyPricePerKWh), limits: {},
  };
}

/**
 * The kind's default levels this asset reveals: those of its sensors without an override. The
 * twin only sends levels in force, so a default behind an override is learnt from another asset.
 */
export function defaultLevelsOf(asset: AssetConfig, sensors: readonly SensorSpec[]): Levels {
  return Object.fromEntries(sensors.filter((s) => !Object.hasOwn(asset.limits, s.key)).map((s) => [s.key, { warn: s.warn, alarm: s.alarm }]));
}

/** A level typed by the operator: from now on it is this asset's own. */
export function setLimit(draft: AssetDraft, key: string, level: 'warn' | 'alarm', text: string): AssetDraft {
  const current = draft.limits[key] ?? { warn: '', alarm: '', overridden: true };
  return { ...draft, limits: { ...draft.limits, [key]: { ...current, [level]: text, overridden: true } } };
}

/**
 * Back to the kind's default. When the default is not known yet the fields stay empty (the
 * service fills them in on save).
 */
export function resetLimit(draft: AssetDraft, key: string, defaults: Levels[string] | undefined): AssetDraft {
  const next: LimitDraft = defaults ? { warn: numberText(defaults.warn), alarm: numberText(defaults.alarm), overridden: false } : { warn: '', alarm: '', overridden: false };
  return { ...draft, limits: { ...draft.limits, [key]: next } };
}

const NOT_A_NUMBER = 'Enter a number.';

function checkCost(text: string): string | null {
  const x = parseNumber(text);
  if (x === null) return NOT_A_NUMBER;
  return x < 0 ? 'Must be 0 or more.' : null;
}

export interface AssetCheckContext {
  /** The asset's sensors (their keys, labels and whether low readings are the danger). */
  sensors: readonly Pick<SensorSpec, 'key' | 'label' | 'low'>[];
  /** Set for a new asset: the ids already in the register (a new id must not replace one of them). */
  existingIds?: readonly string[];
}

/** What is wrong with the draft, by field; empty when it can be saved. */
export function validateAssetDraft(draft: AssetDraft, ctx: AssetCheckContext): AssetErrors {
  const errors: AssetErrors = {};
  if (ctx.existingIds) {
    const id = draft.id.trim();
    if (!ASSET_ID_PATTERN.test(id)) errors.id = 'Use 1–40 letters, digits, dot, dash or underscore.';
    else if (ctx.existingIds.some((e) => e.toLowerCase() === id.toLowerCase())) errors.id = `An asset ${id} is already in the register.`;
  }
  if (!draft.name.trim()) errors.name = 'Enter a name.';
  else if (draft.name.trim().length > ASSET_NAME_MAX) errors.name = `At most ${ASSET_NAME_MAX} characters.`;
  const downtime = checkCost(draft.downtimeCostPerHour);
  if (downtime) errors.downtimeCostPerHour = downtime;
  const energy = checkCost(draft.energyPricePerKWh);
  if (energy) errors.energyPricePerKWh = energy;

  for (const sensor of ctx.sensors) {
    const l = draft.limits[sensor.key];
    // Reset to a default not known here: the service applies it.
    if (!l || (!l.overridden && !l.warn.trim() && !l.alarm.trim())) continue;
    const warn = parseNumber(l.warn), alarm = parseNumber(l.alarm);
    if (warn === null) errors[limitField(sensor.key, 'warn')] = NOT_A_NUMBER;
    if (alarm === null) errors[limitField(sensor.key, 'alarm')] = NOT_A_NUMBER;
    if (warn === null || alarm === null) continue;
    if (sensor.low ? !(alarm < warn) : !(alarm > warn)) {
      errors[limitField(sensor.key, 'alarm')] = sensor.low
        ? `Must be below the warning level (${numberText(warn)}): low readings are the danger for ${sensor.label}.`
        : `Must be above the warning level (${numberText(warn)}).`;
    }
  }
  return errors;
}

export const hasErrors = (errors: AssetErrors): boolean => Object.keys(errors).length > 0;

/** The register entry of a valid draft: only the asset's own levels are stored as limits. */
export function assetFromDraft(draft: AssetDraft): AssetConfig {
  const limits: AssetConfig['limits'] = {};
  for (const [key, l] of Object.entries(draft.limits)) {
    const warn = parseNumber(l.warn), alarm = parseNumber(l.alarm);
    if (l.overridden && warn !== null && alarm !== null) limits[key] = { warn, alarm };
  }
  return {
    id: draft.id.trim(),
    name: draft.name.trim(),
    kind: draft.kind,
    modelRunId: draft.modelRunId,
    limits,
    downtimeCostPerHour: parseNumber(draft.downtimeCostPerHour) ?? 0,
    energyPricePerKWh: parseNumber(draft.energyPricePerKWh) ?? 0,
  };
}

/** The model most assets of `kind` use (a new asset of the kind starts with it), or null. */
export function usualModelFor(kind: AssetKind, register: readonly AssetConfig[]): string | null {
  const counts = new Map<string, number>();
  for (const a of register) if (a.kind === kind && a.modelRunId) counts.set(a.modelRunId, (counts.get(a.modelRunId) ?? 0) + 1);
  let best: string | null = null;
  for (const [runId, n] of counts) if (best === null || n > counts.get(best)!) best = runId;
  return best;
}

/** A run as a model choice: what it was trained on, with which features, and how well it ranks failures. */
export function runLabel(run: RunSummary): string {
  const when = run.createdAt.slice(0, 10);
  const model = run.model === 'boosted-trees' ? 'boosted trees' : 'forest';
  return `${run.datasetTitle} · ${run.pipeline} · ${model} · PR-AUC ${run.prAuc.toFixed(3)} · ${when} (${run.runId})`;
}
