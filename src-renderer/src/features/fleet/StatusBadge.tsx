import type { TwinSnapshot } from '@shared/contract';

type TwinStatus = TwinSnapshot['status'];

/** NORMAL / WARNING / CRITICAL, told apart by text and a shape (styles.css) as well as colour. */
export function StatusBadge({ status, down = false, testId = 'status-badge' }: { status: TwinStatus; down?: boolean; testId?: string }) {
  return (
    <span className="status-wrap">
      <span className={`status-badge status-${status.toLowerCase()}`} data-testid={testId} data-status={status}>
        {status}
      </span>
      {down ? <span className="down-badge" title="Down after a failure, in repair">in repair</span> : null}
    </span>
  );
}
