'use client';

import type { AppRouter } from '@parley/api';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ErrorTextContext } from '@parley/ui';
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource as FetchEventSource } from 'eventsource';
import { useState, type ReactNode } from 'react';
import { ApiUrlContext } from '@/lib/api-url';
import { AuthClientContext, makeAuthClient } from '@/lib/auth-client';
import { CONVERSATION_TOKEN_HEADER, conversationTokenOf } from '@/lib/conversation-token';
import { errorMessage, errorStatus } from '@/lib/errors';
import { TRPCProvider } from '@/lib/trpc';

/** tRPC's query key of `account.me` starts with its path. */
const isMeQuery = (queryKey: readonly unknown[]) => JSON.stringify(queryKey[0]) === JSON.stringify(['account', 'me']);

function makeQueryClient() {
  const client: QueryClient = new QueryClient({
    // A 401 anywhere means the session ended (expired, signed out elsewhere, password reset):
    // asking `account.me` again lets the gate send the person to sign in.
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (errorStatus(error) === 401 && !isMeQuery(query.queryKey)) void client.invalidateQueries({ predicate: (q) => isMeQuery(q.queryKey) });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // Retry network hiccups, never client errors (401, 404 NOT_FOUND, 400 BAD_REQUEST, ...).
        retry: (failureCount, error) => {
          const status = errorStatus(error);
          if (status !== undefined && status >= 400 && status < 500) return false;
          return failureCount < 2;
        },
      },
    },
  });
  return client;
}

/** The session cookie lives on the API's origin: every call must carry it. */
const withCredentials: typeof fetch = (input, init) => fetch(input, { ...init, credentials: 'include' });

function makeTrpcClient(apiUrl: string) {
  const url = `${apiUrl}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: splitLink({
          condition: (op) => conversationTokenOf(op.context) !== undefined,
          // A customer's stream (the web chat): the browser's EventSource cannot send the token
          // header, and a token in the URL would land in access logs; this one reads the stream
          // with fetch, without cookies (the token is the only credential), and reconnects alike.
          true: httpSubscriptionLink({
            url,
            EventSource: FetchEventSource,
            eventSourceOptions: ({ op }) => ({
              fetch: (input, init) =>
                fetch(input, { ...init, credentials: 'omit', headers: { ...init?.headers, [CONVERSATION_TOKEN_HEADER]: conversationTokenOf(op.context) ?? '' } }),
            }),
          }),
          // Live updates: server-sent events, with the session cookie of the API's origin.
          false: httpSubscriptionLink({ url, eventSourceOptions: { withCredentials: true } }),
        }),
        false: splitLink({
          condition: (op) => conversationTokenOf(op.context) !== undefined,
          // A customer's call names its conversation's token: alone, so no other call shares it.
          true: httpLink({
            url,
            fetch: withCredentials,
            headers: ({ op }) => ({ [CONVERSATION_TOKEN_HEADER]: conversationTokenOf(op.context) ?? '' }),
          }),
          // The API refuses batches of more than 50 calls (MAX_BATCH_CALLS in apps/api/src/server.ts).
          false: httpBatchLink({ url, maxItems: 50, fetch: withCredentials }),
        }),
      }),
    ],
  });
}

/**
 * Client-side providers: TanStack Query, the typed tRPC client and Better Auth's client.
 * `apiUrl` comes from the server (root layout → `env.ts`), so it is a runtime setting.
 */
export function Providers({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() => makeTrpcClient(apiUrl));
  const [authClient] = useState(() => makeAuthClient(apiUrl));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <AuthClientContext value={authClient}>
          <ApiUrlContext value={apiUrl}>
            <ErrorTextContext value={errorMessage}>{children}</ErrorTextContext>
          </ApiUrlContext>
        </AuthClientContext>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
