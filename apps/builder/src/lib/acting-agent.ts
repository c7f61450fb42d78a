'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import type { Person } from '@/lib/api-types';
import { useTRPC } from '@/lib/trpc';

/**
 * "Acting as": which teammate the inbox works as. There is no login yet, so the agent picks
 * themselves from `users.list`; the choice is remembered in localStorage (per browser) and
 * shared by every component through `useSyncExternalStore` (and across tabs via `storage`).
 */
const STORAGE_KEY = 'parley.inbox.actingAgentId';
const listeners = new Set<() => void>();
/** Fallback when localStorage is unavailable, so the choice still holds for this page. */
let memory: string | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, policies)
  }
}

function writeStored(id: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // not remembered; still applies to this page through the listeners below
  }
  memory = id;
  for (const listener of listeners) listener();
}

const getSnapshot = () => readStored() ?? memory;
const getServerSnapshot = () => null;

/** The default when nothing (valid) is stored: the first agent, else the first person. */
export function defaultActingAgent(people: Person[]): Person | null {
  return people.find((person) => person.role === 'agent') ?? people[0] ?? null;
}

export function useActingAgent() {
  const trpc = useTRPC();
  const users = useQuery({ ...trpc.users.list.queryOptions(), staleTime: 60_000 });
  const storedId = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  const people = users.data ?? [];
  const agent = people.find((person) => person.id === storedId) ?? defaultActingAgent(people);
  const setAgentId = useCallback((id: string) => writeStored(id), []);
  return { people, agent, setAgentId, users };
}
