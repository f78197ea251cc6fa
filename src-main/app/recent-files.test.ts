import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRecent, parseRecent, RECENT_MAX, RecentFiles, type RecentFs } from './recent-files';

/** An in-memory file system: which paths exist, and the store's own file. */
function memoryFs(existing: string[]): RecentFs & { files: Map<string, string>; exists: (p: string) => boolean } {
  const files = new Map<string, string>();
  const present = new Set(existing);
  return {
    files,
    read: (p) => files.get(p) ?? null,
    write: (p, text) => void files.set(p, text),
    exists: (p) => present.has(p),
  };
}

describe('recent files list', () => {
  it('puts the newest first, de-duplicates by path and keeps ten', () => {
    let list = addRecent([], '/d/a.csv', 1);
    list = addRecent(list, '/d/b.csv', 2);
    list = addRecent(list, '/d/a.csv', 3);
    expect(list).toEqual([{ path: '/d/a.csv', name: 'a.csv', openedAt: 3 }, { path: '/d/b.csv', name: 'b.csv', openedAt: 2 }]);
    for (let i = 0; i < 20; i++) list = addRecent(list, `/d/f${i}.csv`, 10 + i);
    expect(list).toHaveLength(RECENT_MAX);
    expect(list[0].path).toBe('/d/f19.csv');
    expect(list[9].path).toBe('/d/f10.csv');
  });

  it('reads a damaged or hand-edited file without failing', () => {
    expect(parseRecent(null)).toEqual([]);
    expect(parseRecent('{oops')).toEqual([]);
    expect(parseRecent('{"path":"/x"}')).toEqual([]);
    const text = JSON.stringify([{ path: '/old.csv', name: 'old.csv', openedAt: 1 }, { path: 7 }, { path: '/new.csv', name: 'new.csv', openedAt: 5 }, { path: '/old.csv', name: 'old.csv', openedAt: 0 }]);
    expect(parseRecent(text).map((f) => f.path)).toEqual(['/new.csv', '/old.csv']);
  });
});

describe('recent files store', () => {
  it('persists opens, and drops files that no longer exist when listed', () => {
    const fs = memoryFs(['/d/a.csv', '/d/b.csv']);
    let t = 100;
    const store = new RecentFiles('/user/recent-files.json', fs, () => t++);
    store.add('/d/a.csv');
    store.add('/d/b.csv');
    // A second store on the same file (the next start) sees the same list.
    const again = new RecentFiles('/user/recent-files.json', fs);
    expect(again.list().map((f) => f.name)).toEqual(['b.csv', 'a.csv']);
    fs.exists = (p) => p === '/d/a.csv';
    expect(again.list().map((f) => f.name)).toEqual(['a.csv']);
    expect(parseRecent(fs.files.get('/user/recent-files.json')!)).toHaveLength(1);
    again.remove('/d/a.csv');
    expect(again.list()).toEqual([]);
  });

  it('clears, and works on the real file system', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twinscope-recent-'));
    try {
      const csv = join(dir, 'data.csv');
      writeFileSync(csv, 'a,b\n1,2\n');
      const store = new RecentFiles(join(dir, 'user', 'recent-files.json'));
      expect(store.list()).toEqual([]);
      store.add(csv);
      expect(JSON.parse(readFileSync(join(dir, 'user', 'recent-files.json'), 'utf8'))[0].path).toBe(csv);
      unlinkSync(csv);
      expect(store.list()).toEqual([]);
      writeFileSync(csv, '');
      store.add(csv);
      store.clear();
      expect(store.list()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
