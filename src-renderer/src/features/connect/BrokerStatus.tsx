import { useStore } from '../../store';
import { brokerLabel } from './broker-label';

/** The plant connection in the status bar (nothing while it is off). */
export function BrokerStatus() {
  const status = useStore((s) => s.mqtt?.status);
  const label = status ? brokerLabel(status, Date.now()) : null;
  if (!label) return null;
  return (
    <span className={`statusbar-broker broker-${label.tone}`} title={label.detail} data-testid="status-broker" data-state={status!.state}>
      <span className={`dot dot-broker-${label.tone}`} aria-hidden="true" />
      {label.text}
    </span>
  );
}
