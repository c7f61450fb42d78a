import type { ConversationStatus } from '@/lib/api-types';

const statusStyle = {
  active: { className: 'badge badge-success', label: 'With bot' },
  handoff: { className: 'badge badge-warning', label: 'With a person' },
  resolved: { className: 'badge badge-accent', label: 'Resolved' },
  closed: { className: 'badge', label: 'Closed' },
} satisfies Record<ConversationStatus, { className: string; label: string }>;

/** A conversation's status as a small pill with a dot. */
export function StatusBadge({ status }: { status: ConversationStatus }) {
  const style = statusStyle[status];
  return (
    <span className={style.className} data-status={status} data-testid="status-badge">
      <span aria-hidden="true" style={{ width: 6, height: 6, borderRadius: '50%', background: 'currentColor' }} />
      {style.label}
    </span>
  );
}

export function statusLabel(status: ConversationStatus): string {
  return statusStyle[status].label;
}
