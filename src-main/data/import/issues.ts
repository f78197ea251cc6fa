/** The validation report's entries: what is wrong or worth knowing, and where. */
export type IssueSeverity = 'error' | 'warning' | 'info';

export interface ImportIssue {
  severity: IssueSeverity;
  /** Stable identifier of the case, for tests and for the UI's icons. */
  code: string;
  message: string;
  column?: string;
  /** First affected rows, spreadsheet numbering (header = row 1). */
  rows?: number[];
  count?: number;
}

export const hasErrors = (issues: readonly ImportIssue[]): boolean => issues.some((i) => i.severity === 'error');

export function rowList(rows: readonly number[], total: number): string {
  if (rows.length === 0) return '';
  const shown = rows.slice(0, 5).join(', ');
  return total > 5 ? `rows ${shown} … (${total.toLocaleString('en-US')} in all)` : `row${rows.length > 1 ? 's' : ''} ${shown}`;
}
