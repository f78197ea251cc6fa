/** The keyboard-shortcuts panel (?, F1 or Help › Keyboard shortcuts), read from the shortcut table. */
import { useEffect, useRef } from 'react';
import { useStore } from '../../store';
import { SHORTCUTS } from './shortcuts';

export function ShortcutsHelp() {
  const open = useStore((s) => s.helpOpen);
  const close = useRef<HTMLButtonElement>(null);
  // Focus moves into the dialog so Escape and Tab work at once; it returns to the page on close.
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus?.();
  }, [open]);
  if (!open) return null;
  const hide = () => useStore.getState().setHelpOpen(false);
  return (
    <div className="modal-backdrop" onClick={hide}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(e) => e.stopPropagation()} data-testid="shortcuts-help">
        <div className="modal-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button ref={close} onClick={hide} aria-label="Close the shortcuts panel">✕</button>
        </div>
        <table className="data-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action}>
                <td>{s.keys.map((k) => <kbd key={k}>{k === ' ' ? 'Space' : k}</kbd>)}</td>
                <td>{s.label}</td>
              </tr>
            ))}
            <tr><td><kbd>Tab</kbd> <kbd>Shift+Tab</kbd></td><td>Move between controls; Enter or Space uses the one in focus</td></tr>
            <tr><td><kbd>Ctrl/⌘+O</kbd></td><td>Import a CSV (desktop app menu)</td></tr>
          </tbody>
        </table>
        <p className="muted">Shortcuts do nothing while you type in a field.</p>
      </div>
    </div>
  );
}
