'use client';

import Link from 'next/link';
import { Avatar } from '@/components/ui/Avatar';
import listPage from '@/components/ui/listPage.module.css';
import { RequirePermission } from '@/components/settings/RequirePermission';
import { plural, shortDate } from '@/lib/format';
import { ContactSearchList } from './ContactSearchList';
import styles from './contacts.module.css';

/** Everyone who wrote or called, one contact per person across channels, searchable. */
export function ContactList() {
  return (
    <div className={listPage.page}>
      <header className={listPage.header}>
        <div>
          <h1 className={listPage.title}>Contacts</h1>
          <p className={listPage.subtitle}>One person across the widget, email, SMS and calls: find them by name, email, phone or id.</p>
        </div>
      </header>
      <RequirePermission permission="contacts:read">
        <ContactSearchList
          searchLabel="Search contacts by name, email, phone or id"
          placeholder="Search by name, email, phone or id"
          noMatch={(query) => <>No name, email, phone number or id matches “{query}”.</>}
          empty="A contact is made when someone writes or calls; the same email, phone or widget visitor finds them again."
          listClassName={listPage.list}
          listTestId="contact-list"
          renderRow={(contact) => {
            const who = contact.name ?? contact.email ?? contact.phone ?? 'Unnamed contact';
            return (
              <li key={contact.id} className={listPage.row}>
                <Link href={`/contacts/${contact.id}`} className={listPage.rowLink} data-testid={`contact-link-${contact.id}`}>
                  <Avatar name={who} id={contact.id} size={34} />
                  <span className={listPage.rowMain}>
                    <span className={listPage.rowName}>{contact.name ?? <span className={styles.dim}>Unnamed contact</span>}</span>
                    <span className={listPage.rowDescription}>{[contact.email, contact.phone].filter(Boolean).join(' · ') || 'No email or phone'}</span>
                  </span>
                  <span className={listPage.rowMeta}>
                    <span className={styles.count}>{plural(contact.conversations, 'conversation')}</span>
                    <span className={`${listPage.rowTime} ${styles.hideNarrow}`}>since {shortDate(contact.createdAt)}</span>
                  </span>
                </Link>
              </li>
            );
          }}
        />
      </RequirePermission>
    </div>
  );
}
