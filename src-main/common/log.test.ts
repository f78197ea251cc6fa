import { describe, expect, it } from 'vitest';
import { formatLogLine, logFileNames, needsRotation, redactFields, redactSecrets, rotationSteps, tailLines } from './log';

const T = new Date('2026-11-26T01:30:00.000Z');

describe('log lines', () => {
  it('is one line per entry with ISO time, level, source and message', () => {
    expect(formatLogLine(T, 'info', 'host', 'started')).toBe('2026-11-26T01:30:00.000Z INFO  [host] started\n');
    expect(formatLogLine(T, 'error', 'main', 'a\nb\r\n  c')).toBe('2026-11-26T01:30:00.000Z ERROR [main] a ⏎ b ⏎ c\n');
  });

  it('keeps an error on one line with its stack', () => {
    const e = new Error('disk full');
    const line = formatLogLine(T, 'error', 'main', e);
    expect(line.split('\n')).toHaveLength(2);
    expect(line).toContain('Error: disk full ⏎ at ');
  });

  it('never writes a token, password or secret', () => {
    const line = formatLogLine(T, 'info', 'host', 'open http://127.0.0.1:5123/?token=abcDEF_123-x&lang=en and password=hunter2; {"secret": "s3\\"cr3t", "apiKey":"k-1"}');
    for (const secret of ['abcDEF_123-x', 'hunter2', 's3\\"cr3t', 'k-1']) expect(line).not.toContain(secret);
    expect(line).toContain('?token=[redacted]&lang=en');
    expect(line).toContain('password=[redacted];');
    expect(line).toContain('"secret": "[redacted]"');
  });
});

describe('redaction', () => {
  it('removes credentials from URLs and leaves ordinary text alone', () => {
    expect(redactSecrets('https://user:pa55@example.org/x')).toBe('https://[redacted]@example.org/x');
    expect(redactSecrets('torque=40 Nm, tokens counted: 3')).toBe('torque=40 Nm, tokens counted: 3');
  });

  it('removes bearer tokens from Authorization headers, curl commands and JSON', () => {
    const token = 'q3V9xYb-7_kL0mNpQrStUvWxYz012345';
    expect(redactSecrets(`Authorization: Bearer ${token}`)).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets(`curl -H 'authorization: bearer ${token}' http://127.0.0.1:8787/predict`)).toBe("curl -H 'authorization: bearer [redacted]' http://127.0.0.1:8787/predict");
    expect(redactSecrets(`{"Authorization": "Bearer ${token}"}`)).toBe('{"Authorization": "[redacted]"}');
    expect(redactSecrets(`sent Bearer ${token} to the API`)).toBe('sent Bearer [redacted] to the API');
    expect(redactSecrets('the bearer of the bearing reading')).toBe('the bearer of the bearing reading');
    expect(redactFields({ headers: { Authorization: `Bearer ${token}` } })).toEqual({ headers: { Authorization: '[redacted]' } });
  });

  it('replaces secret-named fields at any depth, whatever their value', () => {
    const settings = { operatorName: 'Ada', theme: 'dark', sync: { token: 'abc', nested: [{ password: 42 }], url: 'https://h/?access_token=zz' }, clientSecret: 'x' };
    const out = redactFields(settings);
    expect(out).toEqual({ operatorName: 'Ada', theme: 'dark', sync: { token: '[redacted]', nested: [{ password: '[redacted]' }], url: 'https://h/?access_token=[redacted]' }, clientSecret: 'x' });
    expect(JSON.stringify(out)).not.toMatch(/abc|42|zz/);
  });
});

describe('rotation policy', () => {
  it('rotates only a non-empty file that the next line would take past the limit', () => {
    expect(needsRotation(0, 5000, 1000)).toBe(false);
    expect(needsRotation(900, 100, 1000)).toBe(false);
    expect(needsRotation(901, 100, 1000)).toBe(true);
  });

  it('keeps five files: drops the oldest, shifts the rest up by one', () => {
    expect(logFileNames('t.log', 5)).toEqual(['t.log', 't.log.1', 't.log.2', 't.log.3', 't.log.4']);
    expect(rotationSteps('t.log', 5)).toEqual({
      remove: 't.log.4',
      renames: [['t.log.3', 't.log.4'], ['t.log.2', 't.log.3'], ['t.log.1', 't.log.2'], ['t.log', 't.log.1']],
    });
  });

  it('tails across files, oldest line first', () => {
    expect(tailLines(['d\ne\n', 'a\nb\nc\n'], 4)).toEqual(['b', 'c', 'd', 'e']);
    expect(tailLines(['d\ne\n', 'a\nb\nc\n'], 10)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(tailLines([], 3)).toEqual([]);
  });
});
