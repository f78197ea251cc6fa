/**
 * From a parsed file to what the mapping step shows: the structural report, suggested roles
 * (known schemas by header, or a remembered mapping) and the report under those roles.
 */
import type { ColumnRole } from '../../shared/contract';
import { detectSchema, normaliseHeader, type SchemaKind } from '../schema';
import { hasErrors, type ImportIssue } from './issues';
import { validateMapping, type PreparedDataset, type Roles } from './mapping';
import type { ParsedFile } from './session';
import { structuralIssues } from './structure';

export interface Analysis {
  kind: SchemaKind;
  roles: Roles;
  issues: ImportIssue[];
  prepared: PreparedDataset | null;
}

/** Identifies a file layout by its normalised headers, to remember the user's mapping. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(normaliseHeader).join('|');
}

export function suggestRoles(parsed: ParsedFile, remembered?: Roles | null): { kind: SchemaKind; roles: Roles } {
  const detected = detectSchema(parsed.table);
  if (remembered && parsed.table.columns.every((c) => c.name in remembered)) return { kind: detected.kind, roles: { ...remembered } };
  const roles: Record<string, ColumnRole> = { ...detected.roles };
  for (const c of parsed.columns) if (c.type === 'timestamp' && roles[c.name] !== 'ignore') roles[c.name] = 'timestamp';
  return { kind: detected.kind, roles };
}

export function analyse(parsed: ParsedFile, roles: Roles, kind: SchemaKind): Analysis {
  const structural = structuralIssues(parsed);
  if (hasErrors(structural)) return { kind, roles, issues: structural, prepared: null };
  const mapped = validateMapping(parsed, roles, kind);
  return { kind, roles, issues: [...structural, ...mapped.issues], prepared: mapped.prepared };
}
