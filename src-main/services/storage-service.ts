/**
 * The database's health as the user sees it. After an unclean shutdown (the data folder's lock was
 * left by a process that is gone) `quick_check` runs in the background, so start-up stays fast;
 * a file too damaged to open was already moved aside by the store. Damage is reported with the
 * newest automatic backup on offer, or a fresh start — never a crash. Backups (VACUUM INTO, a
 * consistent copy while the app runs) are taken a minute after start and then every 6 hours.
 */
import type { RpcClient } from '../workers/rpc';
import type { StorageApi } from '../store/storage-api';
import type { Backup, Damage } from '../store/recovery';
import type { EventHub } from './events';

export const BACKUP_POLICY = { firstAfterMs: 60_000, everyMs: 6 * 3_600_000 };

export interface DamageReport {
  message: string;
  movedTo: string | null;
  backup: Backup | null;
}

export class StorageService {
  private damage: DamageReport | null = null;
  private timers: ReturnType<typeof setTimeout>[] = [];
  /** The background check after an unclean shutdown (awaitable in tests). */
  checked: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: RpcClient<StorageApi>,
    private readonly events: EventHub,
    private readonly policy = BACKUP_POLICY,
  ) {}

  /** Why nothing can be saved (the data folder is not writable), or null. */
  unwritable: string | null = null;

  async start(uncleanShutdown: boolean): Promise<void> {
    this.unwritable = await this.storage.call('unwritable', undefined);
    if (this.unwritable) {
      this.events.emit('storage:changed', { ok: false, message: this.unwritable });
      return;
    }
    const opened = await this.storage.call('damage', undefined);
    if (opened) await this.report(opened);
    else if (uncleanShutdown) this.checked = this.check();
    this.timers.push(setTimeout(() => {
      void this.backupNow();
      this.timers.push(setInterval(() => void this.backupNow(), this.policy.everyMs));
    }, this.policy.firstAfterMs));
  }

  private async check(): Promise<void> {
    try {
      const found = await this.storage.call('quickCheck', undefined);
      if (found.length) await this.report((await this.storage.call('damage', undefined))!);
    } catch (e) {
      await this.report({ message: `the database could not be checked: ${(e as Error).message}`, movedTo: null });
    }
  }

  private async report(d: Damage): Promise<void> {
    const backups = await this.storage.call('listBackups', undefined).catch(() => [] as Backup[]);
    this.damage = { ...d, backup: backups[0] ?? null };
    this.events.emit('storage:changed', { ok: false, message: d.message, damage: { message: d.message, backupAt: this.damage.backup?.at ?? null } });
  }

  /** The automatic backup: skipped while the database is damaged (it must not push out the good backups). */
  async backupNow(): Promise<Backup | null> {
    return this.backup().catch(() => null);
  }

  /** A backup on request: refused with the reason while the database is damaged or cannot be written. */
  async backup(): Promise<Backup> {
    if (this.damage) throw new Error('the database is damaged: restore a backup or start fresh before backing it up');
    return this.storage.call('backup', undefined);
  }

  backups(): Promise<Backup[]> {
    return this.storage.call('listBackups', undefined);
  }

  /** The status to show: damage or an unwritable folder first, else how saving goes (`saving`). */
  status(saving: { ok: boolean; message: string }): { ok: boolean; message: string; damage: { message: string; backupAt: string | null } | null } {
    const d = this.damage;
    if (d) return { ok: false, message: d.message, damage: { message: d.message, backupAt: d.backup?.at ?? null } };
    return { ...(this.unwritable ? { ok: false, message: this.unwritable } : saving), damage: null };
  }

  /** Replaces the damaged database with the newest backup, or with a fresh file. */
  async recover(choice: 'backup' | 'fresh'): Promise<{ movedTo: string | null; restoredFrom: string | null }> {
    const backup = choice === 'backup' ? (await this.storage.call('listBackups', undefined))[0] ?? null : null;
    if (choice === 'backup' && !backup) throw new Error('there is no automatic backup to restore yet: choose a fresh start');
    const r = await this.storage.call('recover', { backupPath: backup?.path ?? null });
    if (r.integrity !== 'ok') throw new Error(`the ${backup ? 'restored backup' : 'fresh database'} failed its integrity check: ${r.integrity}`);
    this.damage = null;
    this.events.emit('storage:changed', { ok: true, message: backup ? `restored the backup of ${backup.at}` : 'started a fresh database', damage: null });
    return { movedTo: r.movedTo, restoredFrom: backup?.path ?? null };
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }
}
