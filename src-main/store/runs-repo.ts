/** The model registry: training runs with their model files, and which one is active. */
import { durably, type Db } from './database';

export interface StoredRun {
  runId: string;
  createdAt: string;
  source: 'trained' | 'opened';
  datasetTitle: string;
  /** JSON of the run's summary (settings and metrics) as the UI lists it. */
  summary: string;
  active: boolean;
}

/** Registry writes are committed at synchronous=FULL: a trained model must survive a power cut. */
export function saveRun(db: Db, run: Omit<StoredRun, 'active'> & { model: string }): boolean {
  durably(db, () =>
    db.prepare('INSERT INTO model_runs (run_id, created_at, source, dataset_title, summary, model) VALUES (?, ?, ?, ?, ?, ?)').run(
      run.runId, run.createdAt, run.source, run.datasetTitle, run.summary, run.model,
    ),
  );
  return true;
}

export function listRuns(db: Db): StoredRun[] {
  const rows = db.prepare('SELECT run_id, created_at, source, dataset_title, summary, active FROM model_runs ORDER BY created_at DESC, run_id').all() as {
    run_id: string; created_at: string; source: 'trained' | 'opened'; dataset_title: string; summary: string; active: number;
  }[];
  return rows.map((r) => ({ runId: r.run_id, createdAt: r.created_at, source: r.source, datasetTitle: r.dataset_title, summary: r.summary, active: r.active === 1 }));
}

export function runModel(db: Db, runId: string): string {
  const row = db.prepare('SELECT model FROM model_runs WHERE run_id = ?').get(runId) as { model: string } | undefined;
  if (!row) throw new Error(`no training run "${runId}"`);
  return row.model;
}

/** Makes `runId` the one active model, atomically. */
export function activateRun(db: Db, runId: string): boolean {
  durably(db, () => {
    const exists = db.prepare('SELECT 1 FROM model_runs WHERE run_id = ?').get(runId);
    if (!exists) throw new Error(`no training run "${runId}"`);
    db.prepare('UPDATE model_runs SET active = 0 WHERE active = 1').run();
    db.prepare('UPDATE model_runs SET active = 1 WHERE run_id = ?').run(runId);
  });
  return true;
}
