import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../common/log';
import { collectDiagnostics, diagnosticsFileName, systemFacts, type DiagnosticsSources } from './support-service';

const AT = new Date('2026-11-26T01:30:42.000Z');

function sources(over: Partial<DiagnosticsSources> = {}): DiagnosticsSources {
  return {
    version: '0.1.0', transport: 'electron', dataDir: '/home/ada/.config/Twinscope', schemaVersion: 7,
    settings: async () => ({ operatorName: 'Ada', theme: 'dark', temperatureUnit: 'C', historyDays: 7, sync: { token: 'tok-SECRET-1', password: 'pw-SECRET-2' } }),
    storageStatus: async () => ({ ok: true, message: 'saved', usage: { bytes: 1024 } }),
    logTail: (n) => [
      formatLogLine(AT, 'info', 'host', 'serving http://127.0.0.1:5000/').trimEnd(),
      // A line written before redaction existed, or by hand: the bundle is redacted again.
      '2026-11-26T01:00:00.000Z INFO  [host] open http://127.0.0.1:5000/?token=tok-SECRET-3',
      ...Array.from({ length: Math.max(0, n - 2) }, (_, i) => `2026-11-26T01:00:00.000Z INFO  [test] line ${i}`),
    ].slice(0, n),
    now: () => AT,
    ...over,
  };
}

describe('diagnostics bundle', () => {
  it('names the file by its UTC time', () => {
    expect(diagnosticsFileName(AT)).toBe('twinscope-diagnostics-2026-11-26T0130.txt');
  });

  it('has versions, platform, CPU and memory, data folder, schema, storage, settings and the log tail', async () => {
    const d = await collectDiagnostics(sources());
    expect(d.fileName).toBe('twinscope-diagnostics-2026-11-26T0130.txt');
    expect(d.savedTo).toBeNull();
    const facts = systemFacts();
    for (const expected of [
      'version: 0.1.0', 'shell: desktop (Electron)', `node: ${process.versions.node}`, `platform: ${process.platform} ${process.arch}`,
      `cpus: ${facts.cpus} ×`, 'MiB total', 'data folder: /home/ada/.config/Twinscope', 'database schema version: 7',
      '"message": "saved"', '"operatorName": "Ada"', '"theme": "dark"', '== Log (last 500 lines) ==', 'serving http://127.0.0.1:5000/', 'line 497',
    ]) expect(d.content).toContain(expected);
    // The newest 500 lines, oldest first.
    expect(d.content.trimEnd().split('\n').at(-1)).toContain('line 497');
  });

  it('never contains a secret, from the settings or from the log', async () => {
    const d = await collectDiagnostics(sources());
    expect(d.content).not.toMatch(/SECRET/);
    expect(d.content).toContain('"token": "[redacted]"');
    expect(d.content).toContain('?token=[redacted]');
  });

  it('still gives a bundle when the store or the log cannot be read', async () => {
    const d = await collectDiagnostics(sources({
      settings: async () => {
        throw new Error('database disk image is malformed');
      },
      storageStatus: async () => {
        throw new Error('storage worker exited with code 1');
      },
      logTail: () => {
        throw new Error('EACCES: permission denied');
      },
    }));
    expect(d.content).toContain('(unavailable: database disk image is malformed)');
    expect(d.content).toContain('(unavailable: storage worker exited with code 1)');
    expect(d.content).toContain('(log unreadable: EACCES: permission denied)');
  });

  it('says so when there is no log yet', async () => {
    const d = await collectDiagnostics(sources({ transport: 'web', logTail: () => [] }));
    expect(d.content).toContain('shell: local web host');
    expect(d.content).toContain('(no log entries yet)');
  });
});
