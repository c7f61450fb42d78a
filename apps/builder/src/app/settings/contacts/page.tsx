import type { Metadata } from 'next';
import { ContactsScreen } from '@/components/settings/ContactsScreen';

export const metadata: Metadata = { title: 'Contacts & erasure' };

export default function ContactsPage() {
  return <ContactsScreen />;
}
