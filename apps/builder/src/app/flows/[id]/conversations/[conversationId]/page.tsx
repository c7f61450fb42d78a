import type { Metadata } from 'next';
import { PathView } from '@/components/path/PathView';

export const metadata: Metadata = { title: 'Conversation path' };

export default async function ConversationPathPage({ params }: { params: Promise<{ id: string; conversationId: string }> }) {
  const { id, conversationId } = await params;
  return <PathView key={conversationId} flowId={id} conversationId={conversationId} />;
}
