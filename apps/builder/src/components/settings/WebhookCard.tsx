'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Icon } from '@parley/ui';
import type { WebhookSubscription } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { fullDateTime, relativeTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { SecretOnce } from './SecretOnce';
import { WebhookDeliveryLog } from './WebhookDeliveryLog';
import { SigningNote } from './SigningNote';
import { WEBHOOK_EVENTS } from './webhook-events';
import styles from './settings.module.css';
import hooks from './webhooks.module.css';

/** One endpoint: what it hears, whether it is on, its actions and (opened) its delivery log. */
export function WebhookCard({ subscription }: { subscription: WebhookSubscription }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [logOpen, setLogOpen] = useState(false);
  const [rotated, setRotated] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries(trpc.webhooks.list.queryFilter());
  const refreshLog = () => void queryClient.invalidateQueries(trpc.webhooks.deliveries.queryFilter({ id: subscription.id }));
  const update = useMutation(trpc.webhooks.update.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSettled: refresh }));
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions({ onSuccess: (result) => setRotated(result.secret) }));
  const test = useMutation(
    trpc.webhooks.sendTest.mutationOptions({
      onSuccess: () => {
        setLogOpen(true);
        refreshLog();
      },
    }),
  );
  const failure = [update, remove, rotate, test].find((mutation) => mutation.isError)?.error;

  return (
    <li className={hooks.subscription} data-testid={`webhook-${subscription.url}`}>
      <div className={hooks.head}>
        <div className={styles.rowMain}>
          <span className={subscription.enabled ? styles.keyIcon : `${styles.keyIcon} ${styles.keyIconRevoked}`} aria-hidden="true">
            <Icon name="webhook" size={15} />
          </span>
          <div className={styles.rowText}>
            <span className={hooks.url}>{subscription.url}</span>
            <span className={styles.rowSub} title={fullDateTime(subscription.createdAt)}>
              {subscription.description ? `${subscription.description} · ` : ''}added {relativeTime(subscription.createdAt)}
            </span>
          </div>
        </div>
        {subscription.enabled ? (
          <span className="badge badge-success">Enabled</span>
        ) : (
          <span className="badge badge-warning" title={subscription.disabledReason ?? undefined} data-testid="webhook-disabled">
            {subscription.disabledReason ? 'Disabled: 410 Gone' : 'Disabled'}
          </span>
        )}
      </div>
      <div className={hooks.badges} aria-label="Events">
        {subscription.eventTypes.map((type) => (
          <span key={type} className="badge" title={WEBHOOK_EVENTS[type]}>
            {type}
          </span>
        ))}
      </div>
      {rotated ? <SecretOnce title="New signing secret" value={rotated} note={<SigningNote rotated />} onDone={() => setRotated(null)} testId="webhook-rotated" /> : null}
      <div className={hooks.actions}>
        <button type="button" className="btn btn-sm" disabled={!subscription.enabled || test.isPending} onClick={() => test.mutate({ id: subscription.id })} data-testid="webhook-test">
          <Icon name="send" size={13} />
          {test.isPending ? 'Sending…' : 'Send test event'}
        </button>
        <button type="button" className="btn btn-sm" aria-expanded={logOpen} onClick={() => setLogOpen((open) => !open)} data-testid="webhook-log-toggle">
          <Icon name="scroll-text" size={13} />
          {logOpen ? 'Hide deliveries' : 'Deliveries'}
        </button>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          disabled={rotate.isPending}
          onClick={() => {
            if (window.confirm('Make a new signing secret? The old one keeps working for 24 hours.')) rotate.mutate({ id: subscription.id });
          }}
        >
          <Icon name="key-round" size={13} />
          Rotate secret
        </button>
        <button type="button" className="btn btn-sm btn-ghost" disabled={update.isPending} onClick={() => update.mutate({ id: subscription.id, enabled: !subscription.enabled })} data-testid="webhook-toggle">
          <Icon name={subscription.enabled ? 'circle-stop' : 'play'} size={13} />
          {subscription.enabled ? 'Disable' : 'Enable'}
        </button>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(`Delete the webhook to ${subscription.url}? Its delivery log goes with it.`)) remove.mutate({ id: subscription.id });
          }}
        >
          <Icon name="trash" size={13} />
          Delete
        </button>
      </div>
      {failure ? (
        <span className={styles.error} role="alert">
          {errorMessage(failure)}
        </span>
      ) : null}
      {logOpen ? <WebhookDeliveryLog subscriptionId={subscription.id} enabled={subscription.enabled} /> : null}
    </li>
  );
}
