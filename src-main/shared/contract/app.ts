import { z } from 'zod';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  transport: z.enum(['electron', 'web']),
  platform: z.string(),
  dataDir: z.string(),
  databaseSchemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Settings = z.object({
  operatorName: z.string().max(80),
  theme: z.enum(['system', 'light', 'dark']),
  temperatureUnit: z.enum(['K', 'C']),
  /** Days of raw sensor readings kept (1-minute aggregates are kept a year). */
  historyDays: z.number().int().min(1).max(365),
  /** Assets whose raw readings are kept (register order); the others keep 1-minute aggregates only. */
  rawHistoryAssets: z.number().int().min(0).max(100_000),
  /** Disk quota for history, in GB: past it the oldest history goes first. */
  historyQuotaGb: z.number().min(0.01).max(10_000),
});
export type Settings = z.infer<typeof Settings>;

export const appRequests = {
  'app:info': { request: z.object({}).strict(), response: AppInfo },
  'settings:get': { request: z.object({}).strict(), response: Settings },
  'settings:update': { request: Settings.partial().strict(), response: Settings },
} as const;
