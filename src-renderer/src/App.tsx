import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { onConnectionChange } from './api/client';
import { useExportMenu } from './features/export/use-export-menu';
import { FleetView } from './features/fleet/FleetView';
import { Notices } from './features/shell/Notices';
import { ShortcutsHelp } from './features/shell/ShortcutsHelp';
import { StatusBar } from './features/shell/StatusBar';
import { ThemeToggle } from './features/shell/ThemeToggle';
import { Tour } from './features/shell/Tour';
import { useAppActions } from './features/shell/use-app-actions';
import { useNotices } from './features/shell/use-notices';
import { applyStoredTheme, initTheme } from './lib/theme';
import './features/shell/shell.css';
import { useStore } from './store';
import type { View } from './store/app-slice';

// Before the first render, so the first paint is already in the remembered theme.
initTheme();

/**
 * The views other than Fleet are separate chunks, loaded when first opened (or once the fleet is
 * on screen and the window is idle): the first start parses and runs only what the live fleet
 * needs — recharts and the analytical views are more than half of the code.
 */
const viewModules = {
  twin: () => import('./features/twin/TwinView').then((m) => ({ default: m.TwinView })),
  data: () => import('./features/overview/DataOverview').then((m) => ({ default: m.DataOverview })),
  model: () => import('./features/model/ModelView').then((m) => ({ default: m.ModelView })),
  alerts: () => import('./features/alerts/AlertsView').then((m) => ({ default: m.AlertsView })),
  settings: () => import('./features/settings/SettingsView').then((m) => ({ default: m.SettingsView })),
};
const TwinView = lazy(viewModules.twin);
const DataOverview = lazy(viewModules.data);
const ModelView = lazy(viewModules.model);
const AlertsView = lazy(viewModules.alerts);
const SettingsView = lazy(viewModules.settings);

const PREFETCH_AFTER_MS = 3000;

/** Loads the other views' code in the background, one per idle moment, once the fleet shows. */
function prefetchViews(): void {
  const idle = (work: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 5000 }) : setTimeout(work, 200));
  const queue = Object.values(viewModules);
  const next = () => {
    const load = queue.shift();
    if (load) idle(() => void load().finally(next));
  };
  next();
}

/**
 * A view mounts the first time it is opened and then stays mounted (hidden), so switching keeps
 * its state and its data as loaded.
 */
function ViewSlot({ view, current, visited, children }: { view: View; current: View; visited: ReadonlySet<View>; children: ReactNode }) {
  if (!visited.has(view)) return null;
  return (
    <main hidden={current !== view}>
      <Suspense fallback={<p className="muted view-loading">Loading…</p>}>{children}</Suspense>
    </main>
  );
}

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
  const fleetLoaded = useStore((s) => s.fleetLoaded);
  const [visited, setVisited] = useState<ReadonlySet<View>>(() => new Set([view]));
  if (!visited.has(view)) setVisited(new Set(visited).add(view));
  useEffect(() => {
    if (!fleetLoaded) return;
    // Not before the fleet's first values have painted: a start is judged by those.
    const timer = setTimeout(prefetchViews, PREFETCH_AFTER_MS);
    return () => clearTimeout(timer);
  }, [fleetLoaded]);
  useAppActions();
  useExportMenu();
  useNotices();
  // Settings are the source of truth for the theme once they arrive.
  useEffect(() => {
    if (theme) applyStoredTheme(theme);
  }, [theme]);

  useEffect(() => {
    // startFleet runs once in main.tsx, before the first render.
    const { setConnection, loadInfo, loadSettings, loadFleet, watchStorage, watchPlant, loadMqtt } = useStore.getState();
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
    const stopStorage = watchStorage();
    const stopPlant = watchPlant();
    void loadInfo();
    void loadSettings();
    return () => {
      off();
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
      <main hidden={view !== 'fleet'}>
        <FleetView />
      </main>
      <ViewSlot view="twin" current={view} visited={visited}>
        <TwinView />
      </ViewSlot>
      <ViewSlot view="data" current={view} visited={visited}>
        <DataOverview />
      </ViewSlot>
      <ViewSlot view="model" current={view} visited={visited}>
        <ModelView />
      </ViewSlot>
      <ViewSlot view="alerts" current={view} visited={visited}>
        <AlertsView />
      </ViewSlot>
      <ViewSlot view="settings" current={view} visited={visited}>
        {/* The panels save through the contract themselves; the rest of the app re-reads what they changed. */}
        <SettingsView onAssetsChanged={() => void useStore.getState().loadFleet()} />
      </ViewSlot>
      <StatusBar />
      <Notices />
      <ShortcutsHelp />
      <Tour />
    </div>
  );
}
