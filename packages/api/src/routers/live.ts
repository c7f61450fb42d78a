import { TRPCError, tracked } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import type { ApiContext } from "../context";
import { apiKeyCaller, type ApiKeyCaller, type UserCaller } from "../auth/caller";
import type { LiveEvent } from "../live/change-feed";
import { canHear, liveAudience, publicEvent, type LiveAudience } from "../live/live-visibility";

/**
 * How often an open stream checks that its credential still holds (signed out, deactivated, key
 * revoked) and re-reads the caller's teams. The check reads the session without noting activity:
 * an open tab is not a person at their desk (auto-away).
 */
const RECHECK_MS = 60_000;

const unauthorized = () => new TRPCError({ code: "UNAUTHORIZED", message: "your session has ended; sign in again" });

/** The caller's audience as of now, or UNAUTHORIZED when the credential no longer holds. */
async function currentAudience(ctx: ApiContext, caller: UserCaller | ApiKeyCaller): Promise<LiveAudience> {
  if (caller.kind === "apiKey") {
    const key = ctx.caller ? caller : await apiKeyCaller(ctx);
    if (!key) throw unauthorized();
    return liveAudience(ctx.db, key);
  }
  if (!ctx.caller) {
    const session = await ctx.auth.api.getSession({ headers: ctx.request.headers, query: { disableRefresh: true } });
    if (!session || session.user.id !== caller.userId) throw unauthorized();
  }
  const member = await ctx.db.member.findUnique({
    where: { workspaceId_userId: { workspaceId: caller.workspaceId, userId: caller.userId } },
    select: { role: true, deactivatedAt: true },
  });
  if (!member || member.deactivatedAt) throw unauthorized();
  return liveAudience(ctx.db, { ...caller, role: member.role });
}

export const liveRouter = router({
  /**
   * Server push for the builder: what changed (kind and conversation, never content), so the page
   * refetches just those queries. Server-sent events; each event carries its feed id, which the
   * browser's reconnect sends back as `lastEventId` so the missed ones are replayed from the
   * table. The first event is `ready` (the current position), so even a quiet stream can resume
   * exactly; `resync` means the missed ones are gone (past the hour): reload everything.
   */
  events: staffProcedure("conversations:read")
    .input(z.object({ lastEventId: z.string().regex(/^\d{1,15}$/).nullish() }).default({}))
    .subscription(async function* ({ ctx, input, signal }) {
      const feed = ctx.liveFeed;
      let audience = await currentAudience(ctx, ctx.caller as UserCaller | ApiKeyCaller);
      const pending: LiveEvent[] = [];
      let wake: (() => void) | null = null;
      let ended = false;
      const nudge = () => wake?.();
      const stop = feed.listen(
        (batch) => {
          pending.push(...batch);
          nudge();
        },
        () => {
          ended = true;
          nudge();
        },
      );
      signal?.addEventListener("abort", nudge);
      try {
        const position = await feed.position();
        let sent = position;
        const last = input.lastEventId ? Number(input.lastEventId) : null;
        const caughtUp = last === null ? [] : await feed.since(last, position);
        if (caughtUp === "expired") {
          yield tracked(String(position), { kind: "resync", conversationId: null, at: new Date().toISOString() });
        } else {
          if (last !== null) sent = Math.min(last, position);
          for (const event of caughtUp) {
            sent = event.id;
            if (canHear(audience, event)) yield tracked(String(event.id), publicEvent(event));
          }
          if (last === null) yield tracked(String(position), { kind: "ready", conversationId: null, at: new Date().toISOString() });
          sent = Math.max(sent, position);
        }
        let recheckAt = Date.now() + RECHECK_MS;
        while (!ended && !signal?.aborted) {
          if (pending.length === 0) {
            let timer: ReturnType<typeof setTimeout> | undefined;
            await new Promise<void>((resolve) => {
              wake = resolve;
              timer = setTimeout(resolve, Math.max(0, recheckAt - Date.now()));
            });
            clearTimeout(timer);
            wake = null;
          }
          if (Date.now() >= recheckAt) {
            audience = await currentAudience(ctx, ctx.caller as UserCaller | ApiKeyCaller);
            recheckAt = Date.now() + RECHECK_MS;
          }
          for (const event of pending.splice(0)) {
            if (event.id <= sent) continue;
            sent = event.id;
            if (canHear(audience, event)) yield tracked(String(event.id), publicEvent(event));
          }
        }
      } finally {
        stop();
        signal?.removeEventListener("abort", nudge);
      }
    }),
});
