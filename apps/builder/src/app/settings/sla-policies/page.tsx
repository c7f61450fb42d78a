import type { Metadata } from 'next';
import { SlaPoliciesScreen } from '@/components/settings/SlaPoliciesScreen';

export const metadata: Metadata = { title: 'SLA policies' };

export default function SlaPoliciesPage() {
  return <SlaPoliciesScreen />;
}
