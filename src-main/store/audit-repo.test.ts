/**
 * The audit log and commitTwinState's "documents and their audit entries in one transaction",
 * through the storage API on a real SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStorageApi, type StorageApi } from './storage-api';

const dirs: string[] = [];
const open: StorageApi[] = [];
const tempFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'twinscope-audit-'));
  dirs.push(d);
  return join(d, 'twinscope.db');
};
afterEach(() => {
  open.splice(0).forEach((api) => {
    try {
      api.close();
    } catch {
      // already closed by the test
    }
  });
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A storage API whose clock the test sets, so `at` is a known value. */
function withClock(file = tempFile()) {
  const clock = { now: new Date('2026-11-25T10:00:00.000Z') };
  const api = createStorageApi(file, () => clock.now);
  open.push(api);
  return { api, clock, file };
}

describe('audit log', () => {
  it('lists entries newest first with who, action, subject, detail and time', () => {
    const { api, clock } = withClock();
    expect(api.audit([{ who: 'Ada', action: 'alert.acknowledge', subject: 'AL-7', detail: 'bearing noise checked' }])).toBe(true);
    clock.now = new Date('2026-11-25T10:05:00.000Z');
    api.audit([{ who: 'Grace', action: 'maintenance.serviceBearing', subject: 'M-03', detail: '' }]);
    expect(api.listAudit({})).toEqual([
      { id: 2, at: '2026-11-25T10:05:00.000Z', who: 'Grace', action: 'maintenance.serviceBearing', subject: 'M-03', detail: '' },
      { id: 1, at: '2026-11-25T10:00:00.000Z', who: 'Ada', action: 'alert.acknowledge', subject: 'AL-7', detail: 'bearing noise checked' },
    ]);
  });

  it('stores an empty operator name as "(no operator name set)"', () => {
    const { api } = withClock();
    api.audit([{ who: '', action: 'rules.change', subject: 'vibration-high', detail: 'threshold 7.1 → 6.5' }]);
    const [entry] = api.listAudit({});
    expect(entry.who).toBe('(no operator name set)');
    expect(entry.detail).toBe('threshold 7.1 → 6.5');
  });

  it('rejects an entry without action or subject and stores nothing of that call', () => {
    const { api } = withClock();
    const valid = { who: 'Ada', action: 'settings.change', subject: 'theme', detail: 'dark' };
    expect(() => api.audit([valid, { who: 'Ada', action: '', subject: 'theme', detail: '' }])).toThrow('an audit entry needs an action and a subject');
    expect(() => api.audit([{ who: 'Ada', action: 'settings.change', subject: '', detail: '' }])).toThrow('an audit entry needs an action and a subject');
    // The valid entry before the invalid one went in the same transaction, so it is gone too.
    expect(api.listAudit({})).toEqual([]);
  });

  it('filters by subject and limits the count, newest first', () => {
    const { api, clock } = withClock();
    const times = ['10:00', '10:01', '10:02', '10:03'];
    const subjects = ['M-01', 'M-02', 'M-01', 'M-01'];
    subjects.forEach((subject, i) => {
      clock.now = new Date(`2026-11-25T${times[i]}:00.000Z`);
      api.audit([{ who: 'Ada', action: 'asset.edit', subject, detail: `edit ${i}` }]);
    });
    expect(api.listAudit({ subject: 'M-01' }).map((e) => e.detail)).toEqual(['edit 3', 'edit 2', 'edit 0']);
    expect(api.listAudit({ subject: 'M-02' }).map((e) => [e.detail, e.at])).toEqual([['edit 1', '2026-11-25T10:01:00.000Z']]);
    expect(api.listAudit({ subject: 'M-99' })).toEqual([]);
    expect(api.listAudit({ limit: 2 }).map((e) => e.detail)).toEqual(['edit 3', 'edit 2']);
    expect(api.listAudit({ limit: 1, subject: 'M-01' }).map((e) => e.detail)).toEqual(['edit 3']);
  });

  it('keeps entries across a reopen of the file', () => {
    const { api, file } = withClock();
    api.audit([{ who: 'Ada', action: 'model.activate', subject: 'run-42', detail: '' }]);
    api.close();
    const again = createStorageApi(file);
    open.push(again);
    expect(again.listAudit({}).map((e) => [e.action, e.subject])).toEqual([['model.activate', 'run-42']]);
  });
});

describe('commitTwinState', () => {
  it('writes the documents and their audit entries together', () => {
    const { api } = withClock();
    const alerts = [{ id: 'AL-1', asset: 'M-01', acknowledged: true }];
    expect(api.commitTwinState({ docs: { alerts, clock: { simMs: 5000 } }, audit: [{ who: 'Ada', action: 'alert.acknowledge', subject: 'AL-1', detail: '' }] })).toBe(true);
    expect(api.readTwinState(['alerts', 'clock', 'absent'])).toEqual({ alerts, clock: { simMs: 5000 } });
    expect(api.listAudit({}).map((e) => [e.who, e.action, e.subject, e.at])).toEqual([['Ada', 'alert.acknowledge', 'AL-1', '2026-11-25T10:00:00.000Z']]);
  });

  it('writes no document when an audit entry is invalid (one transaction)', () => {
    const { api } = withClock();
    api.commitTwinState({ docs: { clock: { simMs: 5000 } }, audit: [{ who: 'Ada', action: 'fleet.start', subject: 'fleet', detail: '' }] });
    expect(() => api.commitTwinState({
      docs: { clock: { simMs: 6000 }, events: [{ kind: 'maintenance', asset: 'M-02' }] },
      audit: [
        { who: 'Ada', action: 'maintenance.serviceBearing', subject: 'M-02', detail: '' },
        { who: 'Ada', action: 'maintenance.note', subject: '', detail: 'no subject' },
      ],
    })).toThrow('an audit entry needs an action and a subject');
    // Neither the changed document, the new one, nor the valid first audit entry was kept.
    expect(api.readTwinState(['clock', 'events'])).toEqual({ clock: { simMs: 5000 } });
    expect(api.listAudit({}).map((e) => e.action)).toEqual(['fleet.start']);
  });
});
