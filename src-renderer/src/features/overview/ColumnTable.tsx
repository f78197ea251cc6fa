import type { ColumnSummary } from '@shared/contract';
import { DISTINCT_CAP } from '@shared/contract/plain';
import { formatCount, formatNumber } from '../../lib/format';

const ROLE_LABEL: Record<ColumnSummary['role'], string> = {
  'numeric-feature': 'Sensor / numeric', 'categorical-feature': 'Category', label: 'Label', 'failure-mode': 'Failure mode',
  'asset-id': 'Asset id', timestamp: 'Timestamp', ignore: 'Ignored',
};

export function ColumnTable({ columns }: { columns: ColumnSummary[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="column-table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Role</th>
            <th scope="col">Type</th>
            <th scope="col" className="num">Missing</th>
            <th scope="col" className="num">Distinct</th>
            <th scope="col" className="num">Min</th>
            <th scope="col" className="num">Mean</th>
            <th scope="col" className="num">Max</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td><span className={`role role-${c.role}`}>{ROLE_LABEL[c.role]}</span></td>
              <td>{c.kind}</td>
              <td className="num">{formatCount(c.missing)}</td>
              <td className="num">{c.distinct >= DISTINCT_CAP ? `≥ ${formatCount(DISTINCT_CAP)}` : formatCount(c.distinct)}</td>
              <td className="num">{formatNumber(c.min)}</td>
              <td className="num">{formatNumber(c.mean)}</td>
              <td className="num">{formatNumber(c.max)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
