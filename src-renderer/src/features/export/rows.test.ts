import { describe, expect, it } from 'vitest';
import type { Alert, FleetEvent, RunSummary, TrainingResult } from '@shared/contract';
import { toCsv } from '../../lib/csv';
import { ALERT_HEADER, alertRows, EVENT_HEADER, eventRows, exportFileName, isoUtc, localDate, RUN_HEADER, runRows, splitMaintenanceDetail } from './rows';

const T0 = Date.UTC(2026, 2, 2, 6, 0, 0); // the demo fleet's start: Mon 2 Mar 2026 06:00 UTC
const names = new Map([['MTR-02', 'Pump motor 2'], ['MIL-01', 'Milling centre 1']]);

const alert = (over: Partial<Alert>): Alert => ({
  id: 'a-1', assetId: 'MTR-02', ruleId: 'vibration-high', ruleName: 'Vibration high', severity: 'critical', state: 'ACTIVE_UNACK',
  message: 'Vibration 7.9 mm/s ≥ 7.1', value: 7.9, peakValue: 8.25, raisedAt: T0 + 60_000, lastSeenAt: T0 + 120_000, count: 3,
  clearedAt: null, ackBy: null, ackAt: null, ackComment: null, remindedAt: null, modelVersion: null, ...over,
});

describe('isoUtc', () => {
  it('writes UTC with milliseconds, and nothing for no time', () => {
    expect(isoUtc(T0)).toBe('2026-03-02T06:00:00.000Z');
    expect(isoUtc(null)).toBe('');
    expect(isoUtc(undefined)).toBe('');
    expect(isoUtc(NaN)).toBe('');
  });
});

describe('alertRows', () => {
  it('has a header and one row per alert with every field of the alert', () => {
    const rows = alertRows([alert({
      id: 'a-9', state: 'CLEARED', ackBy: 'E2E Operator', ackAt: T0 + 90_000, ackComment: 'bearing noise, confirmed', clearedAt: T0 + 3_600_000,
      remindedAt: T0 + 1_800_000, modelVersion: 'motor-rf@3',
    })], names);
    expect(rows[0]).toEqual([...ALERT_HEADER]);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([
      'a-9', 'MTR-02', 'Pump motor 2', 'vibration-high', 'Vibration high', 'critical', 'CLEARED', 'Vibration 7.9 mm/s ≥ 7.1', 7.9, 8.25, 3,
      '2026-03-02T06:01:00.000Z', '2026-03-02T06:02:00.000Z', 'E2E Operator', '2026-03-02T06:01:30.000Z', 'bearing noise, confirmed',
      '2026-03-02T07:00:00.000Z', '2026-03-02T06:30:00.000Z', 'motor-rf@3',
    ]);
    expect(rows[1]).toHaveLength(ALERT_HEADER.length);
  });

  it('leaves unknown names and missing times empty', () => {
    const [, row] = alertRows([alert({ assetId: 'R-MTR-07' })], names);
    expect(row[2]).toBe('');
    expect(row.slice(13, 19)).toEqual(['', '', '', '', '', '']);
  });

  it('orders oldest first, ties by id', () => {
    const rows = alertRows([alert({ id: 'b', raisedAt: T0 + 5 }), alert({ id: 'c', raisedAt: T0 }), alert({ id: 'a', raisedAt: T0 + 5 })], names);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['c', 'a', 'b']);
  });

  it('gives only the header for no alerts', () => {
    expect(alertRows([], names)).toEqual([[...ALERT_HEADER]]);
  });

  it('survives a hostile comment once written as CSV', () => {
    const csv = toCsv(alertRows([alert({ ackComment: '=HYPERLINK("http://evil","click")', ackBy: '@admin' })], names), { bom: false });
    expect(csv).toContain('"\'=HYPERLINK(""http://evil"",""click"")"');
    expect(csv).toContain(",'@admin,");
  });
});

describe('splitMaintenanceDetail', () => {
  it('splits action, operator and comment as the twin service writes them', () => {
    expect(splitMaintenanceDetail('Service bearing — E2E Operator: replaced drive-end bearing')).toEqual({ action: 'Service bearing', operator: 'E2E Operator', comment: 'replaced drive-end bearing' });
    expect(splitMaintenanceDetail('Replace tool — Ana')).toEqual({ action: 'Replace tool', operator: 'Ana', comment: '' });
    expect(splitMaintenanceDetail('Replace tool — Ana: note: torque 40 Nm')).toEqual({ action: 'Replace tool', operator: 'Ana', comment: 'note: torque 40 Nm' });
  });

  it('returns null for text without an operator', () => {
    expect(splitMaintenanceDetail('failure: HDF')).toBeNull();
    expect(splitMaintenanceDetail(' — x')).toBeNull();
  });
});

describe('eventRows', () => {
  const events: FleetEvent[] = [
    { atMs: T0 + 7_200_000, assetId: 'MTR-02', kind: 'repair', detail: 'back in service after repair' },
    { atMs: T0 + 3_600_000, assetId: 'MTR-02', kind: 'failure', detail: 'failure: bearing' },
    { atMs: T0 + 9_000_000, assetId: 'MIL-01', kind: 'maintenance', detail: 'Replace tool — E2E Operator: new 10 mm end mill, "coated"' },
    { atMs: T0 + 3_600_000, assetId: 'MIL-01', kind: 'failure', detail: 'failure: TWF' },
  ];

  it('writes time, asset, kind and the maintenance columns, oldest first (stable on ties)', () => {
    const rows = eventRows(events, names);
    expect(rows[0]).toEqual([...EVENT_HEADER]);
    expect(rows.slice(1)).toEqual([
      ['2026-03-02T07:00:00.000Z', 'MTR-02', 'Pump motor 2', 'failure', '', '', '', 'failure: bearing'],
      ['2026-03-02T07:00:00.000Z', 'MIL-01', 'Milling centre 1', 'failure', '', '', '', 'failure: TWF'],
      ['2026-03-02T08:00:00.000Z', 'MTR-02', 'Pump motor 2', 'repair', '', '', '', 'back in service after repair'],
      ['2026-03-02T08:30:00.000Z', 'MIL-01', 'Milling centre 1', 'maintenance', 'Replace tool', 'E2E Operator', 'new 10 mm end mill, "coated"', 'Replace tool — E2E Operator: new 10 mm end mill, "coated"'],
    ]);
  });

  it('does not reorder its input', () => {
    const copy = [...events];
    eventRows(events, names);
    expect(events).toEqual(copy);
  });
});

describe('runRows', () => {
  const run = (over: Partial<RunSummary>): RunSummary => ({
    runId: 'run-1', createdAt: '2026-11-26T09:15:00.000Z', source: 'trained', datasetTitle: 'AI4I 2020', active: false, pipeline: 'milling-physics',
    engine: 'twinscope', model: 'random-forest', features: 14, trees: 200, maxDepth: 24, rows: 10_000, f1: 0.85, prAuc: 0.9, rocAuc: 0.97, brier: 0.012, ...over,
  });
  const latest = {
    runId: 'run-2', threshold: 0.5, metrics: { accuracy: 0.991, precision: 0.88, recall: 0.82, f1: 0.849, rocAuc: 0.975, prAuc: 0.9, brier: 0.011 },
  } as TrainingResult;

  it('writes each run, with accuracy, precision, recall and threshold where the full result is known', () => {
    const rows = runRows([run({}), run({ runId: 'run-2', active: true, model: 'boosted-trees', createdAt: '2026-11-26T10:00:00+01:00' })], latest);
    expect(rows[0]).toEqual([...RUN_HEADER]);
    expect(rows[1]).toEqual([
      'run-1', '2026-11-26T09:15:00.000Z', 'trained', 'AI4I 2020', 'milling-physics', 'twinscope', 'random-forest', 14, 200, 24, 10_000,
      undefined, undefined, undefined, 0.85, 0.97, 0.9, 0.012, undefined, 'no',
    ]);
    expect(rows[2].slice(0, 2)).toEqual(['run-2', '2026-11-26T09:00:00.000Z']);
    expect(rows[2].slice(11)).toEqual([0.991, 0.88, 0.82, 0.85, 0.97, 0.9, 0.012, 0.5, 'yes']);
    // Unknown metrics are empty cells in the file.
    expect(toCsv([rows[1]], { bom: false })).toBe('run-1,2026-11-26T09:15:00.000Z,trained,AI4I 2020,milling-physics,twinscope,random-forest,14,200,24,10000,,,,0.85,0.97,0.9,0.012,,no\r\n');
  });

  it('leaves engine and model type empty for old runs, and keeps an unparsable date as it is', () => {
    const [, row] = runRows([run({ engine: undefined, model: undefined, createdAt: 'yesterday', source: 'opened' })], null);
    expect(row.slice(1, 7)).toEqual(['yesterday', 'opened', 'AI4I 2020', 'milling-physics', '', '']);
  });
});

describe('file names', () => {
  const day = new Date(2026, 10, 26, 23, 59);
  it('names the export and the local day', () => {
    expect(localDate(day)).toBe('2026-11-26');
    expect(exportFileName('alerts', 'csv', day)).toBe('twinscope-alerts-2026-11-26.csv');
    expect(exportFileName('report', 'pdf', day, 'MTR-02')).toBe('twinscope-report-MTR-02-2026-11-26.pdf');
  });

  it('keeps only safe characters of the scope', () => {
    expect(exportFileName('maintenance', 'csv', day, '../a b/c')).toBe('twinscope-maintenance-a_b_c-2026-11-26.csv');
    expect(exportFileName('alerts', 'csv', day, '///')).toBe('twinscope-alerts-2026-11-26.csv');
  });
});
