'use client';

import type { AppRouter } from '@parley/api';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { useState, type ReactNode } from 'react';
import { ApiUrlContext } from '@/lib/api-url';
import { errorStatus } from '@/lib/errors';
import { TRPCProvider } from '@/lib/trpc';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // Retry network hiccups, never client errors (404 NOT_FOUND, 400 BAD_REQUEST, ...).
        retry: (failureCount, error) => {
          const status = errorStatus(error);
          if (status !== undefined && status >= 400 && status < 500) return false;
          return failureCount < 2;
        },
      },
    },
  });
}

/**
 * Client-side providers: TanStack Query + the typed tRPC client.
 * `apiUrl` comes from the server (root layout → `env.ts`), so it is a runtime setting.
 */
export function Providers({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      // The API refuses batches of more than 50 calls (MAX_BATCH_CALLS in apps/api/src/server.ts).
      links: [httpBatchLink({ url: `${apiUrl}/trpc`, maxItems: 50 })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ApiUrlContext value={apiUrl}>{children}</ApiUrlContext>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
