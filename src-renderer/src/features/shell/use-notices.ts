/**
 * Turns what happens in the store into notices: a new critical alert (with a button to open the
 * asset), a finished training run, the default models becoming ready or failing, a dataset loaded.
 * It watches the store rather than being called by each slice, so slices stay about their data.
 */
import { useEffect } from 'react';
import type { Alert } from '@shared/contract';
import { useStore } from '../../store';
import { openAlertSubject } from '../alerts/alert-subject';

export function useNotices(): void {
  useEffect(() => {
    const seenAlerts = new Set(useStore.getState().openAlerts.map((a) => a.id));
    return useStore.subscribe((s, prev) => {
      if (s.openAlerts !== prev.openAlerts) {
        // Alerts already open when the fleet first loads are in the feed, not news.
        const news = s.fleetLoaded && prev.fleetLoaded;
        const critical: Alert[] = [];
        for (const a of s.openAlerts) {
          if (seenAlerts.has(a.id)) continue;
          seenAlerts.add(a.id);
          if (news && a.severity === 'critical' && a.state === 'ACTIVE_UNACK') critical.push(a);
        }
        // One notice per batch: a fleet of thousands can raise thousands at once, and a notice
        // each would mean a store update (and every subscriber run) per alert.
        if (critical.length === 1) {
          const [alert] = critical;
          s.notify({ tone: 'bad', text: `${alert.assetId}: ${alert.ruleName}`, action: { label: 'Open', run: () => openAlertSubject(alert) } });
        } else if (critical.length > 1) {
          s.notify({ tone: 'bad', text: `${critical.length.toLocaleString('en-US')} new critical alerts (${critical.slice(0, 3).map((a) => a.assetId).join(', ')}${critical.length > 3 ? ', …' : ''}).`, action: { label: 'Show', run: () => useStore.getState().setView('alerts') } });
        }
      }
      if (s.trainResult && s.trainResult !== prev.trainResult) {
        const m = s.trainResult.metrics;
        s.notify({ tone: 'ok', text: `Model trained: F1 ${m.f1.toFixed(3)}, PR-AUC ${m.prAuc.toFixed(3)}.`, action: { label: 'Show', run: () => useStore.getState().setView('model') } });
      }
      const was = prev.fleetModels?.state, now = s.fleetModels?.state;
      if (was && now !== was && now === 'ready' && was === 'training') s.notify({ tone: 'ok', text: 'Default models trained: the fleet is scored.' });
      if (now === 'failed' && was !== 'failed') s.notify({ tone: 'bad', text: `Default models: ${s.fleetModels?.message ?? 'training failed'}` });
      if (s.loaded.length > prev.loaded.length) {
        const d = s.loaded[s.loaded.length - 1];
        s.notify({ tone: 'ok', text: `Dataset loaded: ${d.title} (${d.rows.toLocaleString('en-US')} rows).` });
      }
    });
  }, []);
}
