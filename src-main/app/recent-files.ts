/**
 * File › Open Recent: the CSV files opened successfully, newest first, at most 10, kept as JSON in
 * Electron's userData folder. The list logic is pure and the store takes its file system as an
 * argument, so both are tested without Electron. (The web host has no recent files: a browser never
 * gives it a path.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { RecentFile } from '../shared/contract';
import { writeFileAtomic } from './atomic-write';

export const RECENT_MAX = 10;
export const RECENT_FILE_NAME = 'recent-files.json';

/** The file system the store needs; `nodeRecentFs` is the real one. */
export interface RecentFs {
  /** The file's text, or null when it does not exist. */
  read(path: string): string | null;
  write(path: string, text: string): void;
  exists(path: string): boolean;
}

/** Puts `path` first, dropping its older entry and anything past the limit. */
export function addRecent(list: readonly RecentFile[], path: string, openedAt: number, max = RECENT_MAX): RecentFile[] {
  const entry: RecentFile = { path, name: basename(path) || path, openedAt };
  return [entry, ...list.filter((f) => f.path !== path)].slice(0, max);
}

/**
 * Reads the stored list, keeping only well-formed entries (a hand-edited or truncated file loses
 * what it cannot prove, not the whole list), newest first, de-duplicated.
 */
export function parseRecent(text: string | null, max = RECENT_MAX): RecentFile[] {
  if (!text) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const out: RecentFile[] = [];
  for (const item of raw) {
    const parsed = RecentFile.safeParse(item);
    if (!parsed.success || parsed.data.path.length === 0 || seen.has(parsed.data.path)) continue;
    seen.add(parsed.data.path);
    out.push(parsed.data);
  }
  return out.sort((a, b) => b.openedAt - a.openedAt).slice(0, max);
}

export class RecentFiles {
  constructor(
    private readonly file: string,
    private readonly fs: RecentFs = nodeRecentFs,
    private readonly now: () => number = Date.now,
  ) {}

  /** The list, without files that no longer exist (and the stored list is pruned to match). */
  list(): RecentFile[] {
    const stored = parseRecent(this.fs.read(this.file));
    const present = stored.filter((f) => this.fs.exists(f.path));
    if (present.length !== stored.length) this.save(present);
    return present;
  }

  /** Records a successful open; returns the new list. */
  add(path: string): RecentFile[] {
    const next = addRecent(this.list(), path, this.now());
    this.save(next);
    return next;
  }

  /** Drops one entry (a file that failed to open). */
  remove(path: string): RecentFile[] {
    const next = this.list().filter((f) => f.path !== path);
    this.save(next);
    return next;
  }

  clear(): void {
    this.save([]);
  }

  private save(list: RecentFile[]): void {
    this.fs.write(this.file, `${JSON.stringify(list, null, 2)}\n`);
  }
}

export const nodeRecentFs: RecentFs = {
  read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
  write: writeFileAtomic,
  exists: (path) => existsSync(path),
};
