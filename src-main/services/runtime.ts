/**
 * The services behind the contract, wired once and shared by both shells (Electron and the web
 * host). Workers are injected as RPC clients, so tests can run the same code in-process.
 */
import { join } from 'node:path';
import type { RpcClient } from '../workers/rpc';
import type { Diagnostics } from '../shared/contract';
import { logDirOf, readLogTail } from '../store/log-file';
import { SECRETS_FILE, SecretStore, type SecretCipher } from '../store/secret-store';
import type { StorageApi } from '../store/storage-api';
import type { DataApi } from './data-api';
import { DatasetService } from './dataset-service';
import { DriftService } from './drift-service';
import { EventHub } from './events';
import { ImportService } from './import-service';
import { ModelService } from './model-service';
import { MqttService } from './mqtt-service';
import { runtimeMqttDeps } from './mqtt-wiring';
import type { TrainPool } from '../ml/train-pool';
import { PredictService } from './predict-service';
import { createDispatch, type Dispatch, type Handlers } from './router';
import type { TwinApi } from './twin-api';
import { StorageService } from './storage-service';
import { collectDiagnostics } from './support-service';
import { HISTORY_POLICY, TwinService, type HistoryPolicy } from './twin-service';

export interface RuntimeOptions {
  transport: 'electron' | 'web';
  version: string;
  dataDir: string;
  datasetsDir: string;
  storage: RpcClient<StorageApi>;
  data: RpcClient<DataApi>;
  train: { pool: TrainPool; close(): Promise<void> };
  twin: RpcClient<TwinApi>;
  /** Train and load the default model sets at first start (off in tests that train their own). */
  defaultModels?: boolean;
  /** History retention and quota (the soak benchmark uses a small quota so pruning runs). */
  historyPolicy?: HistoryPolicy;
  /** The last run did not shut down (its data-folder lock was stale): the database is checked in the background. */
  uncleanShutdown?: boolean;
  /** The hub events go out on: a shell that serves windows before the services are up passes its own. */
  events?: EventHub;
  /** What only a shell can do (Electron: print to PDF, save dialogs, recent files, the system browser). */
  shell?: Partial<Pick<Handlers, ShellChannel>>;
  /** Encrypts stored secrets (Electron: safeStorage, when the OS offers it); without it the file is owner-only. */
  secretCipher?: SecretCipher;
}

type ShellChannel = 'support:diagnostics' | 'report:pdf' | 'app:openExternal' | 'recent:list';

export interface Runtime {
  dispatch: Dispatch;
  events: EventHub;
  /** Imports a file the desktop shell chose (File › Open…); resolves with its import id once read. */
  importPath(path: string): Promise<string>;
  /** A file is about to be chosen (the shell's open dialog): get the import helpers ready meanwhile. */
  prepareImport(): void;
  /**
   * The computer goes to sleep (Electron's powerMonitor): pauses the fleet clock if it runs. Stale-data
   * alerts need nothing: the twin loop already treats a long gap as a sleep.
   */
  suspend(): Promise<void>;
  /** Awake again: resumes only what `suspend` paused. */
  resume(): Promise<void>;
  /** The diagnostics bundle (`support:diagnostics` answers it; Electron's shell adds a save dialog). */
  diagnostics(): Promise<Diagnostics>;
  close(): Promise<void>;
}

export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const events = opts.events ?? new EventHub();
  // One store for every service's secrets: its writes are serialised, two instances could lose one.
  const secrets = new SecretStore(join(opts.dataDir, SECRETS_FILE), opts.secretCipher);
  const datasets = new DatasetService(opts.datasetsDir, opts.data, events);
  const imports = new ImportService(opts.data, opts.storage, events);
  const models = new ModelService(opts.data, opts.train.pool, events, opts.storage);
  // Opening the database first surfaces a locked, newer or corrupt file before any window shows data.
  const schemaVersion = await opts.storage.call('schemaVersion', undefined);
  const health = new StorageService(opts.storage, events);
  await health.start(opts.uncleanShutdown ?? false);
  const operator = async () => (await opts.storage.call('getSettings', undefined)).operatorName;
  // The history policy from Settings (a benchmark may fix it instead).
  const historyPolicy = async (): Promise<HistoryPolicy> => {
    if (opts.historyPolicy) return opts.historyPolicy;
    const s = await opts.storage.call('getSettings', undefined);
    return { ...HISTORY_POLICY, rawKeepMs: s.historyDays * 86_400_000, rawAssets: s.rawHistoryAssets, quotaBytes: Math.round(s.historyQuotaGb * 1024 ** 3) };
  };
  const twin = new TwinService(opts.twin, opts.storage, opts.data, datasets, models, events, operator, historyPolicy);
  await twin.start(opts.defaultModels ?? true);
  const drift = new DriftService({ twin: opts.twin, models, datasets, storage: opts.storage, data: opts.data });
  // REST /predict: off by default; a server that cannot listen shows its reason in Settings instead of stopping the app.
  const predict = new PredictService({ dataDir: opts.dataDir, secrets, storage: opts.storage, events, appVersion: opts.version });
  await predict.start();
  // Plant connection (MQTT): off until configured; broker readings are stored, acknowledged, then fed to the twin.
  const mqtt = new MqttService(runtimeMqttDeps(opts.storage, opts.twin, twin, secrets, events));
  await mqtt.start();
  // The log the shells write in the data folder (store/log-file.ts); its tail goes into diagnostics.
  const diagnostics = () =>
    collectDiagnostics({
      version: opts.version, transport: opts.transport, dataDir: opts.dataDir, schemaVersion,
      settings: () => opts.storage.call('getSettings', undefined),
      storageStatus: () => handlers['storage:status']({}),
      logTail: (lines) => readLogTail(logDirOf(opts.dataDir), lines),
    });
  const handlers: Handlers = {
    'app:info': async () => ({
      name: 'Twinscope',
      version: opts.version,
      transport: opts.transport,
      platform: process.platform,
      dataDir: opts.dataDir,
      databaseSchemaVersion: schemaVersion,
    }),
    'settings:get': () => opts.storage.call('getSettings', undefined),
    'settings:update': async (patch) => {
      const settings = await opts.storage.call('updateSettings', patch);
      await opts.storage.call('audit', [{ who: settings.operatorName, action: 'settings.change', subject: Object.keys(patch).join(', '), detail: JSON.stringify(patch) }]);
      return settings;
    },
    'dataset:listBundled': async () => datasets.listBundled(),
    'dataset:listLoaded': () => datasets.listLoaded(),
    'dataset:openBundled': ({ id }) => datasets.openBundled(id),
    'dataset:open': ({ datasetId }) => datasets.open(datasetId),
    'dataset:histogram': ({ datasetId, column, bins }) => datasets.histogram(datasetId, column, bins),
    'dataset:explore': ({ datasetId }) => datasets.explore(datasetId),
    'import:prepare': () => imports.prepare(),
    'import:begin': ({ fileName, totalBytes, encoding }) => imports.begin(fileName, totalBytes, encoding),
    'import:chunk': ({ importId, bytes }) => imports.chunk(importId, bytes),
    'import:finish': ({ importId }) => imports.finish(importId),
    'import:remap': ({ importId, roles }) => imports.remap(importId, roles),
    'import:commit': ({ importId, roles, title }) => imports.commit(importId, roles, title),
    'import:cancel': ({ importId }) => imports.cancel(importId),
    'model:train': (req) => models.train(req),
    'model:cancel': async ({ runId }) => models.cancel(runId),
    'model:listRuns': () => models.listRuns(),
    'model:activate': async ({ runId }) => {
      const result = await models.activate(runId);
      predict.modelChanged();
      await opts.storage.call('audit', [{ who: await operator(), action: 'model.activate', subject: runId, detail: '' }]);
      return result;
    },
    'model:export': ({ runId }) => models.exportModel(runId),
    'model:open': ({ fileName, text }) => models.openModel(fileName, text),
    'model:explain': (req) => models.explain(req),
    'fleet:state': async () => {
      const state = { ...(await opts.twin.call('state', undefined)), models: twin.defaultModels };
      twin.stateServed();
      return state;
    },
    'fleet:control': (arg) => twin.control(arg),
    'fleet:watch': (arg) => twin.watch(arg.assetIds),
    'assets:list': async () => twin.assets(),
    'assets:save': ({ asset }) => twin.saveAsset(asset),
    'assets:remove': ({ assetId }) => twin.removeAsset(assetId),
    'twin:get': ({ assetId }) => twin.detail(assetId),
    'twin:reasons': (arg) => opts.twin.call('reasons', arg),
    'twin:whatIf': (arg) => opts.twin.call('whatIf', arg),
    'twin:optimise': (arg) => opts.twin.call('optimise', arg),
    'twin:setpoint': (arg) => opts.twin.call('setpoint', arg),
    'twin:maintain': (arg) => twin.maintain(arg),
    'fleet:replay': ({ datasetId }) => twin.replay(datasetId),
    'alerts:list': (arg) => opts.twin.call('alerts', arg),
    'alerts:ack': (arg) => twin.acknowledge(arg),
    'alerts:rules': () => opts.twin.call('rules', undefined),
    'alerts:saveRules': ({ rules }) => twin.saveRules(rules),
    'drift:get': () => drift.get(),
    'drift:shiftAmbient': (arg) => drift.shiftAmbient(arg),
    'drift:retrain': ({ runId }) => drift.retrain(runId),
    'rest:get': () => predict.get(),
    'mqtt:get': async () => mqtt.get(),
    'mqtt:configure': (patch) => mqtt.configure(patch),
    'mqtt:connect': () => mqtt.connect(),
    'mqtt:disconnect': () => mqtt.disconnect(),
    'rest:configure': (patch) => predict.configure(patch),
    'rest:token': ({ action }) => predict.revealOrRegenerate(action),
    'storage:recover': ({ choice }) => health.recover(choice),
    'storage:status': async () => ({
      ...health.status(twin.storageStatus),
      usage: await opts.storage.call('historyUsage', undefined), quotaBytes: (await historyPolicy()).quotaBytes, backups: await health.backups() }),
    'storage:backup': () => health.backup(),
    'audit:list': (arg) => opts.storage.call('listAudit', arg),
    'dataset:imports': (arg) => opts.storage.call('listImports', arg),
    // The web host's window saves the text itself (a download); Electron's shell adds a save dialog.
    'support:diagnostics': diagnostics,
    // The web host's window prints with the browser (its print dialog saves PDFs).
    'report:pdf': async () => {
      throw new Error("printing to PDF here goes through the browser: use its print dialog and choose 'Save as PDF'");
    },
    // A browser window opens links itself; the host never launches programs.
    'app:openExternal': async () => ({ opened: false }),
    // The web host never sees file paths (the browser hands over contents only).
    'recent:list': async () => [],
    ...opts.shell,
  };
  return {
    dispatch: createDispatch(handlers),
    events,
    importPath: (path) => imports.openPath(path),
    // Only a head start: an import works without it, so a failure here is not reported.
    prepareImport: () => void imports.prepare().catch(() => undefined),
    suspend: () => twin.suspend(),
    resume: () => twin.resume(),
    diagnostics,
    async close() {
      health.close();
      await predict.close().catch(() => undefined);
      await mqtt.close().catch(() => undefined);
      await twin.close().catch(() => undefined);
      await opts.storage.call('close', undefined).catch(() => undefined);
      await Promise.all([opts.storage.close(), opts.data.close(), opts.train.close(), opts.twin.close()]);
    },
  };
}
