import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema, optionalTextSchema } from "../inputs";
import { DEFAULT_AUTO_AWAY_MS, effectivePresence, persistAutoAway } from "@parley/db";
import type { ApiServices } from "../context";
import { agentMember } from "./agent-member";
import { refuseIfTeamInUse } from "./team-usage";
import { tellQueues } from "../routing-signals";

/** Same bound as a handoff node's `team` field, so every team can be named by a flow. */
const teamNameSchema = labelSchema("team name", 80);
const distributionSchema = z.enum(["least_busy", "round_robin"]);
const offerTimeoutSchema = z.number().int().min(5).max(600);

type TeamContext = ApiServices & { workspaceId: string };

async function findTeam(ctx: TeamContext, id: string) {
  const team = await ctx.db.team.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
  if (!team) throw new TRPCError({ code: "NOT_FOUND", message: `team ${id} not found` });
  return team;
}

/** A clear 409 before the unique index would give a generic one (the index still settles a race). */
async function refuseDuplicate(ctx: TeamContext, name: string, exceptId?: string) {
  const clash = await ctx.db.team.findFirst({ where: { workspaceId: ctx.workspaceId, name, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) throw new TRPCError({ code: "CONFLICT", message: `a team named "${name}" exists already` });
}

export const teamsRouter = router({
  /** Every team with its people (presence as it reads now), and how many conversations wait in or are worked from its queue. */
  list: staffProcedure("teams:read").query(async ({ ctx }) => {
    const now = new Date();
    const awayAfterMs = ctx.autoAwayMs ?? DEFAULT_AUTO_AWAY_MS;
    const [teams, open] = await Promise.all([
      ctx.db.team.findMany({
        where: { workspaceId: ctx.workspaceId },
        orderBy: { name: "asc" },
        include: {
          members: {
            select: {
              member: {
                select: {
                  id: true,
                  role: true,
                  presence: true,
                  presenceAt: true,
                  lastActiveAt: true,
                  deactivatedAt: true,
                  user: { select: { id: true, name: true, email: true } },
                },
              },
            },
          },
        },
      }),
      ctx.db.conversation.groupBy({
        by: ["team", "assigneeId"],
        where: { workspaceId: ctx.workspaceId, status: "handoff" },
        _count: { _all: true },
      }),
    ]);
    await persistAutoAway(ctx.db, teams.flatMap((team) => team.members.map((row) => row.member)), now, awayAfterMs);
    return teams.map((team) => ({
      id: team.id,
      name: team.name,
      description: team.description,
      distribution: team.distribution,
      offerTimeoutSeconds: team.offerTimeoutSeconds,
      waiting: open.filter((row) => row.team === team.name && !row.assigneeId).reduce((sum, row) => sum + row._count._all, 0),
      assigned: open.filter((row) => row.team === team.name && row.assigneeId).reduce((sum, row) => sum + row._count._all, 0),
      members: team.members
        .map(({ member }) => ({
          ...member.user,
          role: member.role,
          active: member.deactivatedAt === null,
          presence: effectivePresence(member, now, awayAfterMs),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }));
  }),

  /** Team names for pickers (the handoff node, transfers): everyone who reads people may see them. */
  names: staffProcedure("people:read").query(async ({ ctx }) => {
    return ctx.db.team.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  }),

  create: staffProcedure("teams:manage")
    .input(
      z.object({
        name: teamNameSchema,
        description: optionalTextSchema("description", 300).optional(),
        distribution: distributionSchema.optional(),
        offerTimeoutSeconds: offerTimeoutSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await refuseDuplicate(ctx, input.name);
      const team = await ctx.db.team.create({ data: { workspaceId: ctx.workspaceId, ...input } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "team.create",
        target: { type: "team", id: team.id },
        details: { name: team.name, distribution: team.distribution, offerTimeoutSeconds: team.offerTimeoutSeconds },
      });
      return { id: team.id };
    }),

  update: staffProcedure("teams:manage")
    .input(
      z.object({
        id: idSchema,
        name: teamNameSchema.optional(),
        description: optionalTextSchema("description", 300).optional(),
        distribution: distributionSchema.optional(),
        offerTimeoutSeconds: offerTimeoutSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { id, ...changes } = input;
      const team = await findTeam(ctx, id);
      if (changes.name !== undefined && changes.name !== team.name) {
        await refuseDuplicate(ctx, changes.name, team.id);
        await refuseIfTeamInUse(ctx.db, ctx.workspaceId, team.name, "rename");
      }
      const updated = await ctx.db.team.update({ where: { id: team.id }, data: changes });
      const changed = Object.fromEntries(
        (Object.keys(changes) as (keyof typeof changes)[]).filter((key) => changes[key] !== team[key]).map((key) => [key, { from: team[key], to: updated[key] }]),
      );
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "team.update",
        target: { type: "team", id: team.id },
        details: { name: updated.name, changed },
      });
      return { ok: true as const };
    }),

  delete: staffProcedure("teams:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const team = await findTeam(ctx, input.id);
      await refuseIfTeamInUse(ctx.db, ctx.workspaceId, team.name, "delete");
      await ctx.db.team.delete({ where: { id: team.id } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "team.delete",
        target: { type: "team", id: team.id },
        details: { name: team.name },
      });
      return { ok: true as const };
    }),

  /** Adds a person who works conversations; adding someone already in the team changes nothing. */
  addMember: staffProcedure("teams:manage")
    .input(z.object({ teamId: idSchema, userId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const team = await findTeam(ctx, input.teamId);
      const member = await agentMember(ctx.db, ctx.workspaceId, input.userId);
      const key = { teamId: team.id, memberId: member.id };
      const existing = await ctx.db.teamMember.findUnique({ where: { teamId_memberId: key } });
      if (existing) return { ok: true as const, added: false };
      await ctx.db.teamMember.create({ data: key });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "team.member_add",
        target: { type: "team", id: team.id },
        details: { team: team.name, userId: member.user.id, email: member.user.email },
      });
      tellQueues(ctx, { workspaceId: ctx.workspaceId, userId: member.user.id, available: true });
      return { ok: true as const, added: true };
    }),

  removeMember: staffProcedure("teams:manage")
    .input(z.object({ teamId: idSchema, userId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const team = await findTeam(ctx, input.teamId);
      const member = await ctx.db.member.findUnique({ where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId: input.userId } } });
      const { count } = member ? await ctx.db.teamMember.deleteMany({ where: { teamId: team.id, memberId: member.id } }) : { count: 0 };
      if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: `member ${input.userId} is not in the team "${team.name}"` });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "team.member_remove",
        target: { type: "team", id: team.id },
        details: { team: team.name, userId: input.userId },
      });
      return { ok: true as const };
    }),
});
