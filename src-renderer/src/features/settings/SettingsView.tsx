import type { AlertRule, AssetConfig } from '@shared/contract';
import { Panel } from '../../components/Panel';
import { PredictApiPanel } from '../predict-api/PredictApiPanel';
import { PlantConnection } from '../connect/PlantConnection';
import { AlertRules } from './AlertRules';
import { Appearance } from './Appearance';
import { AssetRegister } from './AssetRegister';
import { OperatorName } from './OperatorName';
import { StoragePanel } from './StoragePanel';
import './settings.css';

interface Props {
  /** After the register changed (save, add, remove): the fleet's names, models and costs are stale. */
  onAssetsChanged?(register: AssetConfig[]): void;
  /** After the alert rules were saved. */
  onRulesChanged?(rules: AlertRule[]): void;
}

/**
 * Settings: who is operating (the store's settings), the asset register and the alert rules (read
 * and saved through the services by their panels; the callbacks let the app refresh the fleet).
 */
export function SettingsView({ onAssetsChanged, onRulesChanged }: Props) {
  return (
    <div className="view settings-view" data-testid="settings-view">
      <Panel title="Operator">
        <OperatorName />
      </Panel>
      <Panel title="Appearance">
        <Appearance />
      </Panel>
      <Panel title="Plant connection (MQTT)">
        <PlantConnection />
      </Panel>
      <Panel title="Asset register">
        <AssetRegister onChanged={onAssetsChanged} />
      </Panel>
      <Panel title="Alert rules">
        <AlertRules onChanged={onRulesChanged} />
      </Panel>
      <Panel title="Storage and audit log">
        <StoragePanel />
      </Panel>
      <PredictApiPanel />
    </div>
  );
}
