/**
 * The rotating log file, `<dataDir>/logs/twinscope.log` (policy and line format: common/log.ts).
 * Writes are synchronous appends: the log is low-volume (start-up, errors, crashes) and an entry
 * written just before a crash must be on disk. Logging never throws: a folder that cannot be
 * written costs the log, not the app (that is reported once on stderr).
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { formatLogLine, LOG_POLICY, logFileNames, needsRotation, rotationSteps, tailLines, type LogLevel, type Logger } from '../common/log';

export interface FileLogOptions {
  maxBytes?: number;
  files?: number;
  now?: () => Date;
  /** Where a failure to write is reported, once (stderr by default). */
  onWriteError?: (e: Error) => void;
  /** Also echo each line (the web host prints to its console). */
  echo?: (line: string, level: LogLevel) => void;
}

export interface FileLog extends Logger {
  readonly dir: string;
  readonly path: string;
}

/** The log folder of a data folder. */
export function logDirOf(dataDir: string): string {
  return join(dataDir, LOG_POLICY.dirName);
}

export function createFileLog(dir: string, opts: FileLogOptions = {}): FileLog {
  const maxBytes = opts.maxBytes ?? LOG_POLICY.maxBytes;
  const files = opts.files ?? LOG_POLICY.files;
  const path = join(dir, LOG_POLICY.fileName);
  const now = opts.now ?? (() => new Date());
  let size: number | null = null;
  let failed = false;

  const currentSize = (): number => {
    if (size === null) {
      mkdirSync(dir, { recursive: true });
      try {
        size = statSync(path).size;
      } catch {
        size = 0;
      }
    }
    return size;
  };

  const rotate = (): void => {
    const steps = rotationSteps(LOG_POLICY.fileName, files);
    try {
      unlinkSync(join(dir, steps.remove));
    } catch {
      // There were fewer files than the policy keeps.
    }
    for (const [from, to] of steps.renames) {
      try {
        renameSync(join(dir, from), join(dir, to));
      } catch {
        // A gap in the series (a file deleted by hand): the others still shift.
      }
    }
    size = 0;
  };

  const write = (level: LogLevel, source: string, message: string | Error): void => {
    const line = formatLogLine(now(), level, source, message);
    opts.echo?.(line.trimEnd(), level);
    try {
      const bytes = Buffer.byteLength(line);
      if (needsRotation(currentSize(), bytes, maxBytes)) rotate();
      appendFileSync(path, line);
      size = (size ?? 0) + bytes;
      failed = false;
    } catch (e) {
      size = null;
      if (failed) return;
      failed = true;
      (opts.onWriteError ?? ((err: Error) => console.error(`Twinscope cannot write its log in ${dir}: ${err.message}`)))(e as Error);
    }
  };

  return {
    dir,
    path,
    info: (source, message) => write('info', source, message),
    warn: (source, message) => write('warn', source, message),
    error: (source, message) => write('error', source, message),
  };
}

/** The last `maxLines` lines of the log and its rotated files, oldest first (none if there is no log yet). */
export function readLogTail(dir: string, maxLines = 500, files: number = LOG_POLICY.files): string[] {
  const texts: string[] = [];
  let lines = 0;
  // Newest first, and no further back than needed: each file holds at most maxBytes.
  for (const name of logFileNames(LOG_POLICY.fileName, files)) {
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    texts.push(text);
    lines += text.split('\n').length - 1;
    if (lines >= maxLines) break;
  }
  return tailLines(texts, maxLines);
}
