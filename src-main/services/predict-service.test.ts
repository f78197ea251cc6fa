/**
 * REST /predict through the whole runtime (in-process workers, a real SQLite store): a model
 * trained on the bundled milling data and activated, the server enabled over the contract, and
 * the probability /predict returns for a CSV row equal to what "Explain a prediction" (the model
 * service) computes for the same row. Also: off by default, token handling, re-activation.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictApiState, RequestChannel, RequestOf, ResponseOf } from '../shared/contract';
import { SECRETS_FILE } from '../store/secret-store';
import { PREDICT_CONFIG_FILE } from './predict-service';
import type { Runtime } from './runtime';
import { createInProcessRuntime } from './in-process-runtime';

const DATASETS = join(__dirname, '../../datasets');
const FOREST = { nTrees: 12, maxDepth: 10, minSamplesSplit: 2, minSamplesLeaf: 1, criterion: 'gini', classWeight: 'none', maxFeatures: 'sqrt' } as const;
let dir: string;
let rt: Runtime;

async function call<C extends RequestChannel>(channel: C, req: RequestOf<C>): Promise<ResponseOf<C>> {
  const r = await rt.dispatch(channel, req);
  if (!r.ok) throw new Error(`${r.error.name}: ${r.error.message}`);
  return r.value as ResponseOf<C>;
}

/** The CSV's rows as the plant would send them (header names, categories as text). */
function csvRows(): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(DATASETS, 'milling-ai4i.csv'), 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

/** What the tests read of a /predict answer. */
interface PredictAnswer {
  probability: number;
  modes: { mode: string; probability: number }[];
  model: { runId: string; checksum: string };
  reasons: { top: { feature: string }[] };
}

async function post(url: string, token: string, body: unknown) {
  const res = await fetch(`${url}/predict`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as PredictAnswer };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twinscope-predict-'));
  rt = await createInProcessRuntime({ dataDir: dir, datasetsDir: DATASETS, defaultModels: false });
  await call('dataset:openBundled', { id: 'milling-ai4i' });
  for (const [runId, seed] of [['api-a', 1], ['api-b', 2]] as const) {
    await call('model:train', { runId, datasetId: 'milling-ai4i', pipeline: 'milling-physics', folds: 3, seed, forest: FOREST });
  }
}, 240_000);
afterAll(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('REST /predict service', () => {
  it('is off by default and keeps no token until enabled', async () => {
    const s: PredictApiState = await call('rest:get', {});
    expect(s.config).toMatchObject({ enabled: false, host: '127.0.0.1', port: 8787 });
    expect(s.config.ratePerSecond).toBeGreaterThanOrEqual(2000);
    expect(s.status).toMatchObject({ state: 'off', url: null, tokenSet: false, model: null });
  });

  it('refuses a non-loopback address without TLS, naming the fields', async () => {
    await expect(call('rest:configure', { enabled: true, host: '0.0.0.0' })).rejects.toThrow(/"0.0.0.0" is not a loopback address.*tlsCertFile, tlsKeyFile/);
    await expect(call('rest:configure', { tlsCertFile: '/tmp/cert.pem' })).rejects.toThrow(/tlsCertFile and tlsKeyFile go together/);
    expect((await call('rest:get', {})).config.enabled).toBe(false);
  });

  it('scores a CSV row with the active model exactly as the model service explains it', async () => {
    await call('model:activate', { runId: 'api-a' });
    const s: PredictApiState = await call('rest:configure', { enabled: true, port: 0 });
    expect(s.status).toMatchObject({ state: 'listening', tokenSet: true, model: { runId: 'api-a', pipeline: 'milling-physics', body: 'inputs' } });
    expect(s.status.model!.inputs.find((i) => i.name === 'Type')).toEqual({ name: 'Type', type: 'category', categories: ['L', 'M', 'H'], example: 'L' });
    const air = s.status.model!.inputs.find((i) => i.name === 'Air temperature [K]')!;
    expect(air.example).toBeGreaterThan(295);
    expect(air.example).toBeLessThan(305);
    const url = s.status.url!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { token } = await call('rest:token', { action: 'reveal' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const rows = csvRows();
    for (const row of [3, 160, 4321, 9000]) {
      const r = rows[row];
      const inputs = {
        Type: r.Type, 'Air temperature [K]': Number(r['Air temperature [K]']), 'Process temperature [K]': Number(r['Process temperature [K]']),
        'Rotational speed [rpm]': Number(r['Rotational speed [rpm]']), 'Torque [Nm]': Number(r['Torque [Nm]']), 'Tool wear [min]': Number(r['Tool wear [min]']),
      };
      const answer = await post(url, token, { inputs, reasons: true });
      expect(answer.status).toBe(200);
      const explained = await call('model:explain', { runId: 'api-a', datasetId: 'milling-ai4i', row, pick: 'this' });
      expect(answer.body.probability).toBe(explained.probability);
      expect(answer.body.modes).toEqual(explained.modes);
      expect(answer.body.modes.length).toBeGreaterThan(0);
      expect(answer.body.reasons.top[0].feature).toBe(explained.contributions[0].feature);
      expect(answer.body.model).toMatchObject({ runId: 'api-a', checksum: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    }
    expect((await call('rest:get', {})).status.counts).toMatchObject({ requests: 4, ok: 4 });
  }, 60_000);

  it('follows a new activation and a regenerated token at once', async () => {
    const { status } = await call('rest:get', {});
    const { token } = await call('rest:token', { action: 'reveal' });
    const inputs = { Type: 'L', 'Air temperature [K]': 300, 'Process temperature [K]': 310, 'Rotational speed [rpm]': 1400, 'Torque [Nm]': 55, 'Tool wear [min]': 200 };
    expect((await post(status.url!, token, { inputs })).body.model.runId).toBe('api-a');
    await call('model:activate', { runId: 'api-b' });
    expect((await post(status.url!, token, { inputs })).body.model.runId).toBe('api-b');
    const fresh = (await call('rest:token', { action: 'regenerate' })).token;
    expect(fresh).not.toBe(token);
    expect((await post(status.url!, token, { inputs })).status).toBe(401);
    expect((await post(status.url!, fresh, { inputs })).status).toBe(200);
  });

  it('keeps the token out of the config file, the diagnostics and the audit detail, in an owner-only file', async () => {
    const { token } = await call('rest:token', { action: 'reveal' });
    expect(readFileSync(join(dir, PREDICT_CONFIG_FILE), 'utf8')).not.toContain(token);
    const secrets = join(dir, SECRETS_FILE);
    expect(readFileSync(secrets, 'utf8')).toContain(token);
    if (process.platform !== 'win32') expect(statSync(secrets).mode & 0o777).toBe(0o600);
    const diagnostics = await call('support:diagnostics', {});
    expect(diagnostics.content).not.toContain(token);
    const audit = await call('audit:list', { subject: 'REST API' });
    expect(audit.map((a: { action: string }) => a.action)).toContain('rest.token.regenerate');
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('stops listening when disabled', async () => {
    const url = (await call('rest:get', {})).status.url;
    const s: PredictApiState = await call('rest:configure', { enabled: false });
    expect(s.status).toMatchObject({ state: 'off', url: null, tokenSet: true });
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
