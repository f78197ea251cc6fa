import { useEffect } from 'react';
import { onConnectionChange } from './api/client';
import { AlertsView } from './features/alerts/AlertsView';
import { useExportMenu } from './features/export/use-export-menu';
import { FleetView } from './features/fleet/FleetView';
import { ModelView } from './features/model/ModelView';
import { DataOverview } from './features/overview/DataOverview';
import { SettingsView } from './features/settings/SettingsView';
import { Notices } from './features/shell/Notices';
import { ShortcutsHelp } from './features/shell/ShortcutsHelp';
import { StatusBar } from './features/shell/StatusBar';
import { ThemeToggle } from './features/shell/ThemeToggle';
import { Tour } from './features/shell/Tour';
import { useAppActions } from './features/shell/use-app-actions';
import { useNotices } from './features/shell/use-notices';
import { TwinView } from './features/twin/TwinView';
import { applyStoredTheme, initTheme } from './lib/theme';
import './features/shell/shell.css';
import { useStore } from './store';
import type { View } from './store/app-slice';

// Before the first render, so the first paint is already in the remembered theme.
initTheme();

const VIEWS: { view: View; label: string; key: string }[] = [
  { view: 'fleet', label: 'Fleet', key: '1' },
  { view: 'twin', label: 'Twin', key: '2' },
  { view: 'model', label: 'Model', key: '3' },
  { view: 'data', label: 'Data', key: '4' },
  { view: 'alerts', label: 'Alerts', key: '5' },
  { view: 'settings', label: 'Settings', key: '6' },
];

export function App() {
  const appError = useStore((s) => s.appError);
  const storage = useStore((s) => s.storage);
  const damage = useStore((s) => s.storageDamage);
  const recoverError = useStore((s) => s.storageRecoverError);
  const view = useStore((s) => s.view);
  const setView = useStore((s) => s.setView);
  const theme = useStore((s) => s.settings?.theme);
  const unacked = useStore((s) => s.openAlerts.filter((a) => a.state === 'ACTIVE_UNACK').length);
  useAppActions();
  useExportMenu();
  useNotices();
  // Settings are the source of truth for the theme once they arrive.
  useEffect(() => {
    if (theme) applyStoredTheme(theme);
  }, [theme]);

  useEffect(() => {
    const { setConnection, loadInfo, loadSettings, startFleet, loadFleet, watchStorage, watchPlant, loadMqtt } = useStore.getState();
    let wasClosed = false;
    const off = onConnectionChange((state) => {
      setConnection(state);
      // Back after a lost connection: frames were missed, so the fleet is read again.
      if (state === 'closed') wasClosed = true;
      else if (state === 'open' && wasClosed) {
        wasClosed = false;
        void loadFleet();
        void loadMqtt();
      }
    });
    const stopFleet = startFleet();
    const stopStorage = watchStorage();
    const stopPlant = watchPlant();
    void loadInfo();
    void loadSettings();
    return () => {
      off();
      stopFleet();
      stopStorage();
      stopPlant();
    };
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">◎</span> Twinscope
        </div>
        <nav aria-label="Main">
          {VIEWS.map(({ view: v, label, key }) => (
            <button key={v} className={view === v ? 'active' : ''} aria-current={view === v ? 'page' : undefined} onClick={() => setView(v)} data-testid={`nav-${v}`} title={`${label} (${key})`}>
              {label}
              {v === 'alerts' && unacked > 0 ? <span className="nav-count" aria-label={`${unacked} unacknowledged`}>{unacked}</span> : null}
            </button>
          ))}
        </nav>
        <div className="topbar-tools">
          <ThemeToggle />
          <button className="icon-button" onClick={() => useStore.getState().setHelpOpen(true)} aria-label="Keyboard shortcuts and help" title="Keyboard shortcuts (?)" data-testid="help-open">?</button>
        </div>
      </header>
      {appError ? <div className="error-banner" role="alert">{appError}</div> : null}
      {damage ? (
        <div className="error-banner damage-banner" role="alert" data-testid="damage-banner">
          <span>{damage.message[0].toUpperCase() + damage.message.slice(1)}. Twinscope keeps running on what it holds in memory.</span>
          {damage.backupAt ? (
            <button onClick={() => void useStore.getState().recoverStorage('backup')} data-testid="restore-backup">
              Restore the automatic backup of {new Date(damage.backupAt).toLocaleString()}
            </button>
          ) : null}
          <button onClick={() => void useStore.getState().recoverStorage('fresh')} data-testid="start-fresh">Start a fresh database (the damaged file is kept aside)</button>
          {recoverError ? <span data-testid="recover-error">{recoverError}</span> : null}
        </div>
      ) : null}
      {storage.ok ? null : (
        <div className="error-banner" role="alert" data-testid="storage-banner">
          Not saving: {storage.message}. The twin keeps running; what it cannot save now is lost if the app stops. Free disk space or check the data folder's permissions.
        </div>
      )}
      {/* Every view stays mounted so switching keeps its state; the hidden ones render nothing new. */}
      <main hidden={view !== 'fleet'}>
        <FleetView />
      </main>
      <main hidden={view !== 'twin'}>
        <TwinView />
      </main>
      <main hidden={view !== 'data'}>
        <DataOverview />
      </main>
      <main hidden={view !== 'model'}>
        <ModelView />
      </main>
      <main hidden={view !== 'alerts'}>
        <AlertsView />
      </main>
      <main hidden={view !== 'settings'}>
        {/* The panels save through the contract themselves; the rest of the app re-reads what they changed. */}
        <SettingsView onAssetsChanged={() => void useStore.getState().loadFleet()} />
      </main>
      <StatusBar />
      <Notices />
      <ShortcutsHelp />
      <Tour />
    </div>
  );
}
