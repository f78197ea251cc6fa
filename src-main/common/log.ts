/**
 * The log's pure parts: the line format, secret redaction and the rotation policy. The file writer
 * lives in store/log-file.ts (this folder does no I/O), so both shells and the tests share one
 * definition of what a log line is and what never goes into one.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What the shells write through: a source names the part of the app ("host", "main", "worker"). */
export interface Logger {
  info(source: string, message: string): void;
  warn(source: string, message: string): void;
  error(source: string, message: string | Error): void;
}

/** `<dataDir>/logs/twinscope.log`, rotated at 1 MB, keeping 5 files in all (the current one and 4 older). */
export const LOG_POLICY = { dirName: 'logs', fileName: 'twinscope.log', maxBytes: 1024 * 1024, files: 5 } as const;

const REDACTED = '[redacted]';
/** Names whose values are secrets wherever they appear: query parameters, key=value pairs, JSON fields. */
const SECRET_NAME = String.raw`(?:access_?token|refresh_?token|api[_-]?key|token|password|passwd|pwd|secret|client_secret|authorization)`;
const SECRET_KEY = new RegExp(`^${SECRET_NAME}$`, 'i');
/** `token=abc` in a URL or a message (up to the next separator). */
const ASSIGNMENT = new RegExp(`(\\b${SECRET_NAME}=)[^&\\s#"',;]+`, 'gi');
/** `"password": "abc"` in JSON text. */
const JSON_FIELD = new RegExp(`("${SECRET_NAME}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
/** `user:password@host` in a URL. */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi;
/** `Authorization: Bearer abc` (a header line, a curl command): whatever the scheme, the credential goes. */
const AUTH_HEADER = /(\bauthorization\s*:\s*(?:[a-z]+\s+)?)[^\s"',;]+/gi;
/** A bare `Bearer <token>` elsewhere (token-shaped, so prose such as "the bearer of" stays). */
const BEARER = /(\bbearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

/** Replaces secret values in free text (a URL, an error message, a JSON dump) with "[redacted]". */
export function redactSecrets(text: string): string {
  return text.replace(ASSIGNMENT, `$1${REDACTED}`).replace(JSON_FIELD, `$1"${REDACTED}"`).replace(URL_CREDENTIALS, `$1${REDACTED}@`).replace(AUTH_HEADER, `$1${REDACTED}`).replace(BEARER, `$1${REDACTED}`);
}

/** A deep copy with the values of secret-named fields replaced, for settings and other records. */
export function redactFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactFields);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redactFields(v)]));
  }
  return typeof value === 'string' ? redactSecrets(value) : value;
}

/**
 * One entry, one line: `2026-11-26T01:30:00.000Z INFO  [host] message`. Line breaks inside the
 * message (stack traces) become " ⏎ " so a line count is an entry count and tails cut cleanly.
 */
export function formatLogLine(time: Date, level: LogLevel, source: string, message: string | Error): string {
  const text = message instanceof Error ? (message.stack ?? `${message.name}: ${message.message}`) : message;
  const oneLine = redactSecrets(text).replace(/\s*\r?\n\s*/g, ' ⏎ ').trimEnd();
  return `${time.toISOString()} ${level.toUpperCase().padEnd(5)} [${source}] ${oneLine}\n`;
}

/** Whether writing `lineBytes` more would take a non-empty file past the limit. */
export function needsRotation(currentBytes: number, lineBytes: number, maxBytes: number = LOG_POLICY.maxBytes): boolean {
  return currentBytes > 0 && currentBytes + lineBytes > maxBytes;
}

/** The log files, newest first: `twinscope.log`, `twinscope.log.1`, … `twinscope.log.<files-1>`. */
export function logFileNames(fileName: string = LOG_POLICY.fileName, files: number = LOG_POLICY.files): string[] {
  return Array.from({ length: files }, (_, i) => (i === 0 ? fileName : `${fileName}.${i}`));
}

/**
 * What a rotation does, in order: delete the oldest file, then shift every other one up by one
 * (`.3` → `.4`, … the current file → `.1`), so at most `files` files exist afterwards.
 */
export function rotationSteps(fileName: string = LOG_POLICY.fileName, files: number = LOG_POLICY.files): { remove: string; renames: [from: string, to: string][] } {
  const names = logFileNames(fileName, files);
  const renames: [string, string][] = [];
  for (let i = names.length - 2; i >= 0; i--) renames.push([names[i], names[i + 1]]);
  return { remove: names[names.length - 1], renames };
}

/**
 * The last `maxLines` lines over several files' texts given newest first (as logFileNames lists
 * them), oldest line first.
 */
export function tailLines(textsNewestFirst: string[], maxLines: number): string[] {
  const out: string[] = [];
  for (const text of textsNewestFirst) {
    const lines = text.split('\n').filter((l) => l.length > 0);
    out.unshift(...lines.slice(Math.max(0, lines.length - (maxLines - out.length))));
    if (out.length >= maxLines) break;
  }
  return out;
}
