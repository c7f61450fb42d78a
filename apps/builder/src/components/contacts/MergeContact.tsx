'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ConfirmDialog, Icon } from '@parley/ui';
import type { ContactRow } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { plural } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { useSettledQuery } from './use-settled-query';
import styles from './contacts.module.css';

const whoOf = (contact: { name: string | null; email: string | null; phone: string | null }) => contact.name ?? contact.email ?? contact.phone ?? 'Unnamed contact';

/**
 * Finding the duplicate of this contact and merging it in, after a confirmation that says what
 * happens: its conversations, identities and attributes move here (this contact's values win).
 */
export function MergeContact({ contact, onClose }: { contact: { id: string; name: string | null; email: string | null; phone: string | null }; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const searchId = useId();
  const [typed, query, setTyped] = useSettledQuery();
  const [picked, setPicked] = useState<ContactRow | null>(null);
  const candidates = useQuery({ ...trpc.contacts.list.queryOptions({ query, limit: 8 }), enabled: query.length > 0 });
  const merge = useMutation(
    trpc.contacts.merge.mutationOptions({
      onSuccess: () => {
        setPicked(null);
        onClose();
        void queryClient.invalidateQueries(trpc.contacts.pathFilter());
      },
    }),
  );
  const others = (candidates.data?.contacts ?? []).filter((candidate) => candidate.id !== contact.id);
  return (
    <section className={styles.mergePanel} aria-label="Merge a duplicate" data-testid="merge-panel">
      <div className={styles.mergeHead}>
        <label htmlFor={searchId} className={styles.sectionTitle}>
          Merge a duplicate into {whoOf(contact)}
        </label>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onClose} aria-label="Close">
          <Icon name="x" size={14} />
        </button>
      </div>
      <input
        id={searchId}
        className="input"
        type="search"
        placeholder="Find the other contact by name, email, phone or id"
        maxLength={200}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        autoFocus
        data-testid="merge-search"
      />
      {query && candidates.isSuccess && others.length === 0 ? <p className={styles.muted}>No other contact matches.</p> : null}
      <ul className={styles.candidates}>
        {others.map((candidate) => (
          <li key={candidate.id}>
            <button type="button" className={styles.candidate} onClick={() => setPicked(candidate)} data-testid={`merge-pick-${candidate.id}`}>
              <span className={styles.candidateName}>{whoOf(candidate)}</span>
              <span className={styles.dim}>
                {[candidate.email, candidate.phone].filter(Boolean).join(' · ')} · {plural(candidate.conversations, 'conversation')}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {picked ? (
        <ConfirmDialog
          open
          title={`Merge ${whoOf(picked)} into ${whoOf(contact)}?`}
          confirmLabel="Merge"
          pendingLabel="Merging…"
          pending={merge.isPending}
          error={merge.isError ? errorMessage(merge.error) : null}
          onConfirm={() => merge.mutate({ keptId: contact.id, mergedId: picked.id })}
          onClose={() => setPicked(null)}
          testId="merge-confirm"
        >
          <p>
            {plural(picked.conversations, 'conversation')}, the identities and the attributes of {whoOf(picked)} move to {whoOf(contact)}, and {whoOf(picked)} is
            deleted. Where both have a value, {whoOf(contact)}’s stays. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
