import type { ImportIssue } from '@shared/contract';

const ICON = { error: '✕', warning: '!', info: 'i' } as const;
const LABEL = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

export function IssueList({ issues }: { issues: ImportIssue[] }) {
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...issues].sort((a, b) => order[a.severity] - order[b.severity]);
  if (sorted.length === 0) return <p className="issue-ok">No problems found.</p>;
  return (
    <ul className="issues" data-testid="import-issues">
      {sorted.map((i, k) => (
        <li key={k} className={`issue issue-${i.severity}`} data-code={i.code}>
          <span className="issue-icon" aria-label={LABEL[i.severity]}>{ICON[i.severity]}</span>
          <span>{i.message}</span>
        </li>
      ))}
    </ul>
  );
}
