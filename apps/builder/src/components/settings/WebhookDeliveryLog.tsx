'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Icon } from '@parley/ui';
import type { WebhookDeliveryAttempt } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { fullDateTime, relativeTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import hooks from './webhooks.module.css';

/** While the log is open it follows new attempts (retries arrive on their own over hours). */
const LOG_REFRESH_MS = 3_000;

const OUTCOMES = {
  delivered: { label: 'Delivered', badge: 'badge-success' },
  failed: { label: 'Failed', badge: 'badge-warning' },
  refused: { label: 'Refused', badge: 'badge-danger' },
  gone: { label: 'Gone (410)', badge: 'badge-danger' },
} as const satisfies Record<WebhookDeliveryAttempt['outcome'], { label: string; badge: string }>;

/** Every attempt to one endpoint, newest first, with a Redeliver per event. */
export function WebhookDeliveryLog({ subscriptionId, enabled }: { subscriptionId: string; enabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const log = useQuery({ ...trpc.webhooks.deliveries.queryOptions({ id: subscriptionId }), refetchInterval: LOG_REFRESH_MS });
  const redeliver = useMutation(trpc.webhooks.redeliver.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.webhooks.deliveries.queryFilter({ id: subscriptionId })) }));

  if (log.isPending) return <p className={hooks.logEmpty}>Loading deliveries…</p>;
  if (log.isError) return <p className="field-error">{errorMessage(log.error)}</p>;
  if (log.data.length === 0) return <p className={hooks.logEmpty} data-testid="webhook-log-empty">No deliveries yet. Send a test event to try the endpoint.</p>;
  return (
    <div className={hooks.log}>
      <table className={hooks.table} data-testid="webhook-log">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">Attempt</th>
            <th scope="col">Outcome</th>
            <th scope="col">Answer</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {log.data.map((attempt) => (
            <tr key={attempt.id} data-testid="webhook-attempt">
              <td title={fullDateTime(attempt.createdAt)}>{relativeTime(attempt.createdAt)}</td>
              <td>
                <span className="mono">{attempt.eventType}</span> <span className="mono">{attempt.eventId}</span>
              </td>
              <td>#{attempt.attempt}</td>
              <td>
                <span className={`badge ${OUTCOMES[attempt.outcome].badge}`}>{OUTCOMES[attempt.outcome].label}</span>{' '}
                {attempt.responseStatus !== null ? <span className="mono">HTTP {attempt.responseStatus}</span> : null} · {attempt.durationMs} ms
              </td>
              <td className={hooks.answer} title={attempt.responseBody ?? undefined}>
                {attempt.responseBody || '—'}
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  disabled={!enabled || redeliver.isPending}
                  onClick={() => redeliver.mutate({ id: subscriptionId, eventId: attempt.eventId })}
                  data-testid="webhook-redeliver"
                >
                  <Icon name="rotate-ccw" size={13} />
                  Redeliver
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {redeliver.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(redeliver.error)}
        </p>
      ) : null}
    </div>
  );
}
