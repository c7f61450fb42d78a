import type { Metadata } from 'next';
import { InvitationAccept } from '@/components/auth/InvitationAccept';

export const metadata: Metadata = { title: 'Invitation' };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <InvitationAccept token={token} />;
}
