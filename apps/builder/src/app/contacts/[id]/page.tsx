import type { Metadata } from 'next';
import { ContactScreen } from '@/components/contacts/ContactScreen';

export const metadata: Metadata = { title: 'Contact' };

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ContactScreen contactId={id} />;
}
