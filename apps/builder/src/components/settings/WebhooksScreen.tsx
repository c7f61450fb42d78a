'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Icon, QueryList } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import type { WebhookEventType } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { RequirePermission } from './RequirePermission';
import { SecretOnce } from './SecretOnce';
import { SigningNote } from './SigningNote';
import { SettingsHeader } from './SettingsHeader';
import { WebhookCard } from './WebhookCard';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS } from './webhook-events';
import styles from './settings.module.css';
import hooks from './webhooks.module.css';

function CreateWebhook() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const urlId = useId();
  const descriptionId = useId();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['conversation.created', 'conversation.resolved']);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: (result) => {
        setCreated({ url: result.url, secret: result.secret });
        setUrl('');
        setDescription('');
        void queryClient.invalidateQueries(trpc.webhooks.list.queryFilter());
      },
    }),
  );
  function toggle(type: WebhookEventType, on: boolean) {
    setEvents((current) => (on ? WEBHOOK_EVENT_TYPES.filter((t) => t === type || current.includes(t)) : current.filter((t) => t !== type)));
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    if (url.trim() && events.length > 0) create.mutate({ url: url.trim(), eventTypes: events, ...(description.trim() ? { description: description.trim() } : {}) });
  }
  return (
    <section className={styles.card} aria-label="Add a webhook">
      <h2 className={styles.cardTitle}>Add an endpoint</h2>
      {created ? <SecretOnce title={`Signing secret for ${created.url}`} value={created.secret} note={<SigningNote />} onDone={() => setCreated(null)} testId="webhook-created" /> : null}
      <form className={styles.secretForm} onSubmit={submit} data-testid="webhook-form">
        <div className={styles.formRow}>
          <div className="field">
            <label htmlFor={urlId} className="field-label">
              Endpoint URL
            </label>
            <input
              id={urlId}
              className="input"
              type="url"
              required
              maxLength={2000}
              placeholder="https://example.com/parley/webhooks"
              value={url}
              onChange={(event) => setUrl(event.target.value)}
              data-testid="webhook-url"
            />
          </div>
          <div className="field">
            <label htmlFor={descriptionId} className="field-label">
              Description <span className={styles.dim}>(optional)</span>
            </label>
            <input id={descriptionId} className="input" maxLength={200} placeholder="e.g. CRM sync" value={description} onChange={(event) => setDescription(event.target.value)} />
          </div>
        </div>
        <fieldset className={hooks.events}>
          <legend className="field-label">Events</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className={hooks.event}>
              <input type="checkbox" checked={events.includes(type)} onChange={(event) => toggle(type, event.target.checked)} data-testid={`webhook-event-${type}`} />
              <span className={hooks.eventText}>
                {WEBHOOK_EVENTS[type]}
                <code>{type}</code>
              </span>
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="btn btn-primary" disabled={create.isPending || !url.trim() || events.length === 0} data-testid="webhook-submit">
            <Icon name="plus" size={14} />
            {create.isPending ? 'Adding…' : 'Add endpoint'}
          </button>
        </div>
      </form>
      {create.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(create.error)}
        </p>
      ) : null}
    </section>
  );
}

function Subscriptions() {
  const trpc = useTRPC();
  const subscriptions = useQuery(trpc.webhooks.list.queryOptions());
  return (
    <>
      <CreateWebhook />
      <QueryList
        query={subscriptions}
        noun="webhooks"
        empty={{ icon: 'webhook', title: 'No webhooks yet', testId: 'webhooks-empty', text: 'Endpoints hear about conversations, messages, handoffs, ratings and SLA alerts as they happen, each delivery signed.' }}
      >
        {(items) => (
          <ul className={styles.list} data-testid="webhooks">
            {items.map((subscription) => (
              <WebhookCard key={subscription.id} subscription={subscription} />
            ))}
          </ul>
        )}
      </QueryList>
    </>
  );
}

/** Outbound webhooks: endpoints, the events they hear, a signing secret each, and what was delivered. */
export function WebhooksScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Webhooks" subtitle="Tell your other systems what happens in Parley. Failed deliveries are retried for hours." />
      <RequirePermission permission="webhooks:manage">
        <Subscriptions />
      </RequirePermission>
    </div>
  );
}
