/**
 * The secret file on a real temp folder: round trips, owner-only mode (created and re-narrowed),
 * encryption through a cipher, and clear errors for damaged files and bad names.
 */
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretStore, type SecretCipher } from './secret-store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempFile(): string {
  const d = mkdtempSync(join(tmpdir(), 'twinscope-secrets-'));
  dirs.push(d);
  return join(d, 'nested', 'secrets.json');
}
const posix = process.platform !== 'win32';

/** A reversible cipher that visibly changes the bytes (XOR), standing in for safeStorage. */
const xorCipher: SecretCipher = {
  encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
};

describe('SecretStore', () => {
  it('returns null for an unknown secret without creating the file', async () => {
    const file = tempFile();
    const store = new SecretStore(file);
    expect(await store.get('predict.token')).toBeNull();
    expect(() => statSync(file)).toThrow();
  });

  it('round-trips values, keeps others, and deletes with null', async () => {
    const file = tempFile();
    const store = new SecretStore(file);
    await store.set('predict.token', 'abc');
    await store.set('mqtt.password', 'p@ss wörd');
    expect(await store.get('predict.token')).toBe('abc');
    await store.set('predict.token', null);
    expect(await store.get('predict.token')).toBeNull();
    // A second instance reads what the first wrote.
    expect(await new SecretStore(file).get('mqtt.password')).toBe('p@ss wörd');
    // No temporary file left behind.
    expect(readdirSync(join(file, '..'))).toEqual(['secrets.json']);
  });

  it.skipIf(!posix)('creates the file owner-only and narrows a loosened file back to 0600', async () => {
    const file = tempFile();
    const store = new SecretStore(file);
    await store.set('predict.token', 'abc');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o644);
    expect(await store.get('predict.token')).toBe('abc');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('stores values encrypted when a cipher is given, and refuses to read them without it', async () => {
    const file = tempFile();
    const store = new SecretStore(file, xorCipher);
    await store.set('mqtt.password', 'hunter2');
    expect(readFileSync(file, 'utf8')).not.toContain('hunter2');
    expect(await store.get('mqtt.password')).toBe('hunter2');
    await expect(new SecretStore(file).get('mqtt.password')).rejects.toThrow(/mqtt\.password.*keychain/);
  });

  it('still reads a plain value written before a cipher was available', async () => {
    const file = tempFile();
    await new SecretStore(file).set('predict.token', 'old');
    expect(await new SecretStore(file, xorCipher).get('predict.token')).toBe('old');
  });

  it('serialises concurrent writes so none is lost', async () => {
    const store = new SecretStore(tempFile());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`k${i}`)).toBe(`v${i}`);
  });

  it('names the problem for bad names, bad values and damaged files', async () => {
    const file = tempFile();
    const store = new SecretStore(file);
    await expect(store.get('')).rejects.toThrow(/secret name/);
    await expect(store.set('../x', 'v')).rejects.toThrow(/secret name/);
    await expect(store.set('ok', 42 as unknown as string)).rejects.toThrow(/secret ok: value must be a string/);
    await store.set('ok', 'v');
    writeFileSync(file, '{not json');
    await expect(store.get('ok')).rejects.toThrow(/not valid JSON/);
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { ok: { enc: 'rot13', data: 'x' } } }));
    await expect(store.get('ok')).rejects.toThrow(/entry "ok"/);
  });

  it('never puts a value into an error message', async () => {
    const file = tempFile();
    await new SecretStore(file, xorCipher).set('mqtt.password', 'topsecret');
    const broken: SecretCipher = { encrypt: xorCipher.encrypt, decrypt: () => { throw new Error('bad key for topsecret'); } };
    const err = await new SecretStore(file, broken).get('mqtt.password').catch((e: Error) => e);
    expect(String(err)).toMatch(/could not be decrypted/);
    expect(String(err)).not.toContain('topsecret');
  });
});
