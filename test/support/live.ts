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

/** One event of a customer's stream: the last message seq it brings, the status and the messages' texts. */
export interface CustomerStreamEvent {
  id: number;
  status: string;
  texts: string[];
  /** performance.now() when it arrived (bench/live measures from it). */
  receivedAt: number;
}

/**
 * Opens a customer's server-sent events stream as the widget does (fetch with the token header,
 * no cookies) and records its events. `response` settles with the HTTP answer: a refusal is a
 * plain JSON status before the stream starts.
 */
export function openCustomerStream(url: string, headers: Record<string, string>) {
  const events: CustomerStreamEvent[] = [];
  const abort = new AbortController();
  const response = fetch(url, { headers, signal: abort.signal }).then(async (res) => {
    if (!res.ok || !res.body) return { status: res.status, body: await res.text() };
    void (async () => {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const lines = buffer.slice(0, end).split("\n");
          buffer = buffer.slice(end + 2);
          const id = lines.find((line) => line.startsWith("id: "))?.slice(4);
          const data = lines.find((line) => line.startsWith("data: "))?.slice(6);
          if (id === undefined || data === undefined) continue;
          const parsed = JSON.parse(data) as { status: string; messages: { text: string }[] };
          events.push({ id: Number(id), status: parsed.status, texts: parsed.messages.map((m) => m.text), receivedAt: performance.now() });
        }
      }
    })().catch(() => undefined);
    return { status: res.status, body: "" };
  });
  return {
    events,
    response,
    stop: () => abort.abort(),
    async until(ok: (events: CustomerStreamEvent[]) => boolean, attempts = 300): Promise<CustomerStreamEvent[]> {
      for (let attempt = 0; attempt < attempts && !ok(events); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
      if (!ok(events)) throw new Error(`the customer stream never matched; received ${JSON.stringify(events).slice(0, 800)}`);
      return events;
    },
  };
}
