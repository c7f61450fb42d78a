'use client';

import { useState } from 'react';
import { Icon } from '@parley/ui';
import { ContactSearchList } from '@/components/contacts/ContactSearchList';
import listPage from '@/components/ui/listPage.module.css';
import type { EraseOutcome } from '@/lib/api-types';
import { plural } from '@/lib/format';
import { ContactRow } from './ContactRow';
import { RequirePermission } from './RequirePermission';
import { SettingsHeader } from './SettingsHeader';
import styles from './settings.module.css';

function ErasureResult({ who, outcome, onDismiss }: { who: string; outcome: EraseOutcome; onDismiss: () => void }) {
  const done = outcome.status === 'erased';
  return (
    <div className={done ? styles.resultDone : styles.resultPending} role="status" data-testid="erase-result" data-status={outcome.status}>
      <Icon name={done ? 'check-circle' : 'clock'} size={16} />
      <p>
        {done ? (
          <>
            <strong>{who} was erased:</strong> {plural(outcome.conversations, 'conversation')}, {plural(outcome.messages, 'message')} and{' '}
            {plural(outcome.recordings, 'recording')} deleted.
          </>
        ) : (
          <>
            <strong>Erasing {who}…</strong> It is taking a while and carries on in the background, even if you leave this page.
          </>
        )}
      </p>
      <button type="button" className="btn btn-sm btn-ghost" onClick={onDismiss} aria-label="Dismiss">
        <Icon name="x" size={13} />
      </button>
    </div>
  );
}

function Contacts() {
  const [result, setResult] = useState<{ who: string; outcome: EraseOutcome } | null>(null);
  return (
    <ContactSearchList
      searchLabel="Search contacts by name or email"
      placeholder="Search by name or email"
      noMatch={(query) => <>Nobody’s name or email contains “{query}”.</>}
      empty="A contact is created when a customer writes or calls and gives a name or email."
      listClassName={styles.list}
      listTestId="contacts"
      notice={result ? <ErasureResult who={result.who} outcome={result.outcome} onDismiss={() => setResult(null)} /> : null}
      renderRow={(contact) => <ContactRow key={contact.id} contact={contact} onErased={(who, outcome) => setResult({ who, outcome })} />}
    />
  );
}

/** The people who wrote or called, to find one and erase everything Parley holds about them. */
export function ContactsScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Contacts & erasure" subtitle="Find a customer and erase all their data when they ask to be forgotten." />
      <RequirePermission permission="settings:manage">
        <Contacts />
      </RequirePermission>
    </div>
  );
}
