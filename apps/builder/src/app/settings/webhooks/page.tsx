import type { Metadata } from 'next';
import { WebhooksScreen } from '@/components/settings/WebhooksScreen';

export const metadata: Metadata = { title: 'Webhooks' };

export default function WebhooksPage() {
  return <WebhooksScreen />;
}
