import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';
import type { EncodingChoice } from '../../store/import-slice';

/** "Import CSV…" with an encoding choice, plus drag-and-drop of a file anywhere on the window. */
export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const encoding = useStore((s) => s.encoding);
  const busy = useStore((s) => s.importPhase === 'uploading' || s.importPhase === 'committing');
  const [dragging, setDragging] = useState(false);

  // Shown with the Data view: the parse helpers start and warm up while a file is being chosen.
  useEffect(() => useStore.getState().prepareImport(), []);

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void useStore.getState().startImport(file);
    };
    // Ctrl/Cmd+O opens the file chooser, as File › Open… does in the desktop app (whose menu
    // takes the shortcut before the page sees it).
    const key = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        input.current?.click();
      }
    };
    window.addEventListener('keydown', key);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('keydown', key);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <div className="import-button">
      <input
        ref={input}
        type="file"
        accept=".csv,.txt,.tsv,text/csv"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void useStore.getState().startImport(file);
        }}
      />
      <button className="primary" disabled={busy} onClick={() => input.current?.click()} title="Import CSV… (Ctrl+O)">Import CSV…</button>
      <label className="select-label">
        Encoding
        <select value={encoding} onChange={(e) => useStore.getState().setEncoding(e.target.value as EncodingChoice)} aria-label="File encoding">
          <option value="auto">Detect</option>
          <option value="utf-8">UTF-8</option>
          <option value="windows-1252">Windows-1252 / Latin-1</option>
          <option value="utf-16le">UTF-16 LE</option>
          <option value="utf-16be">UTF-16 BE</option>
        </select>
      </label>
      {dragging ? <div className="drop-overlay" aria-hidden="true">Drop a CSV file to import it</div> : null}
    </div>
  );
}
