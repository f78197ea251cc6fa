/** Notices in the corner: polite to screen readers, dismissable, each gone after a while. */
import { useEffect } from 'react';
import { useStore } from '../../store';
import type { Notice } from '../../store/app-slice';

const SHOWN_MS = 8000;

function NoticeItem({ notice }: { notice: Notice }) {
  const dismiss = useStore((s) => s.dismissNotice);
  useEffect(() => {
    const t = setTimeout(() => dismiss(notice.id), SHOWN_MS);
    return () => clearTimeout(t);
  }, [notice.id, dismiss]);
  return (
    <div className={`notice notice-${notice.tone}`} data-testid="notice">
      <span>{notice.text}</span>
      {notice.action ? (
        <button onClick={() => { notice.action!.run(); dismiss(notice.id); }}>{notice.action.label}</button>
      ) : null}
      <button className="notice-close" onClick={() => dismiss(notice.id)} aria-label="Dismiss">✕</button>
    </div>
  );
}

export function Notices() {
  const notices = useStore((s) => s.notices);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => <NoticeItem key={n.id} notice={n} />)}
    </div>
  );
}
