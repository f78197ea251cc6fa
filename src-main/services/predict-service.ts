/**
 * Settings › REST API behind the contract: the /predict server's configuration (a JSON file in
 * the data folder, off by default), its bearer token (in the SecretStore, created on first
 * enable), the server's lifecycle (restarted to match every change) and the active model it
 * scores with — read and parsed once per activation, dropped when a model is activated or a new
 * run is trained, opened or retrained.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseModel } from '../ml/model-file';
import { PredictModel } from '../ml/predict-model';
import { PREDICT_API_DEFAULT_PORT, PredictApiConfig, type PredictApiCounts, type PredictApiState, type PredictApiStatus } from '../shared/contract';
import type { SecretStore } from '../store/secret-store';
import type { StorageApi } from '../store/storage-api';
import type { RpcClient } from '../workers/rpc';
import type { EventHub } from './events';
import { isLoopback, startPredictServer, type RunningPredictServer } from './predict-server';

export const PREDICT_CONFIG_FILE = 'predict-api.json';
export const PREDICT_TOKEN_SECRET = 'predict.token';

/** ≥ 2,000 req/s sustained by default: a plant system polling a fleet once a second fits easily. */
export const DEFAULT_PREDICT_CONFIG: PredictApiConfig = {
  enabled: false, host: '127.0.0.1', port: PREDICT_API_DEFAULT_PORT, tlsCertFile: null, tlsKeyFile: null,
  ratePerSecond: 5000, burst: 1000, maxBodyBytes: 64 * 1024,
};

export class PredictConfigError extends Error {
  override name = 'PredictConfigError';
}

/** The rules a config must meet beyond its field types. */
export function checkPredictConfig(c: PredictApiConfig): void {
  if ((c.tlsCertFile === null) !== (c.tlsKeyFile === null)) throw new PredictConfigError('tlsCertFile and tlsKeyFile go together: set both (PEM files) or neither');
  if (!isLoopback(c.host) && c.tlsCertFile === null) {
    throw new PredictConfigError(`host "${c.host}" is not a loopback address: serving other computers needs a TLS certificate and key (tlsCertFile, tlsKeyFile); without them use 127.0.0.1`);
  }
}

/** 256 bits, URL-safe: fits a header without escaping. */
export const newToken = () => randomBytes(32).toString('base64url');

const zeroCounts = (): PredictApiCounts => ({ requests: 0, ok: 0, badRequest: 0, unauthorized: 0, tooLarge: 0, rateLimited: 0, otherErrors: 0 });
/** A model that failed to load is tried again after this long (a storage hiccup must not disable the API until restart). */
const RETRY_FAILED_MODEL_MS = 10_000;

export interface PredictServiceDeps {
  dataDir: string;
  secrets: SecretStore;
  storage: RpcClient<StorageApi>;
  events: EventHub;
  appVersion: string;
  now?: () => number;
}

export class PredictService {
  private config: PredictApiConfig = DEFAULT_PREDICT_CONFIG;
  private token: string | null = null;
  private server: RunningPredictServer | null = null;
  private state: PredictApiStatus['state'] = 'off';
  private error: string | null = null;
  private readonly counts = zeroCounts();
  private model: { promise: Promise<PredictModel | null>; at: number; failed: boolean } | null = null;
  /** Configuration changes run one after another (each may stop and start the server). */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private readonly now: () => number;

  constructor(private readonly deps: PredictServiceDeps) {
    this.now = deps.now ?? (() => Date.now());
    // A finished training run (trained or retrained) is a new run: the active one is looked up again.
    this.unsubscribe = deps.events.subscribe((name, payload) => {
      if (name === 'model:progress' && (payload as { phase?: string }).phase === 'done') this.modelChanged();
    });
  }

  private get file(): string {
    return join(this.deps.dataDir, PREDICT_CONFIG_FILE);
  }

  /** Reads the configuration and token; listens if enabled. Never throws: a failure shows as state `error`. */
  async start(): Promise<void> {
    this.config = await this.loadConfig();
    try {
      this.token = await this.deps.secrets.get(PREDICT_TOKEN_SECRET);
    } catch (e) {
      this.error = (e as Error).message;
    }
    if (this.config.enabled) await this.serial(() => this.restart());
  }

  /** The active model changed (activation, new run): the next request loads it again. */
  modelChanged(): void {
    this.model = null;
  }

  /** The active model, loaded once per activation and shared by concurrent requests. */
  activeModel(): Promise<PredictModel | null> {
    const m = this.model;
    if (m && !(m.failed && this.now() - m.at > RETRY_FAILED_MODEL_MS)) return m.promise;
    const entry = { promise: this.loadActiveModel(), at: this.now(), failed: false };
    entry.promise.catch(() => (entry.failed = true));
    this.model = entry;
    return entry.promise;
  }

  private async loadActiveModel(): Promise<PredictModel | null> {
    const active = (await this.deps.storage.call('listRuns', undefined)).find((r) => r.active);
    if (!active) return null;
    const text = await this.deps.storage.call('runModel', active.runId);
    // The file's own checksum names the exact model (the last field of a serialised file).
    const checksum = /"checksum"\s*:\s*"(sha256:[0-9a-f]{64})"\s*}\s*$/.exec(text)?.[1] ?? 'sha256:unknown';
    return new PredictModel(active.runId, parseModel(text), checksum);
  }

  async get(): Promise<PredictApiState> {
    let model: PredictApiStatus['model'] = null, modelError: string | null = null;
    try {
      const m = await this.activeModel();
      if (m) {
        const examples = m.examples();
        model = {
          runId: m.version.runId, createdAt: m.version.createdAt, checksum: m.version.checksum, pipeline: m.version.pipeline, body: m.shape.kind === 'single' ? 'inputs' : 'readings',
          inputs: m.shape.inputs.map((i) => ({ name: i.name, type: i.type, ...(i.type === 'category' ? { categories: i.categories } : {}), example: examples[i.name] })),
        };
      }
    } catch (e) {
      modelError = (e as Error).message;
    }
    return {
      config: { ...this.config },
      status: { state: this.state, url: this.server?.url ?? null, error: this.error, tokenSet: this.token !== null, model, modelError, counts: { ...this.counts } },
    };
  }

  async configure(patch: Partial<PredictApiConfig>): Promise<PredictApiState> {
    await this.serial(async () => {
      const next = PredictApiConfig.parse({ ...this.config, ...patch });
      checkPredictConfig(next);
      if (next.enabled && this.token === null) await this.setToken(newToken());
      await this.saveConfig(next);
      this.config = next;
      await this.audit('rest.configure', JSON.stringify(patch));
      await this.restart();
    });
    return this.get();
  }

  /** `reveal` creates a token if there is none; `regenerate` replaces it (the old one fails from the next request). */
  async revealOrRegenerate(action: 'reveal' | 'regenerate'): Promise<{ token: string }> {
    return this.serial(async () => {
      if (action === 'regenerate' || this.token === null) {
        await this.setToken(newToken());
        if (action === 'regenerate') await this.audit('rest.token.regenerate', '');
      }
      return { token: this.token! };
    });
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.serial(async () => {
      await this.server?.close();
      this.server = null;
      this.state = 'off';
    });
  }

  private async setToken(token: string): Promise<void> {
    await this.deps.secrets.set(PREDICT_TOKEN_SECRET, token);
    this.token = token;
  }

  private async restart(): Promise<void> {
    await this.server?.close();
    this.server = null;
    this.error = null;
    if (!this.config.enabled) {
      this.state = 'off';
      return;
    }
    this.state = 'starting';
    const c = this.config;
    try {
      const tls = c.tlsCertFile && c.tlsKeyFile ? { cert: await readPem(c.tlsCertFile, 'certificate'), key: await readPem(c.tlsKeyFile, 'key') } : null;
      this.server = await startPredictServer({
        host: c.host, port: c.port, tls, maxBodyBytes: c.maxBodyBytes, ratePerSecond: c.ratePerSecond, burst: c.burst,
        token: () => this.token, model: () => this.activeModel(), appVersion: this.deps.appVersion, counts: this.counts,
      });
      this.state = 'listening';
    } catch (e) {
      this.state = 'error';
      this.error = (e as Error).message;
    }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A missing file is the default (off); a damaged field falls back to its default, so the app always starts. */
  private async loadConfig(): Promise<PredictApiConfig> {
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(await readFile(this.file, 'utf8')) as Record<string, unknown>;
    } catch {
      return { ...DEFAULT_PREDICT_CONFIG };
    }
    const out: Record<string, unknown> = { ...DEFAULT_PREDICT_CONFIG };
    for (const key of Object.keys(DEFAULT_PREDICT_CONFIG) as (keyof PredictApiConfig)[]) {
      const field = PredictApiConfig.shape[key].safeParse(raw?.[key]);
      if (field.success) out[key] = field.data;
    }
    const config = out as PredictApiConfig;
    try {
      checkPredictConfig(config);
      return config;
    } catch (e) {
      // A hand-edited file asking for an unsafe setup starts off, and says why.
      this.error = (e as Error).message;
      return { ...config, enabled: false };
    }
  }

  private async saveConfig(c: PredictApiConfig): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(c, null, 2)}\n`);
    await rename(tmp, this.file);
  }

  private async audit(action: string, detail: string): Promise<void> {
    const who = (await this.deps.storage.call('getSettings', undefined)).operatorName;
    await this.deps.storage.call('audit', [{ who, action, subject: 'REST API', detail }]);
  }
}

async function readPem(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    throw new Error(`cannot read the TLS ${what} file "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
}
