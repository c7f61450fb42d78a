import type { Priority } from '@/lib/api-types';

const priorityStyle = {
  urgent: { className: 'badge badge-danger', label: 'Urgent' },
  high: { className: 'badge badge-warning', label: 'High' },
  normal: { className: 'badge', label: 'Normal' },
  low: { className: 'badge', label: 'Low' },
} satisfies Record<Priority, { className: string; label: string }>;

/** A handoff's priority; urgent and high stand out, normal and low stay quiet. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const style = priorityStyle[priority];
  return (
    <span className={style.className} data-priority={priority} data-testid="priority-badge" title={`${style.label} priority`}>
      {priority === 'urgent' || priority === 'high' ? <span aria-hidden="true">{priority === 'urgent' ? '!!' : '!'}</span> : null}
      {style.label}
      <span className="sr-only"> priority</span>
    </span>
  );
}

export function priorityLabel(priority: Priority): string {
  return priorityStyle[priority].label;
}
