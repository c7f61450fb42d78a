import type { Metadata } from 'next';
import { TeamsScreen } from '@/components/settings/TeamsScreen';

export const metadata: Metadata = { title: 'Teams' };

export default function TeamsPage() {
  return <TeamsScreen />;
}
