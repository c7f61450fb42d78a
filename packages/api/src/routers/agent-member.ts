import { TRPCError } from "@trpc/server";
import type { Db } from "@parley/db";

/**
 * The member row of `userId` in the workspace, for team, skill and capacity changes: 404 when
 * they are not a member here (another workspace's people are simply not found), 412 for an
 * analyst, who reads reports and never works conversations.
 */
export async function agentMember(db: Db, workspaceId: string, userId: string) {
  const member = await db.member.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { id: true, role: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!member) throw new TRPCError({ code: "NOT_FOUND", message: `member ${userId} not found` });
  if (member.role === "analyst") {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `${member.user.name} is an analyst, who does not work conversations; change their role first`,
    });
  }
  return member;
}
