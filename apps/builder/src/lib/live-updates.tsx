'use client';

import { useQueryClient, type QueryFilters } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { useTRPC } from './trpc';

/** Where the stream stands: `off` for people who get no stream (signed out, analysts). */
export type LiveStatus = 'off' | 'connecting' | 'live' | 'down';

const LiveStatusContext = createContext<LiveStatus>('off');

/**
 * With the stream up, lists refresh when the server says something changed; this slow refetch
 * only catches what a stream cannot (a change past the feed's hour, a late PostgreSQL commit).
 */
export const SAFETY_REFETCH_MS = 60_000;
/** How long a burst of events is gathered before the queries they touch are refetched once. */
const BATCH_MS = 100;
/** After a refusal (the session ended; 401 sends the person to sign in elsewhere) try again this late. */
const RETRY_AFTER_ERROR_MS = 10_000;
/**
 * A draining API ends its streams: come back within this (spread, so a deploy's browsers do not
 * all return at once). The new stream's `ready` refetches what may have changed in between.
 */
const RESUBSCRIBE_MAX_MS = 2_000;

/**
 * How often a query should poll: rarely while live updates flow, `fallbackMs` (the old polling)
 * while the stream is down or off, so a page keeps working without it.
 */
export function useLiveRefetchInterval(fallbackMs: number): number {
  return useContext(LiveStatusContext) === 'live' ? SAFETY_REFETCH_MS : fallbackMs;
}

export function useLiveStatus(): LiveStatus {
  return useContext(LiveStatusContext);
}

type Trpc = ReturnType<typeof useTRPC>;

/** Which queries each kind of change makes stale. */
function staleQueries(trpc: Trpc, kind: string): QueryFilters[] {
  const conversations = [trpc.conversations.pathFilter(), trpc.contactPanel.pathFilter()];
  const people = [trpc.presence.pathFilter(), trpc.teams.list.pathFilter()];
  switch (kind) {
    case 'message':
      return conversations;
    case 'label':
      return [...conversations, trpc.labels.pathFilter()];
    case 'conversation.created':
    case 'conversation.updated':
      // Assignments move agents' load and the queues' counts too.
      return [...conversations, ...people, trpc.routing.pathFilter()];
    case 'offer':
      return [trpc.routing.pathFilter(), trpc.conversations.list.pathFilter(), ...people];
    case 'notification':
      return [trpc.notifications.pathFilter()];
    case 'presence':
      return people;
    default:
      // `ready` (a fresh stream: what happened before it started is unknown) and `resync`.
      return [...conversations, ...people, trpc.routing.pathFilter(), trpc.notifications.pathFilter()];
  }
}

/**
 * Subscribes once to the API's live feed (server-sent events; the browser's reconnect resumes
 * from the last event id, so nothing is missed) and marks stale the queries each change touches.
 */
export function useLiveUpdates(enabled: boolean): LiveStatus {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const subscription = useSubscription(
    trpc.live.events.subscriptionOptions(
      {},
      {
        enabled,
        onData: ({ data }) => {
          pending.current.add(data.kind);
          timer.current ??= setTimeout(() => {
            timer.current = null;
            const kinds = [...pending.current];
            pending.current.clear();
            const seen = new Set<string>();
            for (const filter of kinds.flatMap((kind) => staleQueries(trpc, kind))) {
              const key = JSON.stringify(filter.queryKey);
              if (seen.has(key)) continue;
              seen.add(key);
              void queryClient.invalidateQueries(filter);
            }
          }, BATCH_MS);
        },
      },
    ),
  );

  const { status, reset } = subscription;
  useEffect(() => {
    if (!enabled || (status !== 'error' && status !== 'idle')) return;
    const retry = setTimeout(reset, status === 'error' ? RETRY_AFTER_ERROR_MS : 250 + Math.random() * RESUBSCRIBE_MAX_MS);
    return () => clearTimeout(retry);
  }, [enabled, status, reset]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  if (!enabled) return 'off';
  switch (status) {
    case 'pending':
      return 'live';
    case 'error':
      return 'down';
    case 'connecting':
      // Every stream's first event is `ready`: with data, this is a reconnect.
      return subscription.data === undefined ? 'connecting' : 'down';
    default:
      // Idle: the server ended the stream (it is draining); we are on our way back.
      return subscription.data === undefined ? 'connecting' : 'down';
  }
}

/** Runs the live feed for the signed-in person's pages and tells them whether it flows. */
export function LiveUpdates({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const status = useLiveUpdates(enabled);
  return <LiveStatusContext value={status}>{children}</LiveStatusContext>;
}
