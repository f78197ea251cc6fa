/**
 * The alert rules editor as pure data: one flat draft per rule (numbers as typed), validation by
 * field mirroring the service's, the rule a draft becomes, new rules with sensible defaults and
 * ids made from their names, and the hysteresis hint ("clears below X") shown under the levels.
 */
import type { AlertRule, SensorSpec } from '@shared/contract';
import { ASSET_KINDS } from './asset-form';
import { numberText, parseNumber } from './number-text';

export type RuleKind = AlertRule['kind'];
export type Severity = AlertRule['severity'];

export const RULE_KINDS: readonly { kind: RuleKind; label: string }[] = [
  { kind: 'sensor-above', label: 'Sensor above a level' },
  { kind: 'sensor-below', label: 'Sensor below a level' },
  { kind: 'probability', label: 'Failure probability' },
  { kind: 'stale', label: 'No data (stale)' },
];
export const RULE_KIND_LABEL = Object.fromEntries(RULE_KINDS.map((k) => [k.kind, k.label])) as Record<RuleKind, string>;

export const RULE_ID_MAX = 60;
export const RULE_NAME_MAX = 120;
/** The service's: clear level 'auto' is 0.8 × the level; a stale asset has missed 2 reading intervals. */
export const AUTO_CLEAR_RATIO = 0.8;
export const DEFAULT_STALE_FACTOR = 2;

export interface RuleDraft {
  id: string;
  name: string;
  severity: Severity;
  enabled: boolean;
  kind: RuleKind;
  /** The kinds the rule applies to; null = every kind (assetKinds omitted). */
  assetKinds: string[] | null;
  /** Sensor rules only. */
  sensor: string;
  /** Sensor rules: the level; probability rules: the fixed level when levelMode is 'fixed'. */
  level: string;
  levelMode: 'fixed' | 'operating-threshold';
  clearLevel: string;
  clearMode: 'fixed' | 'auto';
  pendingSec: string;
  /** Stale rules only; empty = the service's default. */
  intervalFactor: string;
}

/** Field of a RuleDraft → message. */
export type RuleErrors = Partial<Record<keyof RuleDraft, string>>;

/** A sensor of an asset kind, as a rule can refer to it. */
export type SensorChoice = Pick<SensorSpec, 'key' | 'label' | 'unit' | 'warn' | 'alarm' | 'low'> & { kind: string };

const isThreshold = (kind: RuleKind): boolean => kind !== 'stale';
const isSensorKind = (kind: RuleKind): kind is 'sensor-above' | 'sensor-below' => kind === 'sensor-above' || kind === 'sensor-below';

export function ruleToDraft(rule: AlertRule): RuleDraft {
  const draft: RuleDraft = {
    id: rule.id, name: rule.name, severity: rule.severity, enabled: rule.enabled, kind: rule.kind,
    assetKinds: rule.assetKinds ? [...rule.assetKinds] : null,
    sensor: '', level: '', levelMode: 'fixed', clearLevel: '', clearMode: 'fixed', pendingSec: '0', intervalFactor: '',
  };
  switch (rule.kind) {
    case 'sensor-above':
    case 'sensor-below':
      return { ...draft, sensor: rule.sensor, level: numberText(rule.level), clearLevel: numberText(rule.clearLevel), pendingSec: numberText(rule.pendingSec) };
    case 'probability':
      return {
        ...draft,
        levelMode: rule.level === 'operating-threshold' ? 'operating-threshold' : 'fixed',
        level: rule.level === 'operating-threshold' ? '' : numberText(rule.level),
        clearMode: rule.clearLevel === 'auto' ? 'auto' : 'fixed',
        clearLevel: rule.clearLevel === 'auto' ? '' : numberText(rule.clearLevel),
        pendingSec: numberText(rule.pendingSec),
      };
    case 'stale':
      return { ...draft, intervalFactor: rule.intervalFactor === undefined ? '' : numberText(rule.intervalFactor) };
  }
}

/** The rule of a valid draft, with only the fields of its kind (the contract's rules are strict). */
export function draftToRule(d: RuleDraft): AlertRule {
  const base = { id: d.id.trim(), name: d.name.trim(), severity: d.severity, enabled: d.enabled, ...(d.assetKinds ? { assetKinds: [...d.assetKinds] } : {}) };
  const num = (text: string) => parseNumber(text) ?? 0;
  switch (d.kind) {
    case 'sensor-above':
    case 'sensor-below':
      return { ...base, kind: d.kind, sensor: d.sensor, level: num(d.level), clearLevel: num(d.clearLevel), pendingSec: num(d.pendingSec) };
    case 'probability':
      return {
        ...base, kind: 'probability',
        level: d.levelMode === 'operating-threshold' ? 'operating-threshold' : num(d.level),
        clearLevel: d.clearMode === 'auto' ? 'auto' : num(d.clearLevel),
        pendingSec: num(d.pendingSec),
      };
    case 'stale': {
      const factor = parseNumber(d.intervalFactor);
      return { ...base, kind: 'stale', ...(factor === null ? {} : { intervalFactor: factor }) };
    }
  }
}

/** Ticks or unticks an asset kind; all of them ticked means every kind (assetKinds omitted). */
export function toggleAssetKind(d: RuleDraft, kind: string, on: boolean): RuleDraft {
  const current = d.assetKinds ?? [...ASSET_KINDS];
  const next = on ? (current.includes(kind) ? current : [...current, kind]) : current.filter((k) => k !== kind);
  const every = next.length === ASSET_KINDS.length && ASSET_KINDS.every((k) => next.includes(k));
  return { ...d, assetKinds: every ? null : next };
}

export const appliesToKind = (d: Pick<RuleDraft, 'assetKinds'>, kind: string): boolean => d.assetKinds === null || d.assetKinds.includes(kind);

/** Ids used by more than one rule. */
export function duplicateIds(ids: readonly string[]): Set<string> {
  const seen = new Set<string>(), twice = new Set<string>();
  for (const id of ids.map((x) => x.trim())) (seen.has(id) ? twice : seen).add(id);
  return twice;
}

const NOT_A_NUMBER = 'Enter a number.';

function checkPending(text: string): string | undefined {
  const x = parseNumber(text);
  if (x === null) return NOT_A_NUMBER;
  return x < 0 ? 'Must be 0 or more.' : undefined;
}

/** What is wrong with one rule (`duplicates`: ids used twice in the set). */
export function validateRuleDraft(d: RuleDraft, duplicates: ReadonlySet<string> = new Set()): RuleErrors {
  const e: RuleErrors = {};
  const id = d.id.trim();
  if (!id) e.id = 'The rule needs an id.';
  else if (id.length > RULE_ID_MAX) e.id = `At most ${RULE_ID_MAX} characters.`;
  else if (duplicates.has(id)) e.id = `Another rule has the id "${id}".`;
  if (!d.name.trim()) e.name = 'Enter a name.';
  else if (d.name.trim().length > RULE_NAME_MAX) e.name = `At most ${RULE_NAME_MAX} characters.`;
  if (d.assetKinds !== null && d.assetKinds.length === 0) e.assetKinds = 'Tick at least one asset kind.';
  if (isThreshold(d.kind)) {
    const pending = checkPending(d.pendingSec);
    if (pending) e.pendingSec = pending;
  }
  if (isSensorKind(d.kind)) {
    if (!d.sensor.trim()) e.sensor = 'Choose a sensor.';
    const level = parseNumber(d.level), clear = parseNumber(d.clearLevel);
    if (level === null) e.level = NOT_A_NUMBER;
    if (clear === null) e.clearLevel = NOT_A_NUMBER;
    else if (level !== null) {
      const above = d.kind === 'sensor-above';
      if (above ? !(clear < level) : !(clear > level)) {
        e.clearLevel = `Must be ${above ? 'below' : 'above'} the level (${numberText(level)}), on the safe side, so a reading hovering at the level raises one alert.`;
      }
    }
  } else if (d.kind === 'probability') {
    const level = d.levelMode === 'fixed' ? parseNumber(d.level) : null;
    if (d.levelMode === 'fixed') {
      if (level === null) e.level = NOT_A_NUMBER;
      else if (!(level > 0 && level <= 1)) e.level = 'A probability above 0 and at most 1 (e.g. 0.3 for 30 %).';
    }
    if (d.clearMode === 'fixed') {
      const clear = parseNumber(d.clearLevel);
      if (clear === null) e.clearLevel = NOT_A_NUMBER;
      else if (!(clear >= 0 && clear <= 1)) e.clearLevel = 'A probability from 0 to 1.';
      else if (level !== null && !e.level && !(clear < level)) e.clearLevel = `Must be below the level (${numberText(level)}), on the safe side.`;
    }
  } else if (d.intervalFactor.trim()) {
    const factor = parseNumber(d.intervalFactor);
    if (factor === null) e.intervalFactor = NOT_A_NUMBER;
    else if (!(factor > 1)) e.intervalFactor = 'Must be more than 1: at 1 every reading on time would arrive late.';
  }
  return e;
}

/** Every rule's problems, in the order of the rules (ids are checked for uniqueness across the set). */
export function validateRuleDrafts(drafts: readonly RuleDraft[]): RuleErrors[] {
  const duplicates = duplicateIds(drafts.map((d) => d.id));
  return drafts.map((d) => validateRuleDraft(d, duplicates));
}

export const ruleHasErrors = (e: RuleErrors): boolean => Object.keys(e).length > 0;

/** "Winding too hot!" → "winding-too-hot", made unique among `taken` with -2, -3, … */
export function ruleIdFromName(name: string, taken: readonly string[]): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, RULE_ID_MAX - 4).replace(/-+$/, '') || 'rule';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Distinct sensors of the kinds a rule applies to, in catalogue order (the first kind's label and unit). */
export function sensorOptions(catalogue: readonly SensorChoice[], d: Pick<RuleDraft, 'assetKinds'>): SensorChoice[] {
  const seen = new Set<string>();
  return catalogue.filter((s) => appliesToKind(d, s.kind) && !seen.has(s.key) && (seen.add(s.key), true));
}

/**
 * A new rule of `kind`: enabled, a warning. A sensor rule watches the first sensor whose danger is on
 * its side (high readings for sensor-above, low for sensor-below), raised at its alarm level and
 * cleared at its warning level, for that sensor's kind; probability rules follow the model's
 * operating threshold; stale rules use the service's default interval.
 */
export function newRuleDraft(kind: RuleKind, name: string, takenIds: readonly string[], catalogue: readonly SensorChoice[]): RuleDraft {
  const trimmed = name.trim() || RULE_KIND_LABEL[kind];
  const draft: RuleDraft = {
    id: ruleIdFromName(trimmed, takenIds), name: trimmed, severity: 'warning', enabled: true, kind, assetKinds: null,
    sensor: '', level: '', levelMode: 'fixed', clearLevel: '', clearMode: 'fixed', pendingSec: '0', intervalFactor: '',
  };
  if (kind === 'probability') return { ...draft, levelMode: 'operating-threshold', clearMode: 'auto' };
  if (kind === 'stale') return draft;
  const wantLow = kind === 'sensor-below';
  const s = catalogue.find((c) => !!c.low === wantLow) ?? catalogue[0];
  if (!s) return { ...draft, pendingSec: '60' };
  const [high, low] = s.alarm >= s.warn ? [s.alarm, s.warn] : [s.warn, s.alarm];
  const level = wantLow ? low : high;
  let clear = wantLow ? high : low;
  if (clear === level) clear = wantLow ? level + Math.abs(level) * 0.05 || 1 : level - Math.abs(level) * 0.05 || -1;
  return { ...draft, assetKinds: [s.kind], sensor: s.key, level: numberText(level), clearLevel: numberText(clear), pendingSec: '60' };
}

/** What the two levels mean together, e.g. "Raised above 7.1 mm/s held for 60 s; clears below 6.5 mm/s." (null while the levels are invalid). */
export function hysteresisHint(d: RuleDraft, unit = ''): string | null {
  const u = unit ? ` ${unit}` : '';
  const pending = parseNumber(d.pendingSec);
  const held = pending && pending > 0 ? ` held for ${numberText(pending)} s` : '';
  if (isSensorKind(d.kind)) {
    const level = parseNumber(d.level), clear = parseNumber(d.clearLevel);
    if (level === null || clear === null) return null;
    // Levels the wrong way round would read as nonsense; the field's error says what to fix.
    if (d.kind === 'sensor-above' ? !(clear < level) : !(clear > level)) return null;
    const [raise, safe] = d.kind === 'sensor-above' ? ['above', 'below'] : ['below', 'above'];
    return `Raised ${raise} ${numberText(level)}${u}${held}; clears ${safe} ${numberText(clear)}${u}.`;
  }
  if (d.kind === 'probability') {
    const fixed = d.levelMode === 'fixed' ? parseNumber(d.level) : null;
    if (d.levelMode === 'fixed' && fixed === null) return null;
    const levelText = fixed === null ? "the asset's operating threshold" : numberText(fixed);
    const clear = d.clearMode === 'fixed' ? parseNumber(d.clearLevel) : null;
    if (d.clearMode === 'fixed' && clear === null) return null;
    if (fixed !== null && !(fixed > 0 && fixed <= 1)) return null;
    if (clear !== null && (!(clear >= 0 && clear <= 1) || (fixed !== null && !(clear < fixed)))) return null;
    const clearText = clear !== null
      ? `${numberText(clear)}${fixed === null ? ' (or the threshold, if lower)' : ''}`
      : fixed === null ? `${AUTO_CLEAR_RATIO} × the operating threshold` : numberText(AUTO_CLEAR_RATIO * fixed);
    return `Raised above ${levelText}${held}; clears below ${clearText}.`;
  }
  const factor = parseNumber(d.intervalFactor) ?? DEFAULT_STALE_FACTOR;
  return `Raised when no reading came for more than ${numberText(factor)} reading intervals; clears with the next reading.`;
}

/**
 * The rule a service error names (`rule "motor-hot": clearLevel …`), if it is one of `ids`: the
 * editor opens it so the message sits next to the form it is about.
 */
export function ruleIdInMessage(message: string, ids: readonly string[]): string | null {
  for (const m of message.matchAll(/rule "([^"]+)"/g)) if (ids.includes(m[1])) return m[1];
  return null;
}
