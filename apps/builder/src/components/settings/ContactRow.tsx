'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Icon } from '@parley/ui';
import type { ContactRow as Contact, EraseOutcome } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { fullDateTime, plural, shortDate } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { EraseContactDialog } from './EraseContactDialog';
import styles from './settings.module.css';

/**
 * One contact with its conversation count and first contact; "Erase" asks first. While the
 * erasure runs longer than the API waits, the row says "Erasing…" and "Check again" joins it.
 */
export function ContactRow({ contact, onErased }: { contact: Contact; onErased: (who: string, outcome: EraseOutcome) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const who = contact.name ?? contact.email ?? 'Unnamed contact';
  const erase = useMutation(
    trpc.contacts.erase.mutationOptions({
      onSuccess: (outcome) => {
        setConfirming(false);
        onErased(who, outcome);
        if (outcome.status === 'erased') void queryClient.invalidateQueries(trpc.contacts.list.pathFilter());
      },
    }),
  );
  const erasing = erase.isPending || erase.data?.status === 'erasing';
  return (
    <li className={styles.row} data-testid={`contact-${contact.id}`} data-erasing={erasing || undefined}>
      <div className={styles.rowMain}>
        <Avatar name={who} id={contact.id} size={30} />
        <div className={styles.rowText}>
          <span className={styles.rowName}>{contact.name ?? <span className={styles.dim}>Unnamed contact</span>}</span>
          <span className={`${styles.rowSub} ${styles.rowSubWrap}`}>
            {contact.email ?? 'no email'} · {plural(contact.conversations, 'conversation')} ·{' '}
            <span title={fullDateTime(contact.createdAt)}>since {shortDate(contact.createdAt)}</span>
          </span>
          {erase.isError && !confirming ? (
            <span className={styles.error} role="alert">
              {errorMessage(erase.error)}
            </span>
          ) : null}
        </div>
      </div>
      <div className={styles.rowActions}>
        {erasing ? (
          <>
            <span className="badge badge-warning" role="status" data-testid="contact-erasing">
              <span className="spinner" aria-hidden="true" />
              Erasing…
            </span>
            <button type="button" className="btn btn-sm" disabled={erase.isPending} onClick={() => erase.mutate({ contactId: contact.id })}>
              <Icon name="refresh" size={13} />
              Check again
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-sm btn-danger" onClick={() => setConfirming(true)} aria-label={`Erase ${who}`} data-testid="contact-erase">
            <Icon name="user-x" size={13} />
            <span aria-hidden="true">Erase</span>
          </button>
        )}
      </div>
      {/* Mounted only while asked, so a long list does not carry a dialog per row. */}
      {confirming ? (
        <EraseContactDialog
          contact={contact}
          open
          pending={erase.isPending}
          error={erase.isError ? errorMessage(erase.error) : null}
          onConfirm={() => erase.mutate({ contactId: contact.id })}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </li>
  );
}
