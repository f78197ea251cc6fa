import { useEffect } from 'react';
import { onConnectionChange } from './api/client';
import { ModelView } from './features/model/ModelView';
import { DataOverview } from './features/overview/DataOverview';
import { useStore } from './store';

const CONNECTION_LABEL = { connecting: 'Connecting…', open: 'Connected', closed: 'Disconnected — reconnecting' } as const;

export function App() {
  const info = useStore((s) => s.info);
  const connection = useStore((s) => s.connection);
  const appError = useStore((s) => s.appError);
  const view = useStore((s) => s.view);
  const setView = useStore((s) => s.setView);

  useEffect(() => {
    const { setConnection, loadInfo } = useStore.getState();
    const off = onConnectionChange(setConnection);
    void loadInfo();
    return off;
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">◎</span> Twinscope
        </div>
        <nav aria-label="Main">
          {(['data', 'model'] as const).map((v) => (
            <button key={v} className={view === v ? 'active' : ''} aria-current={view === v ? 'page' : undefined} onClick={() => setView(v)} data-testid={`nav-${v}`}>
              {v === 'data' ? 'Data' : 'Model'}
            </button>
          ))}
        </nav>
        <div className="status" data-testid="status">
          <span className={`dot dot-${connection}`} aria-hidden="true" />
          {CONNECTION_LABEL[connection]}
          {info ? <span className="muted"> · {info.transport === 'electron' ? 'Desktop app' : 'Web host'} · v{info.version}</span> : null}
        </div>
      </header>
      {appError ? <div className="error-banner" role="alert">{appError}</div> : null}
      {/* Both views stay mounted so switching keeps their state; the hidden one renders nothing new. */}
      <main hidden={view !== 'data'}>
        <DataOverview />
      </main>
      <main hidden={view !== 'model'}>
        <ModelView />
      </main>
    </div>
  );
}
