/**
 * Help › Save diagnostics…: one text file a user can attach to a support request. It says what runs
 * where (versions, platform, CPU and memory), where the data is and in what state (schema version,
 * storage status), the settings and the recent log. Secrets never go in: secret-named fields are
 * replaced, and the finished text goes through the same redaction as every log line. Each part is
 * collected on its own, because diagnostics are wanted most when something is broken.
 */
import { availableParallelism, cpus, freemem, release, totalmem, type as osType } from 'node:os';
import { redactFields, redactSecrets } from '../common/log';
import type { Diagnostics } from '../shared/contract';

/** Log lines a bundle carries (the newest; the rotated files are read as far back as needed). */
export const DIAGNOSTICS_LOG_LINES = 500;

export interface SystemFacts {
  versions: Record<string, string | undefined>;
  platform: string;
  arch: string;
  os: string;
  cpus: number;
  cpuModel: string;
  totalMemoryBytes: number;
  freeMemoryBytes: number;
  processMemoryBytes: number;
  uptimeSeconds: number;
}

export interface DiagnosticsSources {
  version: string;
  transport: 'electron' | 'web';
  dataDir: string;
  schemaVersion: number;
  settings(): Promise<unknown>;
  storageStatus(): Promise<unknown>;
  /** The last lines of the log, oldest first. */
  logTail(maxLines: number): string[];
  system?: () => SystemFacts;
  now?: () => Date;
}

export function systemFacts(): SystemFacts {
  const { node, v8, electron, chrome, uv, openssl } = process.versions as Record<string, string | undefined>;
  return {
    versions: { node, electron, chrome, v8, uv, openssl },
    platform: process.platform,
    arch: process.arch,
    os: `${osType()} ${release()}`,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    processMemoryBytes: process.memoryUsage().rss,
    uptimeSeconds: Math.round(process.uptime()),
  };
}

/** `twinscope-diagnostics-2026-11-26T0130.txt` (UTC). */
export function diagnosticsFileName(at: Date): string {
  return `twinscope-diagnostics-${at.toISOString().slice(0, 16).replace(':', '')}.txt`;
}

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

async function orUnavailable(read: () => Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(redactFields(await read()), null, 2);
  } catch (e) {
    return `(unavailable: ${(e as Error).message})`;
  }
}

/** The bundle's text; `savedTo` stays null here (the shell fills it when it saves the file). */
export async function collectDiagnostics(src: DiagnosticsSources): Promise<Diagnostics> {
  const at = (src.now ?? (() => new Date()))();
  const sys = (src.system ?? systemFacts)();
  const [settings, storage] = await Promise.all([orUnavailable(src.settings), orUnavailable(src.storageStatus)]);
  let log: string[];
  try {
    log = src.logTail(DIAGNOSTICS_LOG_LINES);
  } catch (e) {
    log = [`(log unreadable: ${(e as Error).message})`];
  }
  const versions = Object.entries(sys.versions)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`);
  const text = [
    'Twinscope diagnostics',
    `generated: ${at.toISOString()}`,
    '',
    '== Application ==',
    `version: ${src.version}`,
    `shell: ${src.transport === 'electron' ? 'desktop (Electron)' : 'local web host'}`,
    ...versions,
    '',
    '== System ==',
    `platform: ${sys.platform} ${sys.arch}`,
    `os: ${sys.os}`,
    `cpus: ${sys.cpus} × ${sys.cpuModel}`,
    `memory: ${mib(sys.totalMemoryBytes)} total, ${mib(sys.freeMemoryBytes)} free; this process ${mib(sys.processMemoryBytes)}`,
    `process uptime: ${sys.uptimeSeconds} s`,
    '',
    '== Data ==',
    `data folder: ${src.dataDir}`,
    `database schema version: ${src.schemaVersion}`,
    '',
    '== Storage status ==',
    storage,
    '',
    '== Settings ==',
    settings,
    '',
    `== Log (last ${log.length} lines) ==`,
    ...(log.length ? log : ['(no log entries yet)']),
    '',
  ].join('\n');
  // The log tail and the messages above are free text: one last pass over everything.
  return { fileName: diagnosticsFileName(at), content: redactSecrets(text), savedTo: null };
}
