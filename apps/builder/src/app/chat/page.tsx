import type { Metadata } from 'next';
import { ChatFlowPicker } from '@/components/chat/ChatFlowPicker';

export const metadata: Metadata = { title: 'Web chat' };

export default function ChatIndexPage() {
  return <ChatFlowPicker />;
}
