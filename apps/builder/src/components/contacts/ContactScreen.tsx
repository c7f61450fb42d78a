'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Icon, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import { RequirePermission } from '@/components/settings/RequirePermission';
import { fullDateTime, plural, shortDate } from '@/lib/format';
import { useCan } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { ContactAttributes } from './ContactAttributes';
import { ContactTimeline } from './ContactTimeline';
import { IDENTITY_LOOK } from './channels';
import { MergeContact } from './MergeContact';
import styles from './contacts.module.css';

function Contact({ contactId }: { contactId: string }) {
  const trpc = useTRPC();
  const canManage = useCan('contacts:manage');
  const [merging, setMerging] = useState(false);
  const contact = useQuery(trpc.contacts.get.queryOptions({ id: contactId }));
  if (contact.isPending) return <LoadingState label="Loading the contact…" />;
  if (contact.isError) return <ErrorState error={contact.error} title="Could not load the contact" onRetry={() => void contact.refetch()} />;
  const data = contact.data;
  const who = data.name ?? data.email ?? data.phone ?? 'Unnamed contact';
  return (
    <>
      <header className={styles.profile}>
        <Avatar name={who} id={data.id} size={48} />
        <div className={styles.profileText}>
          <h1 className={listPage.title} data-testid="contact-title">
            {who}
          </h1>
          <p className={listPage.subtitle}>
            {[data.email, data.phone].filter(Boolean).join(' · ')}
            {data.email || data.phone ? ' · ' : ''}
            <span title={fullDateTime(data.createdAt)}>since {shortDate(data.createdAt)}</span> · {plural(data.conversations.length, 'conversation')}
          </p>
        </div>
        {canManage && !merging ? (
          <button type="button" className="btn" onClick={() => setMerging(true)} data-testid="merge-open">
            <Icon name="arrow-right-left" size={14} />
            Merge a duplicate
          </button>
        ) : null}
      </header>
      {merging ? <MergeContact contact={data} onClose={() => setMerging(false)} /> : null}
      <div className={styles.columns}>
        <div className={styles.side}>
          <section className={styles.card} aria-labelledby="identities">
            <h2 id="identities" className={styles.sectionTitle}>
              Identities
            </h2>
            {data.identities.length === 0 ? <p className={styles.muted}>None: this contact is anonymous.</p> : null}
            <ul className={styles.identities} data-testid="contact-identities">
              {data.identities.map((identity) => (
                <li key={`${identity.kind}:${identity.value}`} className={styles.identity}>
                  <Icon name={IDENTITY_LOOK[identity.kind].icon} size={14} />
                  <span className={styles.dim}>{IDENTITY_LOOK[identity.kind].label}</span>
                  <span className={styles.identityValue}>{identity.value}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className={styles.card} aria-labelledby="attributes">
            <h2 id="attributes" className={styles.sectionTitle}>
              Attributes
            </h2>
            <ContactAttributes contactId={data.id} attributes={data.attributes} canEdit={canManage} />
          </section>
        </div>
        <section className={styles.card} aria-labelledby="timeline">
          <h2 id="timeline" className={styles.sectionTitle}>
            Conversations on every channel
          </h2>
          <ContactTimeline conversations={data.conversations} />
        </section>
      </div>
    </>
  );
}

/** One person: how they are recognised on each channel, their attributes, and every conversation they had. */
export function ContactScreen({ contactId }: { contactId: string }) {
  return (
    <div className={`${listPage.page} ${listPage.pageWide}`}>
      <Link href="/contacts" className={styles.back}>
        <Icon name="arrow-left" size={14} />
        Contacts
      </Link>
      <RequirePermission permission="contacts:read">
        <Contact contactId={contactId} />
      </RequirePermission>
    </div>
  );
}
