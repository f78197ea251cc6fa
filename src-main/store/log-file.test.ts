import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLog, readLogTail } from './log-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'twinscope-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('rotating log file', () => {
  it('rotates at the size limit and keeps at most five files, none over the limit', () => {
    const log = createFileLog(join(dir, 'logs'), { maxBytes: 1000, now: () => new Date(0) });
    for (let i = 0; i < 200; i++) log.info('test', `entry ${String(i).padStart(4, '0')} ${'x'.repeat(40)}`);
    const files = readdirSync(join(dir, 'logs')).sort();
    expect(files).toEqual(['twinscope.log', 'twinscope.log.1', 'twinscope.log.2', 'twinscope.log.3', 'twinscope.log.4']);
    for (const f of files) expect(statSync(join(dir, 'logs', f)).size).toBeLessThanOrEqual(1000);
    // The newest entry is in the current file, older ones in .1, .2 … in order.
    expect(readFileSync(join(dir, 'logs', 'twinscope.log'), 'utf8')).toContain('entry 0199');
    const tail = readLogTail(join(dir, 'logs'), 40);
    // Five files of ~11 lines each hold more than 40: the tail reaches back into the rotated ones.
    expect(tail).toHaveLength(40);
    expect(tail[39]).toContain('entry 0199');
    expect(tail[0]).toContain('entry 0160');
  });

  it('continues an existing log and counts its size', () => {
    writeFileSync(join(dir, 'twinscope.log'), 'x'.repeat(990) + '\n');
    createFileLog(dir, { maxBytes: 1000 }).warn('host', 'next');
    expect(readFileSync(join(dir, 'twinscope.log.1'), 'utf8')).toHaveLength(991);
    expect(readFileSync(join(dir, 'twinscope.log'), 'utf8')).toMatch(/WARN {2}\[host\] next\n$/);
  });

  it('redacts the web host URL token on disk', () => {
    createFileLog(dir).info('host', 'listening on http://127.0.0.1:4000/?token=s3cret-T0ken');
    expect(readFileSync(join(dir, 'twinscope.log'), 'utf8')).not.toContain('s3cret-T0ken');
  });

  it('never throws when the folder cannot be written, and reports that once', () => {
    writeFileSync(join(dir, 'file'), '');
    const errors: Error[] = [];
    const log = createFileLog(join(dir, 'file', 'logs'), { onWriteError: (e) => errors.push(e) });
    log.error('main', new Error('boom'));
    log.info('main', 'again');
    expect(errors).toHaveLength(1);
    expect(readLogTail(join(dir, 'file', 'logs'))).toEqual([]);
  });
});
