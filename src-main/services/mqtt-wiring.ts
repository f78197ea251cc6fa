/** The plant connection's parts in the running app: the storage worker, the secret store, the live twin. */
import type { StorageApi } from '../store/storage-api';
import { DEFAULT_COSTS, type AssetKind } from '../twin/assets';
import type { RpcClient } from '../workers/rpc';
import type { EventHub } from './events';
import type { MqttDeps } from './mqtt-service';
import type { TwinApi } from './twin-api';
import type { TwinService } from './twin-service';

export function runtimeMqttDeps(storage: RpcClient<StorageApi>, twinWorker: RpcClient<TwinApi>, twin: TwinService, secrets: MqttDeps['secrets'], events: EventHub): MqttDeps {
  return {
    storage: {
      readDoc: async (key) => (await storage.call('readTwinState', [key]))[key],
      writeDoc: async (key, value) => void (await storage.call('writeTwinState', { [key]: value })),
      insertNewReadings: (batch, rows) => storage.call('insertNewReadings', { batch, rows }),
    },
    secrets,
    twin: {
      register: () => twin.assets(),
      // An asset first heard of on the broker: scored by its kind's default model, never simulated.
      addAsset: async (id: string, kind: AssetKind) =>
        void (await twin.saveAsset({ id, name: `${id} (plant)`, kind, modelRunId: twin.defaultRunFor(kind), limits: {}, ...DEFAULT_COSTS[kind], source: 'mqtt' })),
      ingest: async (readings) => void (await twinWorker.call('ingestExternal', { readings })),
    },
    events,
  };
}
