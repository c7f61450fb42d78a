import type { Metadata } from 'next';
import { RetentionScreen } from '@/components/settings/RetentionScreen';

export const metadata: Metadata = { title: 'Data retention' };

export default function RetentionPage() {
  return <RetentionScreen />;
}
