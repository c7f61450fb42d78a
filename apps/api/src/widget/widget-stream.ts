import type { IncomingMessage, ServerResponse } from "node:http";
import { isTrackedEnvelope } from "@trpc/server";
import { appRouter, createCallerFactory, type ApiContext } from "@parley/api";

/** A comment line now and then keeps proxies and load balancers from closing a quiet stream. */
const KEEPALIVE_MS = 25_000;
/** What the browser waits before reconnecting (the widget's own reconnect reads it too). */
const RETRY_MS = 1_000;

const createCaller = createCallerFactory(appRouter);

/**
 * GET …/conversations/:id/stream: the customer's conversation as server-sent events, from
 * `conversations.stream` (token-checked, this conversation only). Each event is `data: <status and
 * new messages>` with `id: <highest seq>`; a reconnect sends that back as `Last-Event-ID` (or
 * `?after=`) and resumes after it. The procedure runs (and refuses: 401, 403, 404) before the first
 * byte goes out, so a refusal is a plain JSON answer the caller's error handler writes.
 */
export async function streamWidgetConversation(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  conversationId: string,
  query: URLSearchParams,
): Promise<void> {
  const header = req.headers["last-event-id"];
  const resumeFrom = (typeof header === "string" && header) || query.get("after") || null;
  const lastEventId = resumeFrom && /^\d{1,15}$/.test(resumeFrom) ? resumeFrom : null;
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  const events = await createCaller(ctx, { signal: abort.signal }).conversations.stream({ conversationId, lastEventId });
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache, no-transform",
    // nginx and the like would otherwise hold events back in their buffers.
    "x-accel-buffering": "no",
  });
  res.write(`retry: ${RETRY_MS}\n\n`);
  const keepalive = setInterval(() => res.write(": keepalive\n\n"), KEEPALIVE_MS);
  try {
    // A server-side caller hands the generator's tracked() envelopes over as yielded: [id, data, marker].
    for await (const event of events as AsyncIterable<unknown>) {
      if (!isTrackedEnvelope(event)) continue;
      const [id, data] = event;
      res.write(`id: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
    }
  } catch (err) {
    // Mid-stream (an expired token, the conversation deleted): say so; the client stops or re-resumes.
    const message = err instanceof Error ? err.message : "the stream failed";
    res.write(`event: error\ndata: ${JSON.stringify({ error: message })}\n\n`);
  } finally {
    clearInterval(keepalive);
    res.end();
  }
}
