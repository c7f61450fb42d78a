import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AnalyticsScreen } from '@/components/analytics/AnalyticsScreen';

export const metadata: Metadata = { title: 'Analytics' };

export default function AnalyticsPage() {
  return (
    <Suspense>
      <AnalyticsScreen />
    </Suspense>
  );
}
