import { DEFAULT_AUTO_AWAY_MS, effectivePresence } from "@parley/db";
import { staffProcedure } from "../procedures";

/** How many of each agent's conversations the board names (the count is always exact). */
const LISTED_PER_AGENT = 10;

/**
 * The supervisors' live queue board, read from what routing already stores: per team, the
 * conversations waiting for a person (unassigned handoffs), the longest wait and how many have an
 * open offer; per agent, presence, load against capacity per channel kind and what they have.
 * Presence reads as the routing sees it (auto-away applied), without storing anything: a board
 * left open must not be what marks people away.
 */
export const queueBoard = staffProcedure("conversations:supervise").query(async ({ ctx }) => {
  const now = new Date();
  const awayAfterMs = ctx.autoAwayMs ?? DEFAULT_AUTO_AWAY_MS;
  const workspaceId = ctx.workspaceId;
  const live = { workspaceId, test: false, status: "handoff" as const };
  const [teams, waiting, offers, members, assigned] = await Promise.all([
    ctx.db.team.findMany({ where: { workspaceId }, select: { id: true, name: true, _count: { select: { members: true } } }, orderBy: { name: "asc" } }),
    ctx.db.conversation.groupBy({ by: ["team"], where: { ...live, assigneeId: null }, _count: { _all: true }, _min: { handedOffAt: true } }),
    ctx.db.routingOffer.groupBy({ by: ["teamId"], where: { workspaceId, state: "pending", conversation: { ...live, assigneeId: null } }, _count: { _all: true } }),
    ctx.db.member.findMany({
      where: { workspaceId, deactivatedAt: null, role: { not: "analyst" } },
      select: {
        role: true,
        presence: true,
        presenceAt: true,
        lastActiveAt: true,
        chatCapacity: true,
        callCapacity: true,
        user: { select: { id: true, name: true } },
        teams: { select: { team: { select: { name: true } } } },
      },
    }),
    ctx.db.conversation.findMany({
      where: { ...live, assigneeId: { not: null } },
      select: { id: true, assigneeId: true, channel: true, team: true, handedOffAt: true, contact: { select: { name: true } } },
      orderBy: { handedOffAt: "asc" },
    }),
  ]);
  const waitingIn = (team: string | null) => waiting.find((row) => row.team === team);
  const teamNames = new Set(teams.map((team) => team.name));
  // Conversations handed off to a team nobody created (or none) still wait: shown in a row of their own.
  const orphans = waiting.filter((row) => row.team === null || !teamNames.has(row.team));
  return {
    at: now.toISOString(),
    teams: [
      ...teams.map((team) => ({
        name: team.name,
        members: team._count.members,
        waiting: waitingIn(team.name)?._count._all ?? 0,
        longestWaitSince: waitingIn(team.name)?._min.handedOffAt?.toISOString() ?? null,
        offered: offers.find((row) => row.teamId === team.id)?._count._all ?? 0,
      })),
      ...orphans.map((row) => ({
        name: row.team ?? "No team",
        members: 0,
        waiting: row._count._all,
        longestWaitSince: row._min.handedOffAt?.toISOString() ?? null,
        offered: 0,
      })),
    ],
    agents: members
      .map((member) => {
        const mine = assigned.filter((conversation) => conversation.assigneeId === member.user.id);
        const calls = mine.filter((conversation) => conversation.channel === "voice").length;
        return {
          id: member.user.id,
          name: member.user.name,
          role: member.role,
          presence: effectivePresence(member, now, awayAfterMs),
          teams: member.teams.map((row) => row.team.name).sort(),
          chats: { open: mine.length - calls, capacity: member.chatCapacity },
          calls: { open: calls, capacity: member.callCapacity },
          conversations: mine.slice(0, LISTED_PER_AGENT).map((conversation) => ({
            id: conversation.id,
            contactName: conversation.contact.name,
            channel: conversation.channel,
            team: conversation.team,
            since: conversation.handedOffAt?.toISOString() ?? null,
          })),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
});
