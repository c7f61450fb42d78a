import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema } from "../inputs";
import type { ApiServices } from "../context";
import { agentMember } from "./agent-member";
import { refuseIfSkillInUse } from "./team-usage";

/** Handoffs store required skills comma separated: a name with a comma could never be required. */
const skillNameSchema = labelSchema("skill name", 40).refine((name) => !name.includes(","), { message: "a skill name cannot contain a comma" });

type SkillContext = ApiServices & { workspaceId: string };

async function findSkill(ctx: SkillContext, id: string) {
  const skill = await ctx.db.skill.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
  if (!skill) throw new TRPCError({ code: "NOT_FOUND", message: `skill ${id} not found` });
  return skill;
}

async function refuseDuplicate(ctx: SkillContext, name: string) {
  const clash = await ctx.db.skill.findFirst({ where: { workspaceId: ctx.workspaceId, name } });
  if (clash) throw new TRPCError({ code: "CONFLICT", message: `a skill named "${name}" exists already` });
}

export const skillsRouter = router({
  /** Every skill with the people who hold it and at which level (1 to 5). */
  list: staffProcedure("teams:read").query(async ({ ctx }) => {
    const skills = await ctx.db.skill.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, agents: { select: { level: true, member: { select: { userId: true } } } } },
    });
    return skills.map((skill) => ({
      id: skill.id,
      name: skill.name,
      agents: skill.agents.map((row) => ({ userId: row.member.userId, level: row.level })),
    }));
  }),

  /** Skill names for the handoff node's picker. */
  names: staffProcedure("people:read").query(async ({ ctx }) => {
    return ctx.db.skill.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  }),

  create: staffProcedure("teams:manage")
    .input(z.object({ name: skillNameSchema }))
    .mutation(async ({ ctx, input }) => {
      await refuseDuplicate(ctx, input.name);
      const skill = await ctx.db.skill.create({ data: { workspaceId: ctx.workspaceId, name: input.name } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "skill.create",
        target: { type: "skill", id: skill.id },
        details: { name: skill.name },
      });
      return { id: skill.id };
    }),

  rename: staffProcedure("teams:manage")
    .input(z.object({ id: idSchema, name: skillNameSchema }))
    .mutation(async ({ ctx, input }) => {
      const skill = await findSkill(ctx, input.id);
      if (skill.name === input.name) return { ok: true as const };
      await refuseDuplicate(ctx, input.name);
      await refuseIfSkillInUse(ctx.db, ctx.workspaceId, skill.name, "rename");
      await ctx.db.skill.update({ where: { id: skill.id }, data: { name: input.name } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "skill.rename",
        target: { type: "skill", id: skill.id },
        details: { from: skill.name, to: input.name },
      });
      return { ok: true as const };
    }),

  delete: staffProcedure("teams:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const skill = await findSkill(ctx, input.id);
      await refuseIfSkillInUse(ctx.db, ctx.workspaceId, skill.name, "delete");
      await ctx.db.skill.delete({ where: { id: skill.id } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "skill.delete",
        target: { type: "skill", id: skill.id },
        details: { name: skill.name },
      });
      return { ok: true as const };
    }),

  /**
   * Sets one person's levels for the skills named (level 0 takes the skill away); skills left
   * out keep their level. All or nothing: an unknown skill changes none.
   */
  setAgentLevels: staffProcedure("teams:manage")
    .input(
      z.object({
        userId: idSchema,
        levels: z.array(z.object({ skillId: idSchema, level: z.number().int().min(0).max(5) })).min(1).max(100),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const member = await agentMember(ctx.db, ctx.workspaceId, input.userId);
      const skillIds = [...new Set(input.levels.map((entry) => entry.skillId))];
      const skills = await ctx.db.skill.findMany({ where: { workspaceId: ctx.workspaceId, id: { in: skillIds } }, select: { id: true, name: true } });
      const missing = skillIds.filter((id) => !skills.some((skill) => skill.id === id));
      if (missing.length > 0) throw new TRPCError({ code: "NOT_FOUND", message: `skill ${missing.join(", ")} not found` });
      await ctx.db.$transaction(
        input.levels.map(({ skillId, level }) =>
          level === 0
            ? ctx.db.agentSkill.deleteMany({ where: { memberId: member.id, skillId } })
            : ctx.db.agentSkill.upsert({
                where: { memberId_skillId: { memberId: member.id, skillId } },
                update: { level },
                create: { memberId: member.id, skillId, level },
              }),
        ),
      );
      const names = new Map(skills.map((skill) => [skill.id, skill.name]));
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "skill.levels_set",
        target: { type: "user", id: member.user.id },
        details: { email: member.user.email, levels: Object.fromEntries(input.levels.map((entry) => [names.get(entry.skillId), entry.level])) },
      });
      return { ok: true as const };
    }),
});
