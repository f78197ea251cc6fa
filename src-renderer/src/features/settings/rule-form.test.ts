import { describe, expect, it } from 'vitest';
import type { AlertRule } from '@shared/contract';
import {
  draftToRule, duplicateIds, hysteresisHint, newRuleDraft, ruleIdFromName, ruleIdInMessage, ruleToDraft, sensorOptions, toggleAssetKind,
  validateRuleDraft, validateRuleDrafts, type SensorChoice,
} from './rule-form';

const RULES: AlertRule[] = [
  { id: 'motor-winding-hot', name: 'Winding hot', severity: 'critical', enabled: true, assetKinds: ['motor'], kind: 'sensor-above', sensor: 'temperatureC', level: 130, clearLevel: 125, pendingSec: 60 },
  { id: 'pressure-low', name: 'Pressure low', severity: 'warning', enabled: false, kind: 'sensor-below', sensor: 'pressurePsi', level: 78, clearLevel: 82, pendingSec: 0 },
  { id: 'failure-probability', name: 'P above threshold', severity: 'critical', enabled: true, kind: 'probability', level: 'operating-threshold', clearLevel: 'auto', pendingSec: 0 },
  { id: 'p-fixed', name: 'P fixed', severity: 'warning', enabled: true, kind: 'probability', level: 0.4, clearLevel: 0.25, pendingSec: 30 },
  { id: 'stale-data', name: 'No data', severity: 'warning', enabled: true, kind: 'stale', intervalFactor: 2 },
  { id: 'stale-default', name: 'No data (default)', severity: 'warning', enabled: true, kind: 'stale' },
];

const CATALOGUE: SensorChoice[] = [
  { kind: 'milling', key: 'airTempK', label: 'Air temperature', unit: 'K', warn: 304, alarm: 305 },
  { kind: 'milling', key: 'speedRpm', label: 'Rotational speed', unit: 'rpm', warn: 2600, alarm: 2800 },
  { kind: 'motor', key: 'pressurePsi', label: 'Discharge pressure', unit: 'psi', warn: 85, alarm: 78, low: true },
  { kind: 'motor', key: 'speedRpm', label: 'Speed', unit: 'rpm', warn: 1740, alarm: 1725, low: true },
];

describe('rule form', () => {
  it('round-trips every kind of rule through the draft unchanged', () => {
    const drafts = RULES.map(ruleToDraft);
    expect(validateRuleDrafts(drafts)).toEqual(RULES.map(() => ({})));
    expect(drafts.map(draftToRule)).toEqual(RULES);
  });

  it('wants the clear level on the safe side of the level', () => {
    const above = ruleToDraft(RULES[0]);
    expect(validateRuleDraft({ ...above, clearLevel: '130' }).clearLevel).toMatch(/below the level \(130\)/);
    expect(validateRuleDraft({ ...above, clearLevel: '140' }).clearLevel).toMatch(/below/);
    const below = ruleToDraft(RULES[1]);
    expect(validateRuleDraft({ ...below, clearLevel: '70' }).clearLevel).toMatch(/above the level \(78\)/);
    const p = ruleToDraft(RULES[3]);
    expect(validateRuleDraft({ ...p, clearLevel: '0.5' }).clearLevel).toMatch(/below the level \(0.4\)/);
    expect(validateRuleDraft({ ...p, level: '1.5' }).level).toMatch(/probability/);
    expect(validateRuleDraft({ ...p, level: '0' }).level).toMatch(/probability/);
    // A fixed clear level under the operating threshold cannot be compared here: the service caps it.
    expect(validateRuleDraft({ ...p, levelMode: 'operating-threshold', clearLevel: '0.9' })).toEqual({});
  });

  it('wants pending seconds of 0 or more, numbers where numbers go, and a stale factor above 1', () => {
    const d = ruleToDraft(RULES[0]);
    expect(validateRuleDraft({ ...d, pendingSec: '-5' }).pendingSec).toBe('Must be 0 or more.');
    expect(validateRuleDraft({ ...d, pendingSec: '' }).pendingSec).toBe('Enter a number.');
    expect(validateRuleDraft({ ...d, level: 'abc' }).level).toBe('Enter a number.');
    expect(validateRuleDraft({ ...ruleToDraft(RULES[4]), intervalFactor: '1' }).intervalFactor).toMatch(/more than 1/);
    expect(validateRuleDraft({ ...ruleToDraft(RULES[4]), intervalFactor: '' })).toEqual({});
  });

  it('wants unique ids, a name and at least one asset kind', () => {
    const drafts = [ruleToDraft(RULES[0]), { ...ruleToDraft(RULES[1]), id: 'motor-winding-hot ' }, { ...ruleToDraft(RULES[2]), name: ' ' }];
    expect(duplicateIds(drafts.map((d) => d.id))).toEqual(new Set(['motor-winding-hot']));
    const errors = validateRuleDrafts(drafts);
    expect(errors[0].id).toMatch(/Another rule/);
    expect(errors[1].id).toMatch(/Another rule/);
    expect(errors[2]).toEqual({ name: 'Enter a name.' });
    const none = toggleAssetKind(ruleToDraft(RULES[0]), 'motor', false);
    expect(none.assetKinds).toEqual([]);
    expect(validateRuleDraft(none).assetKinds).toMatch(/at least one/);
  });

  it('ticking every asset kind means every kind (assetKinds omitted)', () => {
    const all = toggleAssetKind(ruleToDraft(RULES[0]), 'milling', true);
    expect(all.assetKinds).toBeNull();
    expect('assetKinds' in draftToRule(all)).toBe(false);
    expect(toggleAssetKind(all, 'motor', false).assetKinds).toEqual(['milling']);
  });

  it('makes ids from names, unique among the rules', () => {
    expect(ruleIdFromName('Winding too hot!', [])).toBe('winding-too-hot');
    expect(ruleIdFromName('Winding too hot', ['winding-too-hot', 'winding-too-hot-2'])).toBe('winding-too-hot-3');
    expect(ruleIdFromName('Überdruck Pumpe', [])).toBe('uberdruck-pumpe');
    expect(ruleIdFromName('!!!', [])).toBe('rule');
    expect(ruleIdFromName('x'.repeat(200), []).length).toBeLessThanOrEqual(60);
  });

  it('new rules start from sensible, valid defaults', () => {
    const taken = RULES.map((r) => r.id);
    const above = newRuleDraft('sensor-above', 'Air hot', taken, CATALOGUE);
    expect(above).toMatchObject({ id: 'air-hot', kind: 'sensor-above', sensor: 'airTempK', level: '305', clearLevel: '304', assetKinds: ['milling'], severity: 'warning', enabled: true });
    const below = newRuleDraft('sensor-below', '', taken, CATALOGUE);
    expect(below).toMatchObject({ id: 'sensor-below-a-level', sensor: 'pressurePsi', level: '78', clearLevel: '85', assetKinds: ['motor'] });
    const p = newRuleDraft('probability', 'P', taken, CATALOGUE);
    expect(draftToRule(p)).toEqual({ id: 'p', name: 'P', severity: 'warning', enabled: true, kind: 'probability', level: 'operating-threshold', clearLevel: 'auto', pendingSec: 0 });
    const stale = newRuleDraft('stale', 'No data', taken, CATALOGUE);
    expect(stale.id).toBe('no-data');
    for (const d of [above, below, p, stale]) expect(validateRuleDraft(d)).toEqual({});
  });

  it('offers the sensors of the ticked kinds once each', () => {
    const d = ruleToDraft(RULES[2]);
    expect(sensorOptions(CATALOGUE, d).map((s) => s.key)).toEqual(['airTempK', 'speedRpm', 'pressurePsi']);
    expect(sensorOptions(CATALOGUE, { assetKinds: ['motor'] }).map((s) => `${s.key} ${s.label}`)).toEqual(['pressurePsi Discharge pressure', 'speedRpm Speed']);
  });

  it('explains the hysteresis', () => {
    expect(hysteresisHint(ruleToDraft(RULES[0]), '°C')).toBe('Raised above 130 °C held for 60 s; clears below 125 °C.');
    expect(hysteresisHint(ruleToDraft(RULES[1]), 'psi')).toBe('Raised below 78 psi; clears above 82 psi.');
    expect(hysteresisHint(ruleToDraft(RULES[2]))).toBe("Raised above the asset's operating threshold; clears below 0.8 × the operating threshold.");
    expect(hysteresisHint({ ...ruleToDraft(RULES[3]), clearMode: 'auto' })).toBe('Raised above 0.4 held for 30 s; clears below 0.32.');
    expect(hysteresisHint(ruleToDraft(RULES[5]))).toMatch(/more than 2 reading intervals/);
    expect(hysteresisHint({ ...ruleToDraft(RULES[0]), level: '' })).toBeNull();
    expect(hysteresisHint({ ...ruleToDraft(RULES[0]), clearLevel: '140' })).toBeNull();
    expect(hysteresisHint({ ...ruleToDraft(RULES[3]), clearLevel: '0.5' })).toBeNull();
  });

  it('finds the rule a service error names', () => {
    const message = 'alert rules not saved: rule "ghost": name must not be empty; rule "p-fixed": clearLevel (0.5) must be below level (0.4)';
    expect(ruleIdInMessage(message, RULES.map((r) => r.id))).toBe('p-fixed');
    expect(ruleIdInMessage('something else', ['p-fixed'])).toBeNull();
  });
});
