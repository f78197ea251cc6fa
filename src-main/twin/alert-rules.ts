/**
 * Alert rules: what an operator can configure (a discriminated union, stored as plain JSON), the
 * defaults a new fleet starts with, validation, and the small pure helpers the engine
 * (./alerts.ts) needs to turn a rule and a reading into "firing" / "cleared".
 *
 * Threshold rules use two levels, the way Grafana and ThingsBoard users configure them: a
 * raise level and a clear level on the safe side of it. A reading that hovers around the raise
 * level therefore opens one alert and keeps it open, instead of opening one per crossing.
 */
import { MONITOR_RULE_PREFIX } from '../shared/contract/drift';
import { MILLING_LIMITS } from './sim/milling';
import { INSULATION_LIMITS_C, ISO_10816_CLASS_II } from './sim/motor';

export type AlertSeverity = 'warning' | 'critical';

interface RuleBase {
  id: string;
  name: string;
  severity: AlertSeverity;
  enabled: boolean;
  /** Restricts the rule to these asset kinds; omitted = every kind. */
  assetKinds?: string[];
}

export interface SensorRule extends RuleBase {
  kind: 'sensor-above' | 'sensor-below';
  sensor: string;
  level: number;
  /** On the safe side of `level` (below it for sensor-above, above it for sensor-below). */
  clearLevel: number;
  /** How long the condition must hold, in simulated seconds, before the alert is raised. */
  pendingSec: number;
}

export interface ProbabilityRule extends RuleBase {
  kind: 'probability';
  /** A fixed probability, or the operating threshold of whichever model scored the asset. */
  level: number | 'operating-threshold';
  /** 'auto' = 0.8 × the level, so a score wobbling at the threshold does not re-raise. */
  clearLevel: number | 'auto';
  pendingSec: number;
}

export interface StaleRule extends RuleBase {
  kind: 'stale';
  /** Stale after this many reading intervals without a reading (default 2). */
  intervalFactor?: number;
}

export type AlertRule = SensorRule | ProbabilityRule | StaleRule;
export type ThresholdRule = SensorRule | ProbabilityRule;

export const DEFAULT_STALE_FACTOR = 2;
/** Rule ids of conditions decided by a monitor outside the rule set (AlertEngine.signal): rule edits never orphan them. */
export { MONITOR_RULE_PREFIX } from '../shared/contract/drift';
export const AUTO_CLEAR_RATIO = 0.8;

const motor = ['motor'];
const milling = ['milling'];

export const DEFAULT_ALERT_RULES: AlertRule[] = [
  {
    id: 'motor-winding-hot', name: 'Winding above insulation class B', severity: 'critical', enabled: true, assetKinds: motor,
    kind: 'sensor-above', sensor: 'temperatureC', level: INSULATION_LIMITS_C.classB, clearLevel: 125, pendingSec: 60,
  },
  {
    // ISO 10816 class II zone D: vibration severe enough to cause damage.
    id: 'motor-vibration-zone-d', name: 'Vibration in ISO 10816 zone D', severity: 'critical', enabled: true, assetKinds: motor,
    kind: 'sensor-above', sensor: 'vibrationMmS', level: ISO_10816_CLASS_II.cd, clearLevel: 6.5, pendingSec: 60,
  },
  {
    // Zone C: not fit for long-term continuous operation; plan maintenance.
    id: 'motor-vibration-zone-c', name: 'Vibration in ISO 10816 zone C', severity: 'warning', enabled: true, assetKinds: motor,
    kind: 'sensor-above', sensor: 'vibrationMmS', level: ISO_10816_CLASS_II.bc, clearLevel: 2.5, pendingSec: 60,
  },
  {
    // Wear only falls when the tool is replaced, so a low clear level means "cleared by a tool change".
    id: 'milling-tool-worn', name: 'Tool at end of life', severity: 'warning', enabled: true, assetKinds: milling,
    kind: 'sensor-above', sensor: 'toolWearMin', level: MILLING_LIMITS.toolLifeMin, clearLevel: 10, pendingSec: 0,
  },
  {
    id: 'failure-probability', name: 'Failure probability above operating threshold', severity: 'critical', enabled: true,
    kind: 'probability', level: 'operating-threshold', clearLevel: 'auto', pendingSec: 0,
  },
  { id: 'stale-data', name: 'No data', severity: 'warning', enabled: true, kind: 'stale', intervalFactor: DEFAULT_STALE_FACTOR },
];

const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isProbability = (x: unknown): x is number => isFiniteNumber(x) && x >= 0 && x <= 1;

/**
 * Problems with a rule set, each naming the rule id and the field (empty when it can be used).
 * Rules come from the UI and from storage, so fields are checked as if they were untyped.
 */
export function validateRules(rules: readonly AlertRule[]): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const r = rule as AlertRule & Record<string, unknown>;
    const hasId = typeof r.id === 'string' && r.id.trim() !== '';
    const at = hasId ? `rule "${r.id}"` : `rule #${index + 1}`;
    if (!hasId) errors.push(`${at}: id must be a non-empty string`);
    else if (seen.has(r.id)) errors.push(`${at}: id is used by more than one rule`);
    else if (r.id.startsWith(MONITOR_RULE_PREFIX)) errors.push(`${at}: id must not start with "${MONITOR_RULE_PREFIX}" (kept for the built-in monitors)`);
    else seen.add(r.id);
    if (typeof r.name !== 'string' || !r.name.trim()) errors.push(`${at}: name must not be empty`);
    if (r.severity !== 'warning' && r.severity !== 'critical') errors.push(`${at}: severity must be 'warning' or 'critical'`);
    if (typeof r.enabled !== 'boolean') errors.push(`${at}: enabled must be true or false`);
    if (r.assetKinds !== undefined && (!Array.isArray(r.assetKinds) || r.assetKinds.length === 0 || !r.assetKinds.every((k) => typeof k === 'string' && k !== ''))) {
      errors.push(`${at}: assetKinds must list at least one kind (omit it to apply to every kind)`);
    }
    if ((r.kind === 'sensor-above' || r.kind === 'sensor-below' || r.kind === 'probability') && !(isFiniteNumber(r.pendingSec) && r.pendingSec >= 0)) {
      errors.push(`${at}: pendingSec must be 0 or more (got ${String(r.pendingSec)})`);
    }
    if (r.kind === 'sensor-above' || r.kind === 'sensor-below') {
      if (typeof r.sensor !== 'string' || !r.sensor) errors.push(`${at}: sensor must name a sensor`);
      if (!isFiniteNumber(r.level)) errors.push(`${at}: level must be a number`);
      if (!isFiniteNumber(r.clearLevel)) errors.push(`${at}: clearLevel must be a number`);
      else if (isFiniteNumber(r.level)) {
        const above = r.kind === 'sensor-above';
        if (above ? !(r.clearLevel < r.level) : !(r.clearLevel > r.level)) {
          errors.push(`${at}: clearLevel (${r.clearLevel}) must be ${above ? 'below' : 'above'} level (${r.level}) for ${r.kind}`);
        }
      }
    } else if (r.kind === 'probability') {
      if (r.level !== 'operating-threshold' && !(isProbability(r.level) && r.level > 0)) {
        errors.push(`${at}: level must be 'operating-threshold' or a probability in (0, 1]`);
      }
      if (r.clearLevel !== 'auto' && !isProbability(r.clearLevel)) errors.push(`${at}: clearLevel must be 'auto' or a probability in [0, 1]`);
      else if (isFiniteNumber(r.clearLevel) && isFiniteNumber(r.level) && !(r.clearLevel < r.level)) {
        errors.push(`${at}: clearLevel (${r.clearLevel}) must be below level (${r.level})`);
      }
    } else if (r.kind === 'stale') {
      // At a factor of 1 or less every on-time reading would arrive after the asset went stale.
      if (r.intervalFactor !== undefined && !(isFiniteNumber(r.intervalFactor) && r.intervalFactor > 1)) {
        errors.push(`${at}: intervalFactor must be more than 1 (got ${String(r.intervalFactor)})`);
      }
    } else {
      errors.push(`${at}: kind "${String(r.kind)}" is not one of sensor-above, sensor-below, probability, stale`);
    }
  });
  return errors;
}

export function ruleAppliesTo(rule: AlertRule, assetKind: string | undefined): boolean {
  if (!rule.enabled) return false;
  if (!rule.assetKinds) return true;
  return assetKind !== undefined && rule.assetKinds.includes(assetKind);
}

/**
 * The part of a rule that decides when it fires. A rule edit that changes it restarts the
 * rule's pending timers; renaming a rule or changing its severity does not.
 */
export function conditionKey(rule: AlertRule): string {
  const kinds = rule.assetKinds ? [...rule.assetKinds].sort() : null;
  switch (rule.kind) {
    case 'sensor-above':
    case 'sensor-below':
      return JSON.stringify([rule.kind, rule.sensor, rule.level, rule.clearLevel, rule.pendingSec, kinds]);
    case 'probability':
      return JSON.stringify([rule.kind, rule.level, rule.clearLevel, rule.pendingSec, kinds]);
    case 'stale':
      return JSON.stringify([rule.kind, rule.intervalFactor ?? DEFAULT_STALE_FACTOR, kinds]);
  }
}

/** A threshold rule resolved against one reading: the value and its two levels. */
export interface ResolvedThreshold {
  above: boolean;
  value: number;
  level: number;
  clearLevel: number;
}

/**
 * Resolves a threshold rule against a reading, or null when the reading cannot decide it
 * (sensor missing or not finite, no probability, no operating threshold): a gap in the data
 * neither raises nor clears, nor restarts a pending timer.
 */
export function resolveThreshold(
  rule: ThresholdRule,
  values: Readonly<Record<string, number>>,
  ctx: { probability?: number; threshold?: number },
): ResolvedThreshold | null {
  if (rule.kind !== 'probability') {
    const value = values[rule.sensor];
    if (!isFiniteNumber(value)) return null;
    return { above: rule.kind === 'sensor-above', value, level: rule.level, clearLevel: rule.clearLevel };
  }
  const level = rule.level === 'operating-threshold' ? ctx.threshold : rule.level;
  if (!isFiniteNumber(ctx.probability) || !isFiniteNumber(level)) return null;
  // A fixed clear level above a model's threshold would undo the hysteresis; cap it at the level.
  const clearLevel = rule.clearLevel === 'auto' ? AUTO_CLEAR_RATIO * level : Math.min(rule.clearLevel, level);
  return { above: true, value: ctx.probability, level, clearLevel };
}

export const fires = (t: ResolvedThreshold): boolean => (t.above ? t.value > t.level : t.value < t.level);
export const clears = (t: ResolvedThreshold): boolean => (t.above ? t.value < t.clearLevel : t.value > t.clearLevel);

/** Four significant digits: enough to compare with a level, short enough for a notification. */
export const formatNumber = (x: number): string => String(Number(x.toPrecision(4)));
const percent = (p: number): string => `${formatNumber(p * 100)} %`;

/** The human-readable line of a threshold alert, e.g. "Motor 3: temperatureC 131.2 °C is above 130 °C". */
export function thresholdMessage(rule: ThresholdRule, t: ResolvedThreshold, assetName: string, units: Readonly<Record<string, string>>, modelVersion: string | null): string {
  if (rule.kind === 'probability') {
    const levelName = rule.level === 'operating-threshold' ? 'the operating threshold' : 'the level';
    const model = modelVersion ? ` (model ${modelVersion})` : '';
    return `${assetName}: failure probability ${percent(t.value)} is above ${levelName} ${percent(t.level)}${model}`;
  }
  const unit = units[rule.sensor] ? ` ${units[rule.sensor]}` : '';
  const side = t.above ? 'above' : 'below';
  return `${assetName}: ${rule.sensor} ${formatNumber(t.value)}${unit} is ${side} ${formatNumber(t.level)}${unit}`;
}

export function staleMessage(assetName: string, silentMs: number, intervalMs: number): string {
  return `${assetName}: no reading for ${formatNumber(silentMs / 1000)} s (expected every ${formatNumber(intervalMs / 1000)} s)`;
}
