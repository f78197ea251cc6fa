/**
 * Test helper: runs text or bytes through the real import pipeline in small chunks.
 */
import { analyse, suggestRoles, type Analysis } from './analyse';
import type { Roles } from './mapping';
import { ImportSession, type ImportOptions, type ParsedFile } from './session';

export function parseBytes(bytes: Uint8Array, opts: Partial<ImportOptions> = {}, chunk = 997): ParsedFile {
  const s = new ImportSession({ fileName: 'test.csv', totalBytes: bytes.length, ...opts });
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  return s.finish();
}

export function importText(text: string, opts: Partial<ImportOptions> & { roles?: Partial<Roles> } = {}): Analysis & { parsed: ParsedFile } {
  const parsed = parseBytes(new TextEncoder().encode(text), opts);
  const suggested = suggestRoles(parsed);
  const roles = { ...suggested.roles, ...opts.roles } as Roles;
  return { ...analyse(parsed, roles, suggested.kind), parsed };
}

export const codes = (a: Analysis) => a.issues.map((i) => `${i.severity}:${i.code}`);
