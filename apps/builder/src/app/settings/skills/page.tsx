import type { Metadata } from 'next';
import { SkillsScreen } from '@/components/settings/SkillsScreen';

export const metadata: Metadata = { title: 'Skills' };

export default function SkillsPage() {
  return <SkillsScreen />;
}
