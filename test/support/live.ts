import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import type { AppRouter } from "@parley/api";
import { TEST_APP_ORIGIN } from "./api";

/** One live event as a subscriber receives it: the feed id and what changed. */
export interface ReceivedLiveEvent {
  id: number;
  kind: string;
  conversationId: string | null;
  /** performance.now() when it arrived (bench/live measures from it). */
  receivedAt: number;
}

/**
 * A tRPC client whose subscriptions run over server-sent events, as the builder's do, signed in
 * with `cookie`. Node has no EventSource: the `eventsource` package's takes a fetch, which adds
 * the cookie a browser would send.
 */
export function liveClient(baseUrl: string, cookie: string) {
  const headers = { cookie, origin: TEST_APP_ORIGIN };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: `${baseUrl}/trpc`,
          EventSource,
          eventSourceOptions: { fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }) },
        }),
        false: httpLink({ url: `${baseUrl}/trpc`, headers }),
      }),
    ],
  });
}

/**
 * Subscribes to `live.events` (from `lastEventId` when given) and records what arrives; `until`
 * resolves once the recorded events satisfy a condition (or fails after `attempts` tenths of a second).
 */
export function recordLiveEvents(client: ReturnType<typeof liveClient>, lastEventId?: string) {
  const events: ReceivedLiveEvent[] = [];
  const errors: unknown[] = [];
  const state = { completed: false };
  const subscription = client.live.events.subscribe(lastEventId ? { lastEventId } : {}, {
    onData: ({ id, data }) => events.push({ id: Number(id), kind: data.kind, conversationId: data.conversationId, receivedAt: performance.now() }),
    onError: (err) => errors.push(err),
    onComplete: () => (state.completed = true),
  });
  return {
    events,
    errors,
    /** The server ended the stream (a draining server). */
    get completed() {
      return state.completed;
    },
    stop: () => subscription.unsubscribe(),
    async until(ok: (events: ReceivedLiveEvent[]) => boolean, attempts = 300): Promise<ReceivedLiveEvent[]> {
      for (let attempt = 0; attempt < attempts && !ok(events); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
      if (!ok(events)) throw new Error(`live events never matched; received ${JSON.stringify(events).slice(0, 800)}; errors ${String(errors)}`);
      return events;
    },
  };
}
