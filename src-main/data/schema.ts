/**
 * Known schemas, recognised by normalised headers (case, spaces, underscores, brackets and
 * units do not matter), and the column roles they imply.
 */
import type { ColumnRole } from '../shared/contract';
import type { RawColumn } from './table';

export type SchemaKind = 'ai4i' | 'motor-fleet' | 'unknown';

export interface DetectedSchema {
  kind: SchemaKind;
  roles: Record<string, ColumnRole>;
  labelColumn: string | null;
  /** Binary flag columns, one per failure mode (AI4I). */
  modeFlagColumns: string[];
  /** A text column naming the failure mode (motor fleet, AI4I's "Failure Type" variant). */
  modeTextColumn: string | null;
  assetColumn: string | null;
  timestampColumn: string | null;
}

const UNIT_SUFFIXES = ['rpm', 'mms', 'psi', 'min', 'nm', 'k', 'c', 'w', 'h', 's'];

/** "Air temperature [K]" → "airtemperature"; "machine_id" → "machineid"; "AIR_TEMPERATURE_K" → "airtemperaturek". */
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
  toolwear: 'numeric-feature', machinefailure: 'label', target: 'label', failuretype: 'failure-mode',
  twf: 'failure-mode', hdf: 'failure-mode', pwf: 'failure-mode', osf: 'failure-mode', rnf: 'failure-mode',
};
const AI4I_REQUIRED = ['airtemperature', 'processtemperature', 'rotationalspeed', 'torque', 'toolwear'];

const MOTOR: Record<string, ColumnRole> = {
  timestamp: 'timestamp', machineid: 'asset-id', temperature: 'numeric-feature', vibration: 'numeric-feature',
  pressure: 'numeric-feature', speed: 'numeric-feature', torque: 'numeric-feature', power: 'numeric-feature',
  operatinghours: 'numeric-feature', band1x: 'numeric-feature', band2x: 'numeric-feature', bandbpfo: 'numeric-feature',
  bandbpfi: 'numeric-feature', bandhf: 'numeric-feature', failure: 'label', failuremode: 'failure-mode', maintenance: 'ignore',
};
const MOTOR_REQUIRED = ['timestamp', 'machineid', 'vibration', 'failure'];

/** Generic names that mean the same role in any schema. */
const GENERIC: Record<string, ColumnRole> = {
  timestamp: 'timestamp', time: 'timestamp', datetime: 'timestamp', date: 'timestamp', ts: 'timestamp',
  assetid: 'asset-id', machineid: 'asset-id', asset: 'asset-id', machine: 'asset-id', unitid: 'asset-id', equipmentid: 'asset-id',
  failure: 'label', label: 'label', target: 'label', machinefailure: 'label', failed: 'label',
  failuremode: 'failure-mode', failuretype: 'failure-mode',
  id: 'ignore', udi: 'ignore', index: 'ignore', rowid: 'ignore',
};

/** The key of a header in a schema: exact, or with a trailing unit token removed. */
function keyIn(schema: Record<string, ColumnRole>, header: string): string | null {
  const n = normaliseHeader(header);
  if (n in schema) return n;
  for (const u of UNIT_SUFFIXES) if (n.endsWith(u) && n.slice(0, -u.length) in schema) return n.slice(0, -u.length);
  return null;
}

function defaultRole(table: { columns: RawColumn[] }, name: string): ColumnRole {
  const col = table.columns.find((c) => c.name === name);
  // Identifier-like text (mostly distinct values) says nothing a model can learn from.
  return col?.kind === 'numeric' ? 'numeric-feature' : col?.kind === 'text' ? 'ignore' : 'categorical-feature';
}

/** Describes a table under given roles: which columns are the label, modes, asset and time. */
export function schemaFromRoles(table: { columns: RawColumn[] }, roles: Record<string, ColumnRole>, kind: SchemaKind): DetectedSchema {
  const names = table.columns.map((c) => c.name);
  const byRole = (r: ColumnRole) => names.filter((n) => roles[n] === r);
  const modeCols = byRole('failure-mode');
  const modeText = modeCols.find((n) => table.columns.find((c) => c.name === n)?.kind !== 'numeric') ?? null;
  return {
    kind,
    roles,
    labelColumn: byRole('label')[0] ?? null,
    modeFlagColumns: modeCols.filter((n) => n !== modeText),
    modeTextColumn: modeText,
    assetColumn: byRole('asset-id')[0] ?? null,
    timestampColumn: byRole('timestamp')[0] ?? null,
  };
}

export function detectSchema(table: { columns: RawColumn[] }): DetectedSchema {
  const names = table.columns.map((c) => c.name);
  const has = (schema: Record<string, ColumnRole>, keys: string[]) => keys.every((k) => names.some((n) => keyIn(schema, n) === k));
  const known = has(AI4I, AI4I_REQUIRED) ? AI4I : has(MOTOR, MOTOR_REQUIRED) ? MOTOR : null;
  const kind: SchemaKind = known === AI4I ? 'ai4i' : known === MOTOR ? 'motor-fleet' : 'unknown';
  const roles: Record<string, ColumnRole> = {};
  for (const n of names) {
    const k = known ? keyIn(known, n) : null;
    const g = keyIn(GENERIC, n);
    roles[n] = k ? known![k] : g ? GENERIC[g] : defaultRole(table, n);
  }
  // One label at most is suggested: the first one.
  let labelSeen = false;
  for (const n of names) {
    if (roles[n] !== 'label') continue;
    if (labelSeen) roles[n] = 'ignore';
    labelSeen = true;
  }
  return schemaFromRoles(table, roles, kind);
}
