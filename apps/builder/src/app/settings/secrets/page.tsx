import type { Metadata } from 'next';
import { SecretsScreen } from '@/components/settings/SecretsScreen';

export const metadata: Metadata = { title: 'Secrets' };

export default function SecretsPage() {
  return <SecretsScreen />;
}
