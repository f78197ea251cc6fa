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
});
export type Settings = z.infer<typeof Settings>;

export const appRequests = {
  'app:info': { request: z.object({}).strict(), response: AppInfo },
  'settings:get': { request: z.object({}).strict(), response: Settings },
  'settings:update': { request: Settings.partial().strict(), response: Settings },
} as const;
