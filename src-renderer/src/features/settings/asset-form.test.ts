import { describe, expect, it } from 'vitest';
import type { AssetConfig, SensorSpec } from '@shared/contract';
import {
  assetFromDraft, defaultLevelsOf, draftFromAsset, hasErrors, limitField, newAssetDraft, resetLimit, setLimit, usualModelFor, validateAssetDraft,
} from './asset-form';

const sensor = (key: string, warn: number, alarm: number, low?: boolean): SensorSpec => ({ key, label: key, unit: 'u', min: 0, max: 200, warn, alarm, digits: 1, ...(low ? { low } : {}) });
const SENSORS = [sensor('temperatureC', 130, 155), sensor('pressurePsi', 85, 78, true)];
const motor: AssetConfig = {
  id: 'MTR-03', name: 'Pump motor 3', kind: 'motor', modelRunId: null, limits: { temperatureC: { warn: 120, alarm: 150 } }, downtimeCostPerHour: 950, energyPricePerKWh: 0.22,
};
// What twin:get sends for it: the override merged into the kind's levels.
const inForce = [sensor('temperatureC', 120, 150), sensor('pressurePsi', 85, 78, true)];

describe('asset form', () => {
  it('round-trips a stored asset, keeping only its own levels as limits', () => {
    const draft = draftFromAsset(motor, inForce);
    expect(draft.limits.temperatureC).toEqual({ warn: '120', alarm: '150', overridden: true });
    expect(draft.limits.pressurePsi).toEqual({ warn: '85', alarm: '78', overridden: false });
    expect(validateAssetDraft(draft, { sensors: inForce })).toEqual({});
    expect(assetFromDraft(draft)).toEqual(motor);
  });

  it('a level typed becomes an override; reset drops it (with or without a known default)', () => {
    const typed = setLimit(draftFromAsset(motor, inForce), 'pressurePsi', 'alarm', '75');
    expect(assetFromDraft(typed).limits).toEqual({ temperatureC: { warn: 120, alarm: 150 }, pressurePsi: { warn: 85, alarm: 75 } });
    const known = resetLimit(typed, 'temperatureC', { warn: 130, alarm: 155 });
    expect(known.limits.temperatureC).toEqual({ warn: '130', alarm: '155', overridden: false });
    const unknown = resetLimit(typed, 'temperatureC', undefined);
    expect(validateAssetDraft(unknown, { sensors: inForce })).toEqual({});
    expect(assetFromDraft(unknown).limits).toEqual({ pressurePsi: { warn: 85, alarm: 75 } });
  });

  it('without the sensors (twin not answering) the asset keeps its own levels', () => {
    const draft = draftFromAsset(motor, null);
    expect(validateAssetDraft(draft, { sensors: [] })).toEqual({});
    expect(assetFromDraft({ ...draft, name: 'Renamed' })).toEqual({ ...motor, name: 'Renamed' });
  });

  it('learns the kind defaults from sensors without an override', () => {
    expect(defaultLevelsOf(motor, inForce)).toEqual({ pressurePsi: { warn: 85, alarm: 78 } });
  });

  it('refuses an alarm level on the wrong side of the warning level, per sensor direction', () => {
    let d = draftFromAsset(motor, inForce);
    d = setLimit(d, 'temperatureC', 'alarm', '110');
    d = setLimit(d, 'pressurePsi', 'alarm', '90');
    const errors = validateAssetDraft(d, { sensors: SENSORS });
    expect(errors[limitField('temperatureC', 'alarm')]).toMatch(/above the warning level \(120\)/);
    expect(errors[limitField('pressurePsi', 'alarm')]).toMatch(/below the warning level \(85\)/);
    // Equal is not "beyond".
    expect(validateAssetDraft(setLimit(d, 'temperatureC', 'alarm', '120'), { sensors: SENSORS })[limitField('temperatureC', 'alarm')]).toBeDefined();
    expect(validateAssetDraft(setLimit(d, 'pressurePsi', 'alarm', '80'), { sensors: SENSORS })[limitField('pressurePsi', 'alarm')]).toBeUndefined();
  });

  it('refuses non-numbers, negative costs and an empty name, each on its field', () => {
    const d = { ...setLimit(draftFromAsset(motor, inForce), 'temperatureC', 'warn', 'hot'), name: '  ', downtimeCostPerHour: '-1', energyPricePerKWh: '' };
    expect(validateAssetDraft(d, { sensors: SENSORS })).toEqual({
      name: 'Enter a name.',
      downtimeCostPerHour: 'Must be 0 or more.',
      energyPricePerKWh: 'Enter a number.',
      [limitField('temperatureC', 'warn')]: 'Enter a number.',
    });
  });

  it('a new asset needs a valid id not already in the register', () => {
    const d = { ...newAssetDraft('milling'), name: 'Mill 7' };
    expect(d.downtimeCostPerHour).toBe('1800');
    const check = (id: string) => validateAssetDraft({ ...d, id }, { sensors: [], existingIds: ['MILL-01', 'MTR-03'] }).id;
    expect(check('')).toMatch(/1–40 letters/);
    expect(check('MILL 07')).toMatch(/1–40 letters/);
    expect(check('x'.repeat(41))).toMatch(/1–40 letters/);
    expect(check('mill-01')).toMatch(/already in the register/);
    expect(check('MILL-07')).toBeUndefined();
    expect(hasErrors(validateAssetDraft({ ...d, id: 'MILL-07' }, { sensors: [], existingIds: ['MILL-01'] }))).toBe(false);
    expect(assetFromDraft({ ...d, id: ' MILL-07 ' })).toEqual({ id: 'MILL-07', name: 'Mill 7', kind: 'milling', modelRunId: null, limits: {}, downtimeCostPerHour: 1800, energyPricePerKWh: 0.22 });
  });

  it('a new asset starts with the model most assets of its kind use', () => {
    const reg = [motor, { ...motor, id: 'a', modelRunId: 'm1' }, { ...motor, id: 'b', modelRunId: 'm2' }, { ...motor, id: 'c', modelRunId: 'm2' }, { ...motor, id: 'd', kind: 'milling' as const, modelRunId: 'x' }];
    expect(usualModelFor('motor', reg)).toBe('m2');
    expect(usualModelFor('milling', reg)).toBe('x');
    expect(usualModelFor('milling', [motor])).toBeNull();
  });
});
