/**
 * Secrets (the REST token, broker passwords) in one JSON file in the data folder.
 *
 * Web host: the values sit in plain text, so the file is created with mode 0600 and narrowed back
 * to 0600 whenever it is found looser — only its user can read it. Electron: the shell passes a
 * `SecretCipher` backed by `safeStorage` (the OS keychain), and values are stored encrypted.
 * Writes go through a temporary file and a rename, so a crash leaves the old file whole.
 *
 * Values never leave this class except through `get`; nothing here logs them, and error messages
 * name the secret, never its value.
 */
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Encrypts secret values at rest (Electron's `safeStorage` in the desktop app). */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/** How one value is kept: `plain` (protected by the file mode) or `cipher` (base64 of encrypted bytes). */
interface StoredSecret {
  enc: 'plain' | 'cipher';
  data: string;
}
interface SecretFile {
  version: 1;
  secrets: Record<string, StoredSecret>;
}

/** The secret file's name in the data folder (one `SecretStore` per runtime, shared by the services). */
export const SECRETS_FILE = 'secrets.json';

const FILE_MODE = 0o600;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Mode bits are meaningless on Windows (ACLs protect the user profile there). */
const POSIX = process.platform !== 'win32';

export class SecretStore {
  /** Reads and writes run one after another, so a `get` never sees half of a concurrent `set`. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly cipher?: SecretCipher,
  ) {}

  /** The secret's value, or null when it was never set (or was cleared). */
  async get(name: string): Promise<string | null> {
    checkName(name);
    return this.serial(async () => {
      const entry = (await this.load()).secrets[name];
      return entry ? this.reveal(name, entry) : null;
    });
  }

  /** Stores `value` under `name`; null removes it. */
  async set(name: string, value: string | null): Promise<void> {
    checkName(name);
    if (value !== null && typeof value !== 'string') throw new Error(`secret ${name}: value must be a string or null`);
    return this.serial(async () => {
      const current = await this.load();
      const secrets = { ...current.secrets };
      if (value === null) delete secrets[name];
      else secrets[name] = this.seal(value);
      await this.save({ version: 1, secrets });
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private seal(value: string): StoredSecret {
    if (!this.cipher) return { enc: 'plain', data: value };
    return { enc: 'cipher', data: this.cipher.encrypt(value).toString('base64') };
  }

  private reveal(name: string, entry: StoredSecret): string {
    if (entry.enc === 'plain') return entry.data;
    if (!this.cipher) {
      throw new Error(`secret ${name} was encrypted with the desktop app's keychain and cannot be read without it; set it again here`);
    }
    try {
      return this.cipher.decrypt(Buffer.from(entry.data, 'base64'));
    } catch {
      throw new Error(`secret ${name} could not be decrypted (the OS keychain may have changed); set it again`);
    }
  }

  private async load(): Promise<SecretFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw err;
    }
    await this.narrowMode();
    return parseSecretFile(text, this.file);
  }

  /** A file someone loosened (copied, restored from a backup) goes back to owner-only. */
  private async narrowMode(): Promise<void> {
    if (!POSIX) return;
    const { mode } = await stat(this.file);
    if ((mode & 0o077) !== 0) await chmod(this.file, FILE_MODE);
  }

  private async save(content: SecretFile): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    // The temporary file is created owner-only, so the secret is never readable by others, not even briefly.
    const handle = await open(tmp, 'w', FILE_MODE);
    try {
      await handle.writeFile(`${JSON.stringify(content, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      if (POSIX) await chmod(tmp, FILE_MODE); // a umask cannot widen it, but an existing tmp file kept its mode
      await rename(tmp, this.file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
}

function checkName(name: string): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new Error(`secret name must be 1–128 letters, digits, '.', '_' or '-' (got ${JSON.stringify(String(name).slice(0, 40))})`);
  }
}

function parseSecretFile(text: string, file: string): SecretFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`secret file ${file} is not valid JSON; fix or delete it (the secrets in it must then be set again)`);
  }
  const secrets = (raw as { secrets?: unknown } | null)?.secrets;
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) {
    throw new Error(`secret file ${file}: field "secrets" must be an object`);
  }
  const out: Record<string, StoredSecret> = {};
  for (const [name, entry] of Object.entries(secrets)) {
    const e = entry as Partial<StoredSecret> | null;
    if (!e || (e.enc !== 'plain' && e.enc !== 'cipher') || typeof e.data !== 'string') {
      throw new Error(`secret file ${file}: entry "${name}" must be {enc: "plain"|"cipher", data: string}`);
    }
    out[name] = { enc: e.enc, data: e.data };
  }
  return { version: 1, secrets: out };
}
