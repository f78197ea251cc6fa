/**
 * Settings as key → JSON rows. Unknown keys in the file are ignored and invalid values fall
 * back to defaults, so a hand-edited or older database never stops the app from starting.
 */
import { Settings } from '../shared/contract';
import { durably, type Db } from './database';

export const DEFAULT_SETTINGS: Settings = { operatorName: '', theme: 'system', temperatureUnit: 'K', historyDays: 7, rawHistoryAssets: 500, historyQuotaGb: 2 };

export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const { key, value } of rows) {
    if (!(key in DEFAULT_SETTINGS)) continue;
    try {
      merged[key] = JSON.parse(value);
    } catch {
      // A damaged value keeps its default.
    }
  }
  const parsed = Settings.safeParse(merged);
  if (parsed.success) return parsed.data;
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const field = Settings.shape[key].safeParse(merged[key]);
    if (field.success) out[key] = field.data;
  }
  return out as Settings;
}

export function updateSettings(db: Db, patch: Partial<Settings>, now: Date): Settings {
  const checked = Settings.partial().strict().parse(patch);
  const upsert = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  durably(db, () => {
    for (const [key, value] of Object.entries(checked)) upsert.run(key, JSON.stringify(value), now.toISOString());
  });
  return readSettings(db);
}
