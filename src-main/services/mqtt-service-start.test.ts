/**
 * The plant connection starting on a store that cannot be opened (an unwritable data folder):
 * the services must start anyway — the app runs on and says it is not saving — with the
 * connection off at its defaults and nothing written (found by the unwritable-folder e2e test).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MQTT_CONFIG } from './mqtt-config';
import { EventHub } from './events';
import { MqttService } from './mqtt-service';

describe('plant connection on a store that cannot be opened', () => {
  it('starts off, with its defaults, writing nothing', async () => {
    const writes: string[] = [];
    const unopenable = async () => {
      throw new Error('the data folder cannot be written (unable to open database file)');
    };
    const service = new MqttService({
      storage: { readDoc: unopenable, writeDoc: async (key) => void writes.push(key), insertNewReadings: unopenable },
      secrets: { get: unopenable, set: unopenable },
      twin: { addAsset: async () => undefined, ingest: async () => undefined, register: () => [] },
      events: new EventHub(),
    });
    await service.start();
    const view = service.get();
    expect(view.config).toEqual(DEFAULT_MQTT_CONFIG);
    expect(view.status.state).toBe('disabled');
    expect(view.hasPassword).toBe(false);
    expect(writes).toEqual([]);
    await service.close();
  });
});
