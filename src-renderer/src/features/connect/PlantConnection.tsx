import { useEffect, useState } from 'react';
import type { MqttConfig, MqttView } from '@shared/contract';
import { useStore } from '../../store';
import type { MqttPatch } from '../../store/plant-slice';
import { Field } from '../settings/Field';
import { brokerLabel, clockTime, dropCounts } from './broker-label';
import './connect.css';

/** The form's text fields while they are edited (numbers as typed, checked on Save). */
interface Draft {
  url: string;
  username: string;
  /** null: keep the stored password; '' with `clearPassword`: remove it. */
  password: string | null;
  caFile: string;
  certFile: string;
  keyFile: string;
  rejectUnauthorized: boolean;
  format: MqttConfig['mapping']['format'];
  topic: string;
  timestampUnit: MqttConfig['mapping']['timestampUnit'];
  unknownAssets: MqttConfig['mapping']['unknownAssets'];
  defaultKind: string;
  maxPayloadBytes: string;
  maxFutureSkewS: string;
  queueLimit: string;
}

const draftOf = (c: MqttConfig): Draft => ({
  url: c.url, username: c.username, password: null, caFile: c.tls.caFile ?? '', certFile: c.tls.certFile ?? '', keyFile: c.tls.keyFile ?? '',
  rejectUnauthorized: c.tls.rejectUnauthorized, format: c.mapping.format, topic: c.mapping.topic, timestampUnit: c.mapping.timestampUnit,
  unknownAssets: c.mapping.unknownAssets, defaultKind: c.mapping.defaultKind ?? '', maxPayloadBytes: String(c.maxPayloadBytes),
  maxFutureSkewS: String(c.maxFutureSkewS), queueLimit: String(c.queueLimit),
});

/** The change to send, or the first field the form refuses (named, so the planner knows what to fix). */
function patchOf(d: Draft): MqttPatch | string {
  const int = (text: string, name: string) => (/^\d+$/.test(text.trim()) ? Number(text) : `${name}: enter a whole number`);
  const maxPayloadBytes = int(d.maxPayloadBytes, 'Largest payload'), maxFutureSkewS = int(d.maxFutureSkewS, 'Future tolerance'), queueLimit = int(d.queueLimit, 'Queue limit');
  for (const v of [maxPayloadBytes, maxFutureSkewS, queueLimit]) if (typeof v === 'string') return v;
  const path = (p: string) => (p.trim() ? p.trim() : null);
  return {
    url: d.url.trim(), username: d.username, ...(d.password !== null ? { password: d.password === '' ? null : d.password } : {}),
    tls: { caFile: path(d.caFile), certFile: path(d.certFile), keyFile: path(d.keyFile), rejectUnauthorized: d.rejectUnauthorized },
    mapping: { format: d.format, topic: d.topic.trim(), timestampUnit: d.timestampUnit, unknownAssets: d.unknownAssets, defaultKind: d.defaultKind === '' ? null : (d.defaultKind as 'milling' | 'motor') },
    maxPayloadBytes: maxPayloadBytes as number, maxFutureSkewS: maxFutureSkewS as number, queueLimit: queueLimit as number,
  };
}

function Text({ id, label, value, onChange, type = 'text', placeholder, hint }: { id: string; label: string; value: string; onChange(v: string): void; type?: string; placeholder?: string; hint?: string }) {
  return (
    <Field id={id} label={label} hint={hint}>
      {(control) => <input {...control} type={type} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} data-testid={id} autoComplete="off" />}
    </Field>
  );
}

function Choice<T extends string>({ id, label, value, options, onChange }: { id: string; label: string; value: T; options: [T, string][]; onChange(v: T): void }) {
  return (
    <Field id={id} label={label}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={id}>
          {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
        </select>
      )}
    </Field>
  );
}

/** Where the connection stands, what came in and what was dropped (and why). */
function ConnectionState({ view }: { view: MqttView }) {
  const s = view.status;
  const label = brokerLabel(s, Date.now());
  const drops = dropCounts(s);
  return (
    <div data-testid="plant-status" data-state={s.state}>
      <p className="plant-state" aria-live="polite">
        <strong className={label?.tone === 'ok' ? 'ok' : label?.tone === 'bad' ? 'bad' : ''}>{label ? label.text : 'Not connected (off)'}</strong>
        {label ? <span className="muted small">{label.detail}</span> : null}
        <span className="muted small">client id {view.clientId}</span>
      </p>
      <table className="plant-counts" aria-label="Messages from the broker">
        <tbody>
          <tr><th scope="row">Received</th><td className="num" data-testid="plant-received">{s.received.toLocaleString('en-US')}</td>
            <th scope="row">Stored</th><td className="num" data-testid="plant-stored">{s.stored.toLocaleString('en-US')}</td>
            <th scope="row">Duplicates absorbed</th><td className="num">{s.duplicates.toLocaleString('en-US')}</td>
            <th scope="row">Waiting</th><td className="num">{s.queueDepth.toLocaleString('en-US')}</td></tr>
        </tbody>
      </table>
      {drops.length ? (
        <>
          <table className="plant-counts" aria-label="Dropped payloads by reason" data-testid="plant-drops">
            <tbody>{drops.map((d) => <tr key={d.reason}><th scope="row">{d.reason}</th><td className="num">{d.count.toLocaleString('en-US')}</td></tr>)}</tbody>
          </table>
          <ul className="plant-drops" aria-label="Latest dropped payloads">
            {s.recentDrops.map((d, i) => <li key={i}>{clockTime(d.at)} · {d.reason} · <code>{d.topic}</code> · {d.detail}</li>)}
          </ul>
        </>
      ) : <p className="muted small">No payload dropped.</p>}
    </div>
  );
}

/**
 * Settings › Plant connection: the MQTT broker the twin reads from, how its topics and payloads
 * map to assets and sensors, and the connection's live state. The password is write-only.
 */
export function PlantConnection() {
  const view = useStore((s) => s.mqtt);
  const error = useStore((s) => s.mqttError);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (view && !draft) setDraft(draftOf(view.config));
  }, [view, draft]);
  if (!view || !draft) return <p className="muted">{error ?? 'Reading the plant connection…'}</p>;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const run = async (action: 'save' | 'connect' | 'disconnect') => {
    const { configureMqtt, connectMqtt, disconnectMqtt } = useStore.getState();
    if (action === 'disconnect') return void (await disconnectMqtt());
    const patch = patchOf(draft);
    if (typeof patch === 'string') return setFormError(patch);
    setFormError(null);
    setBusy(true);
    const ok = (await configureMqtt(patch)) && (action === 'save' || (await connectMqtt()));
    setBusy(false);
    if (ok) setDraft({ ...draft, password: null });
  };
  const on = view.status.state !== 'disabled';
  return (
    <form className="plant-connection" data-testid="plant-connection" onSubmit={(e) => { e.preventDefault(); void run(on ? 'save' : 'connect'); }}>
      <ConnectionState view={view} />
      <div className="plant-grid">
        <Text id="mqtt-url" label="Broker URL" value={draft.url} onChange={(url) => set({ url })} placeholder="mqtt://127.0.0.1:1883" hint="mqtt://, mqtts://, ws:// or wss://" />
        <Text id="mqtt-username" label="User name" value={draft.username} onChange={(username) => set({ username })} />
        <Text id="mqtt-password" label="Password" type="password" value={draft.password ?? ''} onChange={(password) => set({ password })}
          placeholder={view.hasPassword ? '(stored — type to replace)' : '(none)'} hint="Kept encrypted on this computer; never shown or logged." />
        <Choice id="mqtt-format" label="Payload format" value={draft.format} onChange={(format) => set({ format })}
          options={[['json', 'JSON {asset, ts, values}'], ['per-sensor', 'One topic per sensor']]} />
        <Text id="mqtt-topic" label={draft.format === 'json' ? 'Topic filter' : 'Topic pattern'} value={draft.topic} onChange={(topic) => set({ topic })}
          hint={draft.format === 'json' ? 'e.g. plant/+/data or #' : 'with {asset} and {sensor}, e.g. plant/{asset}/{sensor}'} />
        <Choice id="mqtt-ts-unit" label="Timestamps in" value={draft.timestampUnit} onChange={(timestampUnit) => set({ timestampUnit })}
          options={[['auto', 'Seconds or milliseconds (detect)'], ['s', 'Seconds'], ['ms', 'Milliseconds']]} />
        <Choice id="mqtt-unknown" label="Readings of unknown assets" value={draft.unknownAssets} onChange={(unknownAssets) => set({ unknownAssets })}
          options={[['auto-add', 'Add the asset'], ['drop', 'Drop them']]} />
        <Choice id="mqtt-kind" label="Kind of an added asset" value={draft.defaultKind as '' | 'milling' | 'motor'} onChange={(defaultKind) => set({ defaultKind })}
          options={[['', 'From its sensors'], ['milling', 'Milling centre'], ['motor', 'Pump motor']]} />
        <Text id="mqtt-ca" label="CA certificate file (PEM)" value={draft.caFile} onChange={(caFile) => set({ caFile })} />
        <Text id="mqtt-cert" label="Client certificate file" value={draft.certFile} onChange={(certFile) => set({ certFile })} />
        <Text id="mqtt-key" label="Client key file" value={draft.keyFile} onChange={(keyFile) => set({ keyFile })} />
        <Text id="mqtt-max-payload" label="Largest payload (bytes)" value={draft.maxPayloadBytes} onChange={(maxPayloadBytes) => set({ maxPayloadBytes })} />
        <Text id="mqtt-future" label="Future tolerance (s)" value={draft.maxFutureSkewS} onChange={(maxFutureSkewS) => set({ maxFutureSkewS })} />
        <Text id="mqtt-queue" label="Queue limit (readings)" value={draft.queueLimit} onChange={(queueLimit) => set({ queueLimit })} />
      </div>
      <label className="plant-check">
        <input type="checkbox" checked={!draft.rejectUnauthorized} onChange={(e) => set({ rejectUnauthorized: !e.target.checked })} data-testid="mqtt-insecure" />
        Accept a broker certificate that does not verify (test brokers only)
      </label>
      {formError || error ? <div className="error-banner settings-error" role="alert" data-testid="plant-error">{formError ?? error}</div> : null}
      <div className="actions">
        <button type="submit" disabled={busy} data-testid={on ? 'mqtt-save' : 'mqtt-connect'}>{on ? 'Save and reconnect' : 'Connect'}</button>
        {on ? <button type="button" onClick={() => void run('disconnect')} data-testid="mqtt-disconnect">Disconnect</button> : <button type="button" disabled={busy} onClick={() => void run('save')} data-testid="mqtt-save">Save without connecting</button>}
      </div>
    </form>
  );
}
