import { useCallback, useEffect, useRef, useState } from 'react';
import type { AssetConfig, RunSummary } from '@shared/contract';
import { invoke } from '../../api/client';
import { KIND_LABEL, type AssetKind, type Levels } from './asset-form';
import { AssetEditor } from './AssetEditor';
import { ErrorBanner } from './Field';
import { errorText } from './form-state';
import { NewAssetForm } from './NewAssetForm';

type Mode = { edit: string } | 'new' | null;

const money = (x: number, digits: number) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 3) });

interface Props {
  /** Called with the whole register after every save or removal (e.g. to re-read the fleet). */
  onChanged?(register: AssetConfig[]): void;
}

/**
 * The asset register: every asset with its model and costs; select one to edit it, add one, or
 * remove one after an inline confirmation. Loads and saves through the service itself.
 */
export function AssetRegister({ onChanged }: Props) {
  const [assets, setAssets] = useState<AssetConfig[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [runsError, setRunsError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [defaults, setDefaults] = useState<Partial<Record<AssetKind, Levels>>>({});
  const removeButtons = useRef(new Map<string, HTMLButtonElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  /** Where focus goes once a confirmation closes (its buttons are gone then). */
  const focusAfter = useRef<(() => void) | null>(null);

  useEffect(() => {
    let live = true;
    invoke('assets:list', {}).then(
      (list) => {
        if (!live) return;
        setAssets(list);
        setLoadError(null);
      },
      (e: unknown) => live && setLoadError(errorText(e)),
    );
    invoke('model:listRuns', {}).then(
      (list) => {
        if (!live) return;
        setRuns(list);
        setRunsError(null);
      },
      (e: unknown) => live && setRunsError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [loads]);

  useEffect(() => {
    focusAfter.current?.();
    focusAfter.current = null;
  }, [confirming, assets]);

  const applyRegister = (list: AssetConfig[]) => {
    setAssets(list);
    onChanged?.(list);
  };

  // Stable: the editor re-reads the twin when it changes.
  const learnDefaults = useCallback((kind: AssetKind, levels: Levels) => {
    setDefaults((d) => ({ ...d, [kind]: { ...d[kind], ...levels } }));
  }, []);

  const cancelRemove = (id: string) => {
    focusAfter.current = () => removeButtons.current.get(id)?.focus();
    setConfirming(null);
  };

  const remove = async (id: string) => {
    setRemoving(true);
    setRemoveError(null);
    try {
      const list = await invoke('assets:remove', { assetId: id });
      focusAfter.current = () => addButton.current?.focus();
      setConfirming(null);
      if (mode !== null && mode !== 'new' && mode.edit === id) setMode(null);
      applyRegister(list);
    } catch (e) {
      setRemoveError(`${id} was not removed: ${errorText(e)}`);
    } finally {
      setRemoving(false);
    }
  };

  if (!assets) {
    return loadError ? (
      <div className="error-banner" role="alert">
        The asset register could not be read: {loadError}
        <button type="button" onClick={() => setLoads((n) => n + 1)}>Try again</button>
      </div>
    ) : <p className="muted">Reading the asset register…</p>;
  }

  const editing = mode !== null && mode !== 'new' ? assets.find((a) => a.id === mode.edit) ?? null : null;
  const runName = (runId: string | null) => {
    if (!runId) return <span className="muted">none</span>;
    const run = runs.find((r) => r.runId === runId);
    return <span title={runId}>{run ? run.datasetTitle : runId}{run?.active ? ' (active)' : ''}</span>;
  };

  return (
    <div className="settings-register" data-testid="asset-register">
      <div className="settings-toolbar">
        <span className="muted">{assets.length} {assets.length === 1 ? 'asset' : 'assets'}. Select one to edit its model, costs and sensor levels.</span>
        <button ref={addButton} type="button" className="settings-button" onClick={() => setMode('new')} disabled={mode === 'new'} data-testid="asset-add">Add asset</button>
      </div>
      <ErrorBanner message={removeError} testId="asset-remove-error" />
      <div className="table-wrap">
        <table className="data-table settings-table" data-testid="asset-register-table">
          <thead>
            <tr>
              <th scope="col">Id</th><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Model</th>
              <th scope="col" className="num">Downtime €/h</th><th scope="col" className="num">Energy €/kWh</th><th scope="col" className="num">Own levels</th><th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {assets.map((a) => {
              const selected = editing?.id === a.id;
              return (
                <tr key={a.id} className={selected ? 'selected' : undefined} aria-current={selected ? 'true' : undefined} onClick={() => setMode({ edit: a.id })} data-testid={`asset-row-${a.id}`}>
                  <th scope="row">{a.id}</th>
                  <td>{a.name}</td>
                  <td>{KIND_LABEL[a.kind]}</td>
                  <td>{runName(a.modelRunId)}</td>
                  <td className="num">{money(a.downtimeCostPerHour, 0)}</td>
                  <td className="num">{money(a.energyPricePerKWh, 2)}</td>
                  <td className="num">{Object.keys(a.limits).length || <span className="muted">–</span>}</td>
                  <td className="row-actions" onClick={(e) => e.stopPropagation()}>
                    {confirming === a.id ? (
                      <span className="settings-confirm" role="group" aria-label={`Remove ${a.id}?`} onKeyDown={(e) => e.key === 'Escape' && cancelRemove(a.id)}>
                        <span>Remove {a.id}?</span>
                        <button type="button" className="danger" disabled={removing} onClick={() => void remove(a.id)} data-testid="asset-remove-yes">{removing ? 'Removing…' : 'Yes'}</button>
                        <button type="button" disabled={removing} autoFocus onClick={() => cancelRemove(a.id)} data-testid="asset-remove-no">No</button>
                      </span>
                    ) : (
                      <>
                        <button type="button" onClick={() => setMode({ edit: a.id })} aria-label={`Edit ${a.id}`} data-testid={`asset-edit-${a.id}`}>Edit</button>
                        <button
                          type="button" ref={(el) => void (el ? removeButtons.current.set(a.id, el) : removeButtons.current.delete(a.id))}
                          onClick={() => {
                            setRemoveError(null);
                            setConfirming(a.id);
                          }}
                          aria-label={`Remove ${a.id}`} data-testid={`asset-remove-${a.id}`}
                        >
                          Remove
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {assets.length === 0 ? <p className="empty">The register is empty: add an asset.</p> : null}
      {mode === 'new' ? (
        <NewAssetForm
          register={assets} runs={runs} runsError={runsError} onCancel={() => setMode(null)}
          onCreated={(list, id) => {
            applyRegister(list);
            setMode({ edit: id });
          }}
        />
      ) : editing ? (
        <AssetEditor
          key={editing.id} asset={editing} runs={runs} runsError={runsError} defaults={defaults[editing.kind]} onDefaults={learnDefaults}
          onSaved={applyRegister} onClose={() => setMode(null)}
        />
      ) : null}
    </div>
  );
}
