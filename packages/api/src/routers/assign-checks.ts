import { TRPCError } from "@trpc/server";
import type { Db } from "@parley/db";

/** A transfer names a team by name, as flows do: one the workspace does not have is a 404. */
export async function knownTeam(db: Db, workspaceId: string, name: string) {
  const team = await db.team.findUnique({ where: { workspaceId_name: { workspaceId, name } }, select: { id: true, name: true } });
  if (!team) throw new TRPCError({ code: "NOT_FOUND", message: `team "${name}" not found` });
  return team;
}

/**
 * What routing would refuse, refused for a manual assignment too (412): a person outside the
 * conversation's team, or one already working as many conversations of its kind (calls or
 * chats) as their capacity allows. Supervisors and admins may pass `override` (the caller checks
 * that), for the day a queue is short-handed.
 */
export async function refuseUnfitAgent(
  db: Db,
  options: { workspaceId: string; conversationId: string; agent: { id: string; name: string }; team: string | null },
) {
  const { workspaceId, conversationId, agent } = options;
  const conversation = await db.conversation.findFirst({ where: { id: conversationId, workspaceId }, select: { team: true, channel: true } });
  if (!conversation) return; // openConversation answers the 404
  const member = await db.member.findUniqueOrThrow({
    where: { workspaceId_userId: { workspaceId, userId: agent.id } },
    select: { id: true, chatCapacity: true, callCapacity: true },
  });
  const teamName = options.team ?? conversation.team;
  // A conversation handed off before teams existed may name a team nobody created: no team to be in.
  const team = teamName ? await db.team.findUnique({ where: { workspaceId_name: { workspaceId, name: teamName } }, select: { id: true } }) : null;
  if (team && !(await db.teamMember.findUnique({ where: { teamId_memberId: { teamId: team.id, memberId: member.id } } }))) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `${agent.name} is not in the team "${teamName}"; add them to it first, or (supervisors and admins) assign with override`,
    });
  }
  const voice = conversation.channel === "voice";
  const capacity = voice ? member.callCapacity : member.chatCapacity;
  const open = await db.conversation.count({
    where: { workspaceId, status: "handoff", assigneeId: agent.id, id: { not: conversationId }, channel: voice ? "voice" : { not: "voice" } },
  });
  if (open >= capacity) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `${agent.name} is at capacity: ${open} open ${voice ? "call" : "chat"}(s) of ${capacity}; resolve one first, or (supervisors and admins) assign with override`,
    });
  }
}
