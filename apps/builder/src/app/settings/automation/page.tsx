import type { Metadata } from 'next';
import { AutomationScreen } from '@/components/settings/AutomationScreen';

export const metadata: Metadata = { title: 'Automation' };

export default function AutomationPage() {
  return <AutomationScreen />;
}
