'use client';

import { useQuery } from '@tanstack/react-query';
import type { Permission } from '@/lib/api-types';
import { useTRPC } from '@/lib/trpc';

/**
 * The signed-in person (`account.me`): null when nobody is signed in. Read once and shared by the
 * shell, the gate and every role-aware control.
 */
export function useMe() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.account.me.queryOptions(), staleTime: 60_000 });
}

/**
 * Whether the person's role allows `permission` in the workspace they act in. Only for hiding
 * controls: the server checks every call anyway.
 */
export function useCan(permission: Permission): boolean {
  const me = useMe();
  return me.data?.active?.permissions.includes(permission) ?? false;
}
