import type { ColumnRole, ImportColumn } from '@shared/contract';

export const ROLE_OPTIONS: { role: ColumnRole; label: string }[] = [
  { role: 'numeric-feature', label: 'Numeric feature' },
  { role: 'categorical-feature', label: 'Categorical feature' },
  { role: 'label', label: 'Label (failure)' },
  { role: 'failure-mode', label: 'Failure mode' },
  { role: 'asset-id', label: 'Asset id' },
  { role: 'timestamp', label: 'Timestamp / cycle' },
  { role: 'ignore', label: 'Ignore' },
];

interface Props {
  columns: ImportColumn[];
  disabled: boolean;
  onRole(column: string, role: ColumnRole): void;
}

export function MappingTable({ columns, disabled, onRole }: Props) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="mapping-table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Detected type</th>
            <th scope="col">Role</th>
            <th scope="col" className="num">Missing</th>
            <th scope="col">First values</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td>{c.type}</td>
              <td>
                <select
                  aria-label={`Role of ${c.name}`}
                  value={c.role}
                  disabled={disabled}
                  onChange={(e) => onRole(c.name, e.target.value as ColumnRole)}
                  data-testid={`role-${c.name}`}
                >
                  {ROLE_OPTIONS.map((o) => (
                    <option key={o.role} value={o.role}>{o.label}</option>
                  ))}
                </select>
              </td>
              <td className="num">{c.missing.toLocaleString('en-US')}</td>
              <td className="samples">{c.samples.map((s) => (s === '' ? '∅' : s)).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
