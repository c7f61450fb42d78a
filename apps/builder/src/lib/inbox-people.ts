'use client';

import { useQuery } from '@tanstack/react-query';
import type { Person, WorkspaceRole } from '@/lib/api-types';
import { useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';

/** Roles that see every conversation and assign anyone (packages/api SEES_ALL_CONVERSATIONS); agents take conversations themselves. */
const ASSIGNS_ANYONE: ReadonlySet<WorkspaceRole> = new Set(['owner', 'admin', 'supervisor']);

/**
 * The inbox's people: who may be assigned, and the signed-in person, who is the one replying,
 * assigning and resolving.
 */
export function useInboxPeople() {
  const trpc = useTRPC();
  const meQuery = useMe();
  const users = useQuery({ ...trpc.users.list.queryOptions(), staleTime: 60_000 });
  const me = meQuery.data?.active ? meQuery.data : null;
  const people = users.data ?? [];
  const self: Person | null = me
    ? (people.find((person) => person.id === me.user.id) ?? { id: me.user.id, name: me.user.name, email: me.user.email, role: me.active!.role })
    : null;
  return { people, me: self, assignsAnyone: me ? ASSIGNS_ANYONE.has(me.active!.role) : false };
}
