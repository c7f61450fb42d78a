import type { Metadata } from 'next';
import { MacrosScreen } from '@/components/settings/MacrosScreen';

export const metadata: Metadata = { title: 'Macros' };

export default function MacrosPage() {
  return <MacrosScreen />;
}
