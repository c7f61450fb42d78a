'use client';

import { ErrorState } from '@parley/ui';

/** Last-resort boundary for unexpected render errors in a page. */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorState error={error} title="This page crashed" onRetry={retry} />;
}
