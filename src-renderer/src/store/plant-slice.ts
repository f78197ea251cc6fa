/**
 * The plant connection (MQTT): its configuration and live status. Loaded with `mqtt:get`, kept
 * current by the pushed `mqtt:status` events (at most twice a second), changed through
 * `mqtt:configure` / `mqtt:connect` / `mqtt:disconnect`. The password never comes back: the view
 * only says whether one is stored.
 */
import type { StateCreator } from 'zustand';
import type { MqttStatus, MqttView, RequestOf } from '@shared/contract';
import { invoke, subscribe } from '../api/client';
import type { StoreState } from './index';

export type MqttPatch = RequestOf<'mqtt:configure'>;

export interface PlantSlice {
  mqtt: MqttView | null;
  mqttError: string | null;
  /** Subscribes to the status events and loads the view; returns the unsubscribe. */
  watchPlant(): () => void;
  loadMqtt(): Promise<void>;
  /** Saves a change; resolves true when the service accepted it. */
  configureMqtt(patch: MqttPatch): Promise<boolean>;
  connectMqtt(): Promise<boolean>;
  disconnectMqtt(): Promise<boolean>;
}

export const createPlantSlice: StateCreator<StoreState, [], [], PlantSlice> = (set, get) => {
  /** Runs a request that answers with the whole view; a refusal is shown, not thrown. */
  const apply = async (request: () => Promise<MqttView>): Promise<boolean> => {
    try {
      set({ mqtt: await request(), mqttError: null });
      return true;
    } catch (e) {
      set({ mqttError: (e as Error).message });
      return false;
    }
  };
  const withStatus = (status: MqttStatus) => {
    const view = get().mqtt;
    if (view) set({ mqtt: { ...view, status } });
  };
  return {
    mqtt: null,
    mqttError: null,
    watchPlant() {
      const off = subscribe('mqtt:status', withStatus);
      void get().loadMqtt();
      return off;
    },
    loadMqtt: async () => {
      await apply(() => invoke('mqtt:get', {}));
    },
    configureMqtt: (patch) => apply(() => invoke('mqtt:configure', patch)),
    connectMqtt: () => apply(() => invoke('mqtt:connect', {})),
    disconnectMqtt: () => apply(() => invoke('mqtt:disconnect', {})),
  };
};
