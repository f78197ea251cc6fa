/**
 * What an alert is about: an asset (its twin opens), or a live model (a drift monitor's "retrain
 * recommended": the Model view opens, where the drift panel shows why).
 */
import type { Alert } from '@shared/contract';
import { isModelAlert } from '@shared/contract/plain';
import { useStore } from '../../store';

export function openAlertSubject(a: Pick<Alert, 'assetId' | 'ruleId'>): void {
  const s = useStore.getState();
  if (isModelAlert(a)) s.setView('model');
  else s.openTwin(a.assetId);
}

export const alertSubjectLabel = (a: Pick<Alert, 'assetId' | 'ruleId'>): string => (isModelAlert(a) ? `Open the drift of model ${a.assetId}` : `Open the twin of ${a.assetId}`);
