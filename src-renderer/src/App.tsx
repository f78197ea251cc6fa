import { useEffect } from 'react';
import { onConnectionChange } from './api/client';
import { DataOverview } from './features/overview/DataOverview';
import { useStore } from './store';

const CONNECTION_LABEL = { connecting: 'Connecting…', open: 'Connected', closed: 'Disconnected — reconnecting' } as const;

export function App() {
  const info = useStore((s) => s.info);
  const connection = useStore((s) => s.connection);
  const appError = useStore((s) => s.appError);

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
          <a className="active" aria-current="page" href="#data">Data</a>
        </nav>
        <div className="status" data-testid="status">
          <span className={`dot dot-${connection}`} aria-hidden="true" />
          {CONNECTION_LABEL[connection]}
          {info ? <span className="muted"> · {info.transport === 'electron' ? 'Desktop app' : 'Web host'} · v{info.version}</span> : null}
        </div>
      </header>
      {appError ? <div className="error-banner" role="alert">{appError}</div> : null}
      <main id="data">
        <DataOverview />
      </main>
    </div>
  );
}
