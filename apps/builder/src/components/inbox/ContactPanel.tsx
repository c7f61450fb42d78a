'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { Icon, ErrorState, LoadingState } from '@parley/ui';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { errorMessage } from '@/lib/errors';
import { shortDate } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { CHANNEL_LOOK, IDENTITY_LOOK } from '@/components/contacts/channels';
import styles from './contact-panel.module.css';

type Fields = { name: string; email: string; phone: string };

/**
 * The person behind the conversation, beside it (a sheet from the bottom on phones): their
 * details (agents correct them in place), how they are recognised on each channel, what the flow
 * collected, and their other conversations on every channel (the contact page has the rest).
 */
export function ContactPanel({ conversationId, canWork, onClose }: { conversationId: string; canWork: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const panel = useQuery(trpc.contactPanel.get.queryOptions({ conversationId }));
  const [editing, setEditing] = useState<Fields | null>(null);
  const ids = { name: useId(), email: useId(), phone: useId() };
  const update = useMutation(
    trpc.contactPanel.update.mutationOptions({
      onSuccess: () => {
        setEditing(null);
        void queryClient.invalidateQueries(trpc.contactPanel.get.queryFilter({ conversationId }));
        void queryClient.invalidateQueries(trpc.conversations.get.queryFilter({ id: conversationId }));
      },
    }),
  );

  function save(event: FormEvent) {
    event.preventDefault();
    if (!editing) return;
    const value = (text: string) => (text.trim() ? text.trim() : null);
    update.mutate({ conversationId, name: value(editing.name), email: value(editing.email), phone: value(editing.phone) });
  }

  return (
    <aside className={styles.panel} aria-label="Contact" data-testid="contact-panel">
      <div className={styles.head}>
        <h3 className={styles.title}>Contact</h3>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onClose} aria-label="Close the contact panel">
          <Icon name="x" size={14} />
        </button>
      </div>
      {panel.isPending ? <LoadingState label="Loading the contact…" /> : null}
      {panel.isError ? <ErrorState error={panel.error} title="Could not load the contact" onRetry={() => void panel.refetch()} /> : null}
      {panel.data ? (
        <>
          {editing ? (
            <form className={styles.form} onSubmit={save} data-testid="contact-form">
              {(['name', 'email', 'phone'] as const).map((field) => (
                <div className="field" key={field}>
                  <label htmlFor={ids[field]} className="field-label">
                    {field === 'name' ? 'Name' : field === 'email' ? 'Email' : 'Phone'}
                  </label>
                  <input
                    id={ids[field]}
                    className="input"
                    type={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'}
                    value={editing[field]}
                    onChange={(event) => setEditing({ ...editing, [field]: event.target.value })}
                    data-testid={`contact-${field}-input`}
                  />
                </div>
              ))}
              {update.error ? (
                <p className="field-error" role="alert">
                  {errorMessage(update.error)}
                </p>
              ) : null}
              <div className={styles.buttons}>
                <button type="submit" className="btn btn-sm btn-primary" disabled={update.isPending} data-testid="contact-save">
                  Save
                </button>
                <button type="button" className="btn btn-sm" onClick={() => setEditing(null)}>
                  Cancel
                </button>
              </div>
            </form>
          ) : (
            <dl className={styles.facts} data-testid="contact-facts">
              <dt>Name</dt>
              <dd data-testid="contact-name">{panel.data.contact.name ?? '—'}</dd>
              <dt>Email</dt>
              <dd data-testid="contact-email">{panel.data.contact.email ?? '—'}</dd>
              <dt>Phone</dt>
              <dd data-testid="contact-phone">{panel.data.contact.phone ?? '—'}</dd>
            </dl>
          )}
          {panel.data.identities.length > 0 ? (
            <ul className={styles.identities} data-testid="contact-identities">
              {panel.data.identities.map((identity) => (
                <li key={`${identity.kind}:${identity.value}`} title={IDENTITY_LOOK[identity.kind].label}>
                  <Icon name={IDENTITY_LOOK[identity.kind].icon} size={12} />
                  <span>{identity.value}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <Link href={`/contacts/${panel.data.contact.id}`} className={styles.contactLink} data-testid="contact-page-link">
            Open the contact’s page
          </Link>
          {canWork && !editing ? (
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => setEditing({ name: panel.data.contact.name ?? '', email: panel.data.contact.email ?? '', phone: panel.data.contact.phone ?? '' })}
              data-testid="contact-edit"
            >
              <Icon name="pencil" size={13} />
              Edit details
            </button>
          ) : null}
          <h4 className={styles.section}>Collected by the flow</h4>
          {panel.data.attributes.length === 0 ? (
            <p className={styles.muted}>Nothing yet.</p>
          ) : (
            <dl className={styles.facts} data-testid="contact-attributes">
              {panel.data.attributes.map((attribute) => (
                <div key={attribute.name} className={styles.fact}>
                  <dt>{attribute.name}</dt>
                  <dd>{attribute.value}</dd>
                </div>
              ))}
            </dl>
          )}
          <h4 className={styles.section}>Other conversations</h4>
          {panel.data.past.length === 0 ? (
            <p className={styles.muted}>None.</p>
          ) : (
            <ul className={styles.past} data-testid="contact-past">
              {panel.data.past.map((past) => (
                <li key={past.id}>
                  <Link href={`/inbox/${past.id}`} className={styles.pastLink} title={CHANNEL_LOOK[past.channel].label}>
                    <Icon name={CHANNEL_LOOK[past.channel].icon} size={13} />
                    <span>{shortDate(past.createdAt)}</span>
                    <StatusBadge status={past.status} />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </aside>
  );
}
