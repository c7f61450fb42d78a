import { z } from "zod";
import { router } from "../trpc";
import { personProcedure, staffProcedure } from "../procedures";
import type { UserCaller } from "../auth/caller";
import type { ApiServices } from "../context";
import { tellQueues } from "../routing-signals";
import { DEFAULT_AUTO_AWAY_MS, effectivePresence, persistAutoAway, PRESENCES } from "@parley/db";

type PersonContext = ApiServices & { caller: UserCaller };

const presenceFacts = { id: true, presence: true, presenceAt: true, lastActiveAt: true } as const;

/** The signed-in person's presence as it reads now (stored as away first if they idled out). */
async function myPresence(ctx: PersonContext) {
  const now = new Date();
  const awayAfterMs = ctx.autoAwayMs ?? DEFAULT_AUTO_AWAY_MS;
  const member = await ctx.db.member.findUniqueOrThrow({
    where: { workspaceId_userId: { workspaceId: ctx.caller.workspaceId, userId: ctx.caller.userId } },
    select: presenceFacts,
  });
  if (await persistAutoAway(ctx.db, [member], now, awayAfterMs)) return { presence: "away" as const, since: now.toISOString() };
  return { presence: effectivePresence(member, now, awayAfterMs), since: member.presenceAt?.toISOString() ?? null };
}

/**
 * Whether people who work conversations take new ones: each sets their own (the sidebar's
 * switch), supervisors watch everyone's. Presence is a person's status, not an admin change, so
 * it is not audited; `since` says when it last changed.
 */
export const presenceRouter = router({
  mine: personProcedure("conversations:work").query(({ ctx }) => myPresence(ctx)),

  set: personProcedure("conversations:work")
    .input(z.object({ presence: z.enum(PRESENCES) }))
    .mutation(async ({ ctx, input }) => {
      const now = new Date();
      await ctx.db.member.update({
        where: { workspaceId_userId: { workspaceId: ctx.caller.workspaceId, userId: ctx.caller.userId } },
        data: { presence: input.presence, presenceAt: now, lastActiveAt: now },
      });
      // Going online may take a waiting conversation; going away or offline hands open offers on.
      tellQueues(ctx, { workspaceId: ctx.caller.workspaceId, userId: ctx.caller.userId, available: input.presence === "online" });
      return { presence: input.presence, since: now.toISOString() };
    }),

  /** Everyone who works conversations: online, away or offline and since when, their teams and load. */
  list: staffProcedure("teams:read").query(async ({ ctx }) => {
    const now = new Date();
    const awayAfterMs = ctx.autoAwayMs ?? DEFAULT_AUTO_AWAY_MS;
    const members = await ctx.db.member.findMany({
      where: { workspaceId: ctx.workspaceId, deactivatedAt: null, role: { not: "analyst" } },
      select: {
        ...presenceFacts,
        role: true,
        chatCapacity: true,
        callCapacity: true,
        user: { select: { id: true, name: true, email: true } },
        teams: { select: { team: { select: { name: true } } } },
      },
    });
    const idled = await persistAutoAway(ctx.db, members, now, awayAfterMs);
    const load = await ctx.db.conversation.groupBy({
      by: ["assigneeId"],
      where: { workspaceId: ctx.workspaceId, status: "handoff", assigneeId: { in: members.map((member) => member.user.id) } },
      _count: { _all: true },
    });
    return members
      .map((member) => {
        const presence = effectivePresence(member, now, awayAfterMs);
        const wentAway = idled > 0 && member.presence === "online" && presence === "away";
        return {
          ...member.user,
          role: member.role,
          presence,
          since: wentAway ? now.toISOString() : (member.presenceAt?.toISOString() ?? null),
          lastActiveAt: member.lastActiveAt?.toISOString() ?? null,
          teams: member.teams.map((row) => row.team.name).sort(),
          chatCapacity: member.chatCapacity,
          callCapacity: member.callCapacity,
          openConversations: load.find((row) => row.assigneeId === member.user.id)?._count._all ?? 0,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }),
});
