/**
 * Damage as a power cut leaves it, for the tests that prove it is found and repaired: a table's
 * b-tree root page (or the file's header) overwritten with garbage.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Overwrites `bytes` bytes at `offset` with 0xA5. */
export function scribble(file: string, offset: number, bytes: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(bytes, 0xa5), 0, bytes, offset);
  closeSync(fd);
}

/** Tears the header of `table`'s root page in a closed database file. */
export function tearTable(file: string, table: string): void {
  const ro = new Database(file, { readonly: true });
  const found = ro.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number } | undefined;
  const pageSize = ro.pragma('page_size', { simple: true }) as number;
  ro.close();
  if (!found) throw new Error(`no table "${table}" in ${file}`);
  scribble(file, (found.rootpage - 1) * pageSize, 12);
}
