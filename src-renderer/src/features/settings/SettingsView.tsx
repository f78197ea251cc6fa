import type { AlertRule, AssetConfig, Settings } from '@shared/contract';
import { Panel } from '../../components/Panel';
import { AlertRules } from './AlertRules';
import { AssetRegister } from './AssetRegister';
import { OperatorName } from './OperatorName';
import './settings.css';

interface Props {
  /** After the register changed (save, add, remove): the fleet's names, models and costs are stale. */
  onAssetsChanged?(register: AssetConfig[]): void;
  /** After the alert rules were saved. */
  onRulesChanged?(rules: AlertRule[]): void;
  /** After the operator name was saved: the app's copy of the settings is stale. */
  onSettingsChanged?(settings: Settings): void;
}

/**
 * Settings: who is operating, the asset register, and the alert rules. Each panel reads and saves
 * through the services itself; the callbacks let the app refresh what it keeps of them.
 */
export function SettingsView({ onAssetsChanged, onRulesChanged, onSettingsChanged }: Props) {
  return (
    <div className="view settings-view" data-testid="settings-view">
      <Panel title="Operator">
        <OperatorName onSaved={onSettingsChanged} />
      </Panel>
      <Panel title="Asset register">
        <AssetRegister onChanged={onAssetsChanged} />
      </Panel>
      <Panel title="Alert rules">
        <AlertRules onChanged={onRulesChanged} />
      </Panel>
    </div>
  );
}
