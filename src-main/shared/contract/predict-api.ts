/**
 * The local REST /predict server as Settings › REST API sees it: its configuration (off by
 * default), whether it listens and where, request counts, and its bearer token (shown only when
 * asked for, regenerated on request). The token itself never travels in `rest:get`.
 */
import { z } from 'zod';

export const PREDICT_API_DEFAULT_PORT = 8787;

export const PredictApiConfig = z.object({
  enabled: z.boolean(),
  /** Address to listen on: loopback (127.0.0.1, ::1, localhost) unless a TLS certificate and key are set. */
  host: z.string().trim().min(1, 'host must not be empty').max(253),
  /** 0 picks a free port (tests); the URL then shows the one chosen. */
  port: z.number().int().min(0).max(65_535),
  /** PEM files; both or neither. Required for any non-loopback address. */
  tlsCertFile: z.string().max(4096).nullable(),
  tlsKeyFile: z.string().max(4096).nullable(),
  /** Token bucket: sustained requests per second, and the burst it absorbs above that. */
  ratePerSecond: z.number().int().min(1).max(1_000_000),
  burst: z.number().int().min(1).max(1_000_000),
  /** Larger bodies get 413 without being read. */
  maxBodyBytes: z.number().int().min(256).max(16 * 1024 * 1024),
});
export type PredictApiConfig = z.infer<typeof PredictApiConfig>;

export const PredictApiCounts = z.object({
  requests: z.number().int(),
  ok: z.number().int(),
  /** 400: invalid JSON or a field the active model does not accept. */
  badRequest: z.number().int(),
  /** 401: missing or wrong bearer token. */
  unauthorized: z.number().int(),
  /** 413: body over the cap. */
  tooLarge: z.number().int(),
  /** 429: over the rate limit. */
  rateLimited: z.number().int(),
  /** 503: no active model. Other 4xx/5xx (404, 405, 415, 500) count here too. */
  otherErrors: z.number().int(),
});
export type PredictApiCounts = z.infer<typeof PredictApiCounts>;

export const PredictApiStatus = z.object({
  state: z.enum(['off', 'starting', 'listening', 'error']),
  /** Base URL while listening, e.g. http://127.0.0.1:8787. */
  url: z.string().nullable(),
  /** Why it is not listening (state `error`). */
  error: z.string().nullable(),
  /** Whether a token exists (it is generated when the server is first enabled). */
  tokenSet: z.boolean(),
  /** The model requests are scored with: the active run, or null when none is active. */
  model: z.object({
    runId: z.string(), createdAt: z.string(), checksum: z.string(), pipeline: z.string(),
    /** `inputs`: one reading per request; `readings`: the asset's recent history (fleet-timeseries models). */
    body: z.enum(['inputs', 'readings']),
    /** The raw inputs a request sends, each with a plausible example (the middle of its training range). */
    inputs: z.array(z.object({ name: z.string(), type: z.enum(['number', 'category']), categories: z.array(z.string()).optional(), example: z.union([z.number(), z.string()]) })),
  }).nullable(),
  /** Why the active model cannot serve (e.g. its file failed to load). */
  modelError: z.string().nullable(),
  counts: PredictApiCounts,
});
export type PredictApiStatus = z.infer<typeof PredictApiStatus>;

export const PredictApiState = z.object({ config: PredictApiConfig, status: PredictApiStatus });
export type PredictApiState = z.infer<typeof PredictApiState>;

export const predictApiRequests = {
  'rest:get': { request: z.object({}).strict(), response: PredictApiState },
  /** Changes what is given; the server restarts (or stops) to match. Enabling creates the token if there is none. */
  'rest:configure': { request: PredictApiConfig.partial().strict(), response: PredictApiState },
  /** `reveal`: the current token (created if none); `regenerate`: a new one, the old stops working at once. */
  'rest:token': { request: z.object({ action: z.enum(['reveal', 'regenerate']) }).strict(), response: z.object({ token: z.string() }) },
} as const;
