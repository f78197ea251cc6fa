/**
 * A few rounds of the crash test (`npm run test:crash` runs 100): real writer processes on one
 * database file, SIGKILLed mid-flight, the file checked cold after each kill. A second test
 * damages a checked file on purpose to show the checker does catch losses.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempFolders } from './temp-folders';
import { CRASH_BATCH_ROWS, checkCrashFile, killWriterAfter, runCrashRounds } from './crash-harness';

const tempDir = tempFolders('twinscope-crash-test-');

describe('crash durability (SIGKILL of the writer)', () => {
  it('keeps every committed batch whole across 4 kills', async () => {
    const lines: string[] = [];
    const s = await runCrashRounds({ rounds: 4, seed: 20261125, dir: tempDir(), log: (l) => lines.push(l) });
    expect(s.failure).toBeNull();
    expect(s.rounds).toBe(4);
    expect(lines).toHaveLength(4);
    expect(s.integrityOk).toBe(4);
    expect(s.reopenOk).toBe(4);
    expect(s.missingCommittedRows).toBe(0);
    expect(s.partialBatches).toBe(0);
    expect(s.missingDurable).toBe(0);
    // Each round commits at least its first batch before the kill; the file may hold a few more
    // batches than reported (committed, killed before the line was printed), never fewer.
    expect(s.committedBatches).toBeGreaterThanOrEqual(4);
    expect(s.rows).toBeGreaterThanOrEqual(s.committedBatches * CRASH_BATCH_ROWS);
    expect(s.rows % CRASH_BATCH_ROWS).toBe(0);
  }, 60_000);

  it('the checker reports lost rows, half-written batches and missing audit entries', async () => {
    const dir = tempDir(), file = join(dir, 'crash.sqlite');
    const kill = await killWriterAfter(file, 300);
    expect(kill.committed[0]).toBe(1);
    expect(kill.durable.length).toBeGreaterThan(0); // 300 ms is dozens of batches, so batch 10 is durable
    expect(checkCrashFile(file, kill.committed, kill.durable).problems).toEqual([]);

    const db = new Database(file);
    db.prepare('DELETE FROM history_raw WHERE batch = 2 AND asset_id IN (?, ?, ?)').run('A-00', 'A-01', 'A-02');
    db.prepare("DELETE FROM audit_log WHERE action = 'crash.tick' AND subject = '10'").run();
    db.close();
    const check = checkCrashFile(file, kill.committed, kill.durable);
    expect(check.integrity).toBe('ok');
    expect(check.missingCommittedRows).toBe(3);
    expect(check.partialBatches).toBe(1);
    expect(check.missingDurable).toBe(1);
    expect(check.problems.join('\n')).toMatch(/batch 2 has 47 rows/);
    expect(check.problems.join('\n')).toMatch(/without their audit entry: 10/);
  }, 60_000);
});
