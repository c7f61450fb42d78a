import type { Metadata } from 'next';
import { CannedResponsesScreen } from '@/components/settings/CannedResponsesScreen';

export const metadata: Metadata = { title: 'Canned responses' };

export default function CannedResponsesPage() {
  return <CannedResponsesScreen />;
}
