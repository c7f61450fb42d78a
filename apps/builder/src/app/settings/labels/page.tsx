import type { Metadata } from 'next';
import { LabelsScreen } from '@/components/settings/LabelsScreen';

export const metadata: Metadata = { title: 'Labels' };

export default function LabelsPage() {
  return <LabelsScreen />;
}
