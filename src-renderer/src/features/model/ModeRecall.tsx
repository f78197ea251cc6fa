import type { TrainingResult } from '@shared/contract';
import { formatCount, formatPercent } from '../../lib/format';

/** Recall per failure mode at the cost-chosen threshold: which kinds of failure the model catches. */
export function ModeRecall({ result, index }: { result: TrainingResult; index: number }) {
  if (result.modeRecall.length === 0) return <p className="empty">This dataset names no failure modes.</p>;
  return (
    <table className="data-table" data-testid="mode-recall">
      <thead>
        <tr>
          <th>Failure mode</th>
          <th className="num">Failures</th>
          <th className="num">Caught</th>
          <th className="num">Recall</th>
          <th className="num" title="Failures of this mode whose most likely mode, out-of-fold, was this one">Mode identified</th>
        </tr>
      </thead>
      <tbody>
        {result.modeRecall.map((m) => (
          <tr key={m.mode}>
            <td>{m.mode}</td>
            <td className="num">{formatCount(m.failures)}</td>
            <td className="num">{formatCount(m.caught[index])}</td>
            <td className="num">{formatPercent(m.caught[index] / m.failures, 0)}</td>
            <td className="num">{formatPercent(m.identified / m.failures, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
