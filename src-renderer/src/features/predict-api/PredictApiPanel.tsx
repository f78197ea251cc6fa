import { useCallback, useEffect, useRef, useState } from 'react';
import type { PredictApiState } from '@shared/contract';
import { invoke } from '../../api/client';
import { Panel } from '../../components/Panel';
import { useStore } from '../../store';
import { ErrorBanner, Field } from '../settings/Field';
import { curlExample, draftOf, NUMBER_FIELDS, patchOf, STATE_TEXT, type Draft, type DraftKey } from './predict-api-form';
import './predict-api.css';

/** While Settings is open, the state and request counts are read again this often. */
const REFRESH_MS = 2000;

/**
 * Settings › REST API: the local /predict server other plant systems call. Off by default; on,
 * it listens on 127.0.0.1 (another address only with a TLS certificate and key) and needs the
 * bearer token shown here.
 */
export function PredictApiPanel() {
  const [state, setState] = useState<PredictApiState | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [confirmRegenerate, setConfirmRegenerate] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const tokenInput = useRef<HTMLInputElement>(null);
  const shown = useStore((s) => s.view === 'settings');

  const load = useCallback(async () => {
    try {
      setState(await invoke('rest:get', {}));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    if (!shown) return;
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, shown]);

  const apply = async (patch: Parameters<typeof invoke<'rest:configure'>>[1]) => {
    setBusy(true);
    try {
      setState(await invoke('rest:configure', patch));
      setDraft(null);
      setError(null);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const tokenAction = async (action: 'reveal' | 'regenerate') => {
    try {
      setToken((await invoke('rest:token', { action })).token);
      setConfirmRegenerate(false);
      setNotice(action === 'regenerate' ? 'New token made: the old one no longer works.' : null);
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setNotice(`${what} copied.`);
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C instead.
      tokenInput.current?.select();
      setNotice(`Copying is not allowed here: select the ${what.toLowerCase()} and press Ctrl+C.`);
    }
  };

  if (!state) return <Panel title="REST API">{error ? <ErrorBanner message={error} /> : <p className="muted">Reading the REST API settings…</p>}</Panel>;
  const { config, status } = state;
  const d = draft ?? draftOf(config);
  const { patch, errors } = patchOf(d, config);
  const changed = Object.keys(patch).length > 0;
  const edit = (key: DraftKey, value: string) => setDraft({ ...d, [key]: value });
  const text = (key: DraftKey, label: string, hint?: string, wide = false) => (
    <Field id={`predict-${key}`} label={label} error={draft ? errors[key] : null} hint={hint} className={wide ? 'settings-wide' : undefined}>
      {(control) => <input {...control} value={d[key]} onChange={(e) => edit(key, e.target.value)} data-testid={`predict-${key}`} />}
    </Field>
  );

  return (
    <Panel title="REST API">
      <div className="predict-api" data-testid="predict-api-panel">
        <p className="settings-hint">
          Lets other plant systems ask the active model for a failure probability: <code>POST /predict</code> with a bearer token,
          described at <code>GET /openapi.json</code>; <code>GET /health</code> needs no token.
        </p>
        <label className="predict-toggle">
          <input type="checkbox" checked={config.enabled} disabled={busy} onChange={(e) => void apply({ enabled: e.target.checked })} data-testid="predict-enabled" />
          Serve the REST API
        </label>
        <p className="predict-state" role="status" data-testid="predict-state">
          <strong className={`predict-state-${status.state}`}>{STATE_TEXT[status.state]}</strong>
          {status.url ? <> at <code data-testid="predict-url">{status.url}</code></> : null}
          {status.error ? <span className="error"> — {status.error}</span> : null}
        </p>
        <p className="settings-hint" data-testid="predict-model">
          {status.model
            ? <>Scoring with the active model <code>{status.model.runId}</code> ({status.model.pipeline}, {status.model.inputs.length} inputs{status.model.body === 'readings' ? ', sent as the asset’s recent readings' : ''}).</>
            : status.modelError ? <span className="error">The active model cannot be used: {status.modelError}</span>
              : 'No model is active: requests get 503 until one is activated in the Model view.'}
        </p>
        <p className="settings-hint" data-testid="predict-counts">
          {status.counts.requests.toLocaleString()} requests: {status.counts.ok.toLocaleString()} answered, {status.counts.badRequest} invalid, {status.counts.unauthorized} without a valid token, {status.counts.tooLarge} too large, {status.counts.rateLimited} over the rate limit, {status.counts.otherErrors} other errors.
        </p>

        <form className="predict-config" onSubmit={(e) => (e.preventDefault(), void apply(patch))} aria-label="REST API address and limits">
          {text('host', 'Address', 'Only 127.0.0.1 (this computer) without TLS.')}
          {NUMBER_FIELDS.map((f) => <span key={f.key}>{text(f.key, f.label, f.key === 'port' ? '0 picks a free port.' : undefined)}</span>)}
          {text('tlsCertFile', 'TLS certificate file (PEM)', 'Needed for any other address; empty for plain HTTP on 127.0.0.1.', true)}
          {text('tlsKeyFile', 'TLS key file (PEM)', undefined, true)}
          <div className="predict-actions">
            <button type="submit" className="settings-button" disabled={!changed || busy || Object.keys(errors).length > 0} data-testid="predict-save">{busy ? 'Applying…' : 'Apply'}</button>
            {draft ? <button type="button" onClick={() => setDraft(null)}>Discard changes</button> : null}
          </div>
        </form>

        <div className="predict-token" data-testid="predict-token">
          <h3>Bearer token</h3>
          {token ? (
            <div className="predict-token-row">
              <label htmlFor="predict-token-value" className="sr-only">Token</label>
              <input id="predict-token-value" ref={tokenInput} readOnly value={token} onFocus={(e) => e.target.select()} data-testid="predict-token-value" />
              <button type="button" onClick={() => void copy(token, 'Token')}>Copy</button>
              <button type="button" onClick={() => setToken(null)}>Hide</button>
            </div>
          ) : (
            <button type="button" onClick={() => void tokenAction('reveal')} data-testid="predict-token-reveal">{status.tokenSet ? 'Show token' : 'Create token'}</button>
          )}
          {confirmRegenerate ? (
            <span className="predict-confirm">
              Callers using the current token will be refused.{' '}
              <button type="button" onClick={() => void tokenAction('regenerate')} data-testid="predict-token-confirm">Regenerate now</button>
              <button type="button" onClick={() => setConfirmRegenerate(false)}>Keep current token</button>
            </span>
          ) : (
            <button type="button" onClick={() => setConfirmRegenerate(true)} disabled={!status.tokenSet} data-testid="predict-token-regenerate">Regenerate…</button>
          )}
        </div>

        {status.model && status.url ? (
          <div className="predict-example">
            <h3>Try it</h3>
            <pre tabIndex={0} aria-label="curl example" data-testid="predict-curl">{curlExample(status.url, status.model, token, config.tlsCertFile)}</pre>
            <button type="button" onClick={() => void copy(curlExample(status.url!, status.model!, token, config.tlsCertFile), 'Example')}>Copy example</button>
          </div>
        ) : null}
        <p role="status" className="settings-status">{notice}</p>
        <ErrorBanner message={error} testId="predict-error" />
      </div>
    </Panel>
  );
}
