import { TRPCError, tracked, type TrackedEnvelope } from "@trpc/server";
import type { ApiContext } from "../context";
import { customerCaller, type Caller } from "../auth/caller";
import { customerTranscript } from "../routers/customer-transcript";

/**
 * How often an open customer stream re-reads its conversation even when the feed was quiet: it
 * checks that the token still holds (it expires) and that the conversation still exists, and
 * covers a change the feed gave up waiting for (see ChangeFeed's gap rule).
 */
const RECHECK_MS = 30_000;
/** customerTranscript reads at most this many messages at once: a full page means more wait. */
const PAGE = 200;

export type CustomerTranscript = Awaited<ReturnType<typeof customerTranscript>>;

/**
 * Server push for the customer's side (the web chat page and the widget): what their conversation
 * shows, as it changes. It listens to the same change feed as the inbox, but only for this one
 * conversation, and reads the transcript after the customer's last seen message whenever the feed
 * names the conversation (a message, a status change such as resolved). Each event is tracked by
 * the highest message `seq` it brings: a reconnect sends it back and the stream resumes after it,
 * read from the Message table, so nothing is lost however long the connection was down.
 *
 * The first event always comes at once (status and whatever came after `afterSeq`), so a client
 * knows the stream is live. A conversation that ends keeps its stream: the rating request and the
 * thanks arrive after "resolved".
 */
export async function* customerStream(
  ctx: ApiContext & { caller: Caller },
  conversationId: string,
  afterSeq: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<TrackedEnvelope<CustomerTranscript>> {
  const feed = ctx.liveFeed;
  let dirty = true;
  let ended = false;
  let wake: (() => void) | null = null;
  const nudge = () => wake?.();
  // Listening starts before the first read: a change made in between is heard, not missed.
  const stop = feed.listen(
    (batch) => {
      if (batch.some((event) => event.conversationId === conversationId)) {
        dirty = true;
        nudge();
      }
    },
    () => {
      ended = true;
      nudge();
    },
  );
  signal?.addEventListener("abort", nudge);
  try {
    await feed.position();
    let lastSeq = afterSeq;
    let lastStatus: string | null = null;
    let recheckAt = Date.now() + RECHECK_MS;
    while (!ended && !signal?.aborted) {
      if (!dirty) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, Math.max(0, recheckAt - Date.now()));
        });
        clearTimeout(timer);
        wake = null;
        if (Date.now() >= recheckAt) {
          // The token is checked again (an expired one ends the stream with UNAUTHORIZED).
          if (ctx.caller.kind === "customer" && !(await customerCaller({ ...ctx, caller: undefined }))) {
            throw new TRPCError({ code: "UNAUTHORIZED", message: "the conversation token has expired" });
          }
          recheckAt = Date.now() + RECHECK_MS;
          dirty = true;
        }
        continue;
      }
      dirty = false;
      const transcript = await customerTranscript(ctx, conversationId, lastSeq);
      if (transcript.messages.length === PAGE) dirty = true;
      if (transcript.messages.length === 0 && transcript.status === lastStatus) continue;
      lastSeq = transcript.messages.at(-1)?.seq ?? lastSeq;
      lastStatus = transcript.status;
      yield tracked(String(lastSeq), transcript);
    }
  } finally {
    stop();
    signal?.removeEventListener("abort", nudge);
  }
}
