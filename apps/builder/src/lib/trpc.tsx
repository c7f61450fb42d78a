'use client';

import type { AppRouter } from '@parley/api';
import { createTRPCContext } from '@trpc/tanstack-react-query';

/**
 * Typed tRPC hooks for the Parley API.
 *
 *   const trpc = useTRPC();
 *   const flows = useQuery(trpc.flows.list.queryOptions());
 *
 * The client itself is created in `components/Providers.tsx` from the runtime API URL.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
