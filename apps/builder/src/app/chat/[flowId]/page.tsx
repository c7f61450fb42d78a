import type { Metadata } from 'next';
import { WebChat } from '@/components/chat/WebChat';

export const metadata: Metadata = { title: 'Web chat' };

export default async function ChatPage({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  // Keyed by flow so switching flows starts a fresh widget.
  return <WebChat key={flowId} flowId={flowId} />;
}
