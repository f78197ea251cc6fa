import { z } from 'zod';

/** Simulated time everywhere: ms since the epoch on the fleet's own clock. */
const SimMs = z.number();

export const AssetKind = z.enum(['milling', 'motor']);

export const AssetConfig = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'use 1–40 letters, digits, dot, dash or underscore'),
  name: z.string().trim().min(1).max(80),
  kind: AssetKind,
  modelRunId: z.string().nullable(),
  limits: z.record(z.string(), z.object({ warn: z.number(), alarm: z.number() })),
  downtimeCostPerHour: z.number().min(0),
  energyPricePerKWh: z.number().min(0),
  /** Where its readings come from: its simulator (absent: 'sim') or the plant's broker (ingest). */
  source: z.enum(['sim', 'mqtt']).optional(),
}).strict();
export type AssetConfig = z.infer<typeof AssetConfig>;

export const TwinStatus = z.enum(['NORMAL', 'WARNING', 'CRITICAL']);
const ModeProbability = z.object({ mode: z.string(), probability: z.number() });

export const TwinSnapshot = z.object({
  assetId: z.string(),
  values: z.record(z.string(), z.number()),
  lastReadingMs: SimMs.nullable(),
  probability: z.number().nullable(),
  modes: z.array(ModeProbability),
  threshold: z.number(),
  health: z.number(),
  status: TwinStatus,
  worstZone: z.number().int(),
  modelVersion: z.string().nullable(),
  rul: z.object({ hours: z.number(), basis: z.string() }).nullable(),
  down: z.boolean(),
  readings: z.number().int(),
});
export type TwinSnapshot = z.infer<typeof TwinSnapshot>;

export const SensorSpec = z.object({
  key: z.string(), label: z.string(), unit: z.string(), min: z.number(), max: z.number(),
  warn: z.number(), alarm: z.number(), low: z.boolean().optional(), digits: z.number().int(),
});
export type SensorSpec = z.infer<typeof SensorSpec>;

export const Reason = z.object({ feature: z.string(), value: z.number(), shap: z.number() });
export type Reason = z.infer<typeof Reason>;

export const FleetEvent = z.object({ atMs: SimMs, assetId: z.string(), kind: z.enum(['failure', 'maintenance', 'repair']), detail: z.string() });
export type FleetEvent = z.infer<typeof FleetEvent>;

export const Alert = z.object({
  id: z.string(), assetId: z.string(), ruleId: z.string(), ruleName: z.string(), severity: z.enum(['warning', 'critical']),
  state: z.enum(['ACTIVE_UNACK', 'ACTIVE_ACK', 'CLEARED']), message: z.string(), value: z.number(), peakValue: z.number(),
  raisedAt: SimMs, lastSeenAt: SimMs, count: z.number().int(), clearedAt: SimMs.nullable(), ackBy: z.string().nullable(),
  ackAt: SimMs.nullable(), ackComment: z.string().nullable(), remindedAt: SimMs.nullable(), modelVersion: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

const RuleBase = { id: z.string().min(1).max(60), name: z.string().min(1).max(120), severity: z.enum(['warning', 'critical']), enabled: z.boolean(), assetKinds: z.array(z.string()).optional() };
export const AlertRule = z.discriminatedUnion('kind', [
  z.object({ ...RuleBase, kind: z.enum(['sensor-above', 'sensor-below']), sensor: z.string(), level: z.number(), clearLevel: z.number(), pendingSec: z.number() }).strict(),
  z.object({ ...RuleBase, kind: z.literal('probability'), level: z.union([z.number(), z.literal('operating-threshold')]), clearLevel: z.union([z.number(), z.literal('auto')]), pendingSec: z.number() }).strict(),
  z.object({ ...RuleBase, kind: z.literal('stale'), intervalFactor: z.number().optional() }).strict(),
]);
export type AlertRule = z.infer<typeof AlertRule>;

export const Speed = z.union([z.literal(1), z.literal(10), z.literal(100), z.literal(1000)]);
export const FleetClock = z.object({ simTimeMs: SimMs, speed: Speed, paused: z.boolean() });
export type FleetClock = z.infer<typeof FleetClock>;

/** Default models: trained at first start in the background, then loaded. */
export const DefaultModels = z.object({
  state: z.enum(['loading', 'training', 'ready', 'failed']),
  message: z.string(),
  /** 0–1 while training. */
  progress: z.number(),
});
export type DefaultModels = z.infer<typeof DefaultModels>;

export const FleetState = z.object({
  clock: FleetClock,
  assets: z.array(z.object({ config: AssetConfig, snapshot: TwinSnapshot, sparkline: z.array(z.number()) })),
  models: DefaultModels,
});
export type FleetState = z.infer<typeof FleetState>;

export const TwinDetail = z.object({
  config: AssetConfig,
  snapshot: TwinSnapshot,
  sensors: z.array(SensorSpec),
  actions: z.array(z.object({ action: z.string(), label: z.string() })),
  history: z.object({ times: z.array(z.number()), series: z.record(z.string(), z.array(z.number())) }),
  events: z.array(FleetEvent),
  setpoint: z.record(z.string(), z.number()),
});
export type TwinDetail = z.infer<typeof TwinDetail>;

export const WhatIfResult = z.object({
  probability: z.number().nullable(), modes: z.array(ModeProbability), health: z.number(), status: TwinStatus, threshold: z.number(), reasons: z.array(Reason),
});
export type WhatIfResult = z.infer<typeof WhatIfResult>;

const OptimisedPoint = z.object({ setpoint: z.record(z.string(), z.number()), risk: z.number(), energyCostPerHour: z.number(), expectedCostPerHour: z.number() });
export const OptimiseResult = z.object({
  current: OptimisedPoint, best: OptimisedPoint, frontier: z.array(OptimisedPoint), evaluations: z.number().int(), variables: z.array(z.object({ name: z.string(), min: z.number(), max: z.number() })),
});
export type OptimiseResult = z.infer<typeof OptimiseResult>;

export { SPARKLINE_POINTS } from './plain';

/**
 * A frame of the live fleet: only assets that changed since the last frame (≤ 10 per second). With
 * `appended` an asset's sparkline holds only its points since the asset's last frame (append them,
 * keep the last SPARKLINE_POINTS); without it, the whole sparkline. Appending keeps a 10,000-asset
 * fleet's frames small (the full sparklines were two thirds of them).
 */
export const FleetFrame = z.object({
  clock: FleetClock,
  assets: z.array(z.object({ snapshot: TwinSnapshot, sparkline: z.array(z.number()), appended: z.boolean().optional() })),
  events: z.array(FleetEvent),
});
export type FleetFrame = z.infer<typeof FleetFrame>;

const AssetId = z.object({ assetId: z.string().min(1) }).strict();

export const twinRequests = {
  'fleet:state': { request: z.object({}).strict(), response: FleetState },
  'fleet:control': { request: z.object({ speed: Speed.optional(), paused: z.boolean().optional(), step: z.boolean().optional() }).strict(), response: FleetClock },
  /**
   * The assets a window shows (rows in view, its open twin): they are in every frame they changed
   * in, while a large fleet's other assets are sent a few thousand a second. The latest call wins.
   */
  'fleet:watch': { request: z.object({ assetIds: z.array(z.string().min(1)).max(1000) }).strict(), response: z.number().int() },
  'assets:list': { request: z.object({}).strict(), response: z.array(AssetConfig) },
  'assets:save': { request: z.object({ asset: AssetConfig }).strict(), response: z.array(AssetConfig) },
  'assets:remove': { request: AssetId, response: z.array(AssetConfig) },
  'twin:get': { request: AssetId, response: TwinDetail },
  'twin:reasons': { request: AssetId, response: z.array(Reason) },
  'twin:whatIf': { request: z.object({ assetId: z.string().min(1), overrides: z.record(z.string(), z.number()) }).strict(), response: WhatIfResult },
  'twin:optimise': {
    request: z.object({ assetId: z.string().min(1), bounds: z.record(z.string(), z.object({ min: z.number(), max: z.number() })).optional(), requiredPowerW: z.number().positive().optional() }).strict(),
    response: OptimiseResult,
  },
  'twin:setpoint': { request: z.object({ assetId: z.string().min(1), setpoint: z.record(z.string(), z.number()) }).strict(), response: TwinDetail },
  'twin:maintain': { request: z.object({ assetId: z.string().min(1), action: z.string().min(1), comment: z.string().max(500) }).strict(), response: FleetEvent },
  'fleet:replay': {
    request: z.object({ datasetId: z.string().min(1) }).strict(),
    response: z.object({ assets: z.array(z.string()), readings: z.number().int(), fromMs: SimMs, toMs: SimMs }),
  },
  'alerts:list': { request: z.object({ assetId: z.string().optional(), openOnly: z.boolean().optional() }).strict(), response: z.array(Alert) },
  'alerts:ack': { request: z.object({ alertId: z.string().min(1), comment: z.string().max(500) }).strict(), response: Alert },
  'alerts:rules': { request: z.object({}).strict(), response: z.array(AlertRule) },
  'alerts:saveRules': { request: z.object({ rules: z.array(AlertRule) }).strict(), response: z.array(AlertRule) },
} as const;

export const twinEvents = {
  'fleet:frame': FleetFrame,
  'alerts:changed': z.object({ changes: z.array(z.object({ alert: Alert, change: z.enum(['raised', 'updated', 'cleared', 'acknowledged', 'reminded']) })) }),
  'fleet:models': DefaultModels,
} as const;
