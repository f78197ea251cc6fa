/**
 * Known schemas, recognised by normalised headers (case, spaces, underscores, brackets and
 * units do not matter), and the column roles they imply.
 */
import type { ColumnRole } from '../shared/contract';
import type { Table } from './table';

export type SchemaKind = 'ai4i' | 'motor-fleet' | 'unknown';

export interface DetectedSchema {
  kind: SchemaKind;
  roles: Record<string, ColumnRole>;
  labelColumn: string | null;
  /** Binary flag columns, one per failure mode (AI4I). */
  modeFlagColumns: string[];
  /** A text column naming the failure mode (motor fleet). */
  modeTextColumn: string | null;
  assetColumn: string | null;
}

/** "Air temperature [K]" → "airtemperature"; "machine_id" → "machineid". */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/\[[^\]]*\]|\([^)]*\)/g, '')
    .replace(/[^a-z0-9]/g, '');
}

const AI4I: Record<string, ColumnRole> = {
  udi: 'ignore', productid: 'ignore', type: 'categorical-feature', airtemperature: 'numeric-feature',
  processtemperature: 'numeric-feature', rotationalspeed: 'numeric-feature', torque: 'numeric-feature',
  toolwear: 'numeric-feature', machinefailure: 'label', twf: 'failure-mode', hdf: 'failure-mode', pwf: 'failure-mode',
  osf: 'failure-mode', rnf: 'failure-mode',
};
const AI4I_REQUIRED = ['airtemperature', 'processtemperature', 'rotationalspeed', 'torque', 'toolwear', 'machinefailure'];

const MOTOR: Record<string, ColumnRole> = {
  timestamp: 'timestamp', machineid: 'asset-id', temperaturec: 'numeric-feature', vibrationmms: 'numeric-feature',
  pressurepsi: 'numeric-feature', speedrpm: 'numeric-feature', torquenm: 'numeric-feature', powerw: 'numeric-feature',
  operatinghours: 'numeric-feature', band1x: 'numeric-feature', band2x: 'numeric-feature', bandbpfo: 'numeric-feature',
  bandbpfi: 'numeric-feature', bandhf: 'numeric-feature', failure: 'label', failuremode: 'failure-mode', maintenance: 'ignore',
};
const MOTOR_REQUIRED = ['timestamp', 'machineid', 'vibrationmms', 'failure'];

function defaultRole(table: Table, name: string): ColumnRole {
  const col = table.columns.find((c) => c.name === name);
  return col?.kind === 'numeric' ? 'numeric-feature' : 'categorical-feature';
}

export function detectSchema(table: Table): DetectedSchema {
  const names = table.columns.map((c) => c.name);
  const norm = new Map(names.map((n) => [n, normaliseHeader(n)]));
  const has = (keys: string[]) => keys.every((k) => [...norm.values()].includes(k));
  const known = has(AI4I_REQUIRED) ? AI4I : has(MOTOR_REQUIRED) ? MOTOR : null;
  const kind: SchemaKind = known === AI4I ? 'ai4i' : known === MOTOR ? 'motor-fleet' : 'unknown';
  const roles: Record<string, ColumnRole> = {};
  for (const n of names) roles[n] = known?.[norm.get(n)!] ?? defaultRole(table, n);
  const byRole = (r: ColumnRole) => names.filter((n) => roles[n] === r);
  const modeCols = byRole('failure-mode');
  const modeText = modeCols.find((n) => table.columns.find((c) => c.name === n)?.kind === 'categorical') ?? null;
  return {
    kind,
    roles,
    labelColumn: byRole('label')[0] ?? null,
    modeFlagColumns: modeCols.filter((n) => n !== modeText),
    modeTextColumn: modeText,
    assetColumn: byRole('asset-id')[0] ?? null,
  };
}
