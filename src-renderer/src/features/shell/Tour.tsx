/**
 * A short guided tour for a first start: four cards, each showing the view it talks about. It can
 * be skipped at any step and never comes back once finished or skipped (remembered in this
 * browser profile / app data); Help › Keyboard shortcuts stays for later.
 */
import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import type { View } from '../../store/app-slice';

const DONE_KEY = 'twinscope.tourDone';

const STEPS: { view: View; title: string; text: string }[] = [
  { view: 'fleet', title: 'Your fleet, live', text: 'Every machine is scored as its readings arrive, riskiest first. The demo fleet runs on simulators; change its speed at the top of the view.' },
  { view: 'twin', title: 'One machine, explained', text: 'Open a row to see its gauges, trends, why the model is worried, what-if sliders and the best operating point. Acknowledge its alerts there.' },
  { view: 'model', title: 'Models you can check', text: 'Train a failure model on any dataset, compare runs by their honest cross-validated scores and costs, and activate the one you trust.' },
  { view: 'data', title: 'Bring your own data', text: 'Import a CSV (or drop it on the window): Twinscope recognises known layouts, validates every row and shows what drives failures.' },
];

function tourDone(): boolean {
  try {
    return localStorage.getItem(DONE_KEY) === '1';
  } catch {
    return true;
  }
}

export function Tour() {
  const [step, setStep] = useState<number | null>(() => (tourDone() ? null : 0));
  const setView = useStore((s) => s.setView);
  const hasTwin = useStore((s) => s.fleetIds.length > 0);
  useEffect(() => {
    if (step === null) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && finish();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  if (step === null) return null;
  const s = STEPS[step];
  const finish = () => {
    try {
      localStorage.setItem(DONE_KEY, '1');
    } catch {
      // Not remembered: the tour shows again next start.
    }
    setStep(null);
    setView('fleet');
  };
  const go = (k: number) => {
    const next = STEPS[k];
    // The twin view needs an asset: open the riskiest (first) one.
    if (next.view === 'twin' && hasTwin) useStore.getState().openTwin(useStore.getState().fleetIds[0]);
    else setView(next.view);
    setStep(k);
  };
  return (
    <aside className="tour" role="dialog" aria-labelledby="tour-title" data-testid="tour">
      <div className="muted small">Tour {step + 1} of {STEPS.length}</div>
      <h2 id="tour-title">{s.title}</h2>
      <p>{s.text}</p>
      <div className="tour-actions">
        <button onClick={finish} data-testid="tour-skip">{step === STEPS.length - 1 ? 'Done' : 'Skip tour'}</button>
        {step > 0 ? <button onClick={() => go(step - 1)}>Back</button> : null}
        {step < STEPS.length - 1 ? <button className="primary" onClick={() => go(step + 1)} data-testid="tour-next">Next</button> : null}
      </div>
    </aside>
  );
}
