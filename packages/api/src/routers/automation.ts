import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { asJson } from "@parley/db";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema } from "../inputs";
import type { ApiServices } from "../context";
import { checkRule } from "../automation/check-rule";
import { dryRun } from "../automation/dry-run";
import { automationRuleSchema, storedActions, storedConditions } from "../automation/rule-schema";

type RuleContext = ApiServices & { workspaceId: string };

async function findRule(ctx: RuleContext, id: string) {
  const rule = await ctx.db.automationRule.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
  if (!rule) throw new TRPCError({ code: "NOT_FOUND", message: `automation rule ${id} not found` });
  return rule;
}

async function refuseDuplicate(ctx: RuleContext, name: string, exceptId?: string) {
  const clash = await ctx.db.automationRule.findFirst({ where: { workspaceId: ctx.workspaceId, name, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) throw new TRPCError({ code: "CONFLICT", message: `a rule named "${name}" exists already` });
}

const ruleData = (rule: z.infer<typeof automationRuleSchema>) => ({
  name: rule.name,
  enabled: rule.enabled,
  event: rule.event,
  idleMinutes: rule.idleMinutes,
  conditions: asJson(rule.conditions),
  actions: asJson(rule.actions),
});

/**
 * Automation rules (Settings → Automation): admins build, enable and test them; the API's
 * automation engine runs them (automation/engine.ts). Every save is checked against the
 * workspace (names that exist, no rule that triggers itself) and audited.
 */
export const automationRouter = router({
  list: staffProcedure("settings:manage").query(async ({ ctx }) => {
    const rules = await ctx.db.automationRule.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { name: "asc" }, include: { _count: { select: { runs: true } } } });
    return rules.map((rule) => ({
      id: rule.id,
      name: rule.name,
      enabled: rule.enabled,
      event: rule.event,
      idleMinutes: rule.idleMinutes,
      conditions: storedConditions.parse(rule.conditions),
      actions: storedActions.parse(rule.actions),
      runs: rule._count.runs,
      updatedAt: rule.updatedAt,
    }));
  }),

  create: staffProcedure("settings:manage")
    .input(automationRuleSchema)
    .mutation(async ({ ctx, input }) => {
      await refuseDuplicate(ctx, input.name);
      await checkRule(ctx.db, ctx.workspaceId, input);
      const rule = await ctx.db.automationRule.create({ data: { workspaceId: ctx.workspaceId, ...ruleData(input) } });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "automation.create", target: { type: "automation_rule", id: rule.id }, details: { name: rule.name, event: rule.event } });
      return { id: rule.id };
    }),

  update: staffProcedure("settings:manage")
    .input(z.object({ id: idSchema, rule: automationRuleSchema }))
    .mutation(async ({ ctx, input }) => {
      const rule = await findRule(ctx, input.id);
      await refuseDuplicate(ctx, input.rule.name, rule.id);
      await checkRule(ctx.db, ctx.workspaceId, input.rule);
      await ctx.db.automationRule.update({ where: { id: rule.id }, data: ruleData(input.rule) });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "automation.update", target: { type: "automation_rule", id: rule.id }, details: { name: input.rule.name, event: input.rule.event } });
      return { ok: true as const };
    }),

  setEnabled: staffProcedure("settings:manage")
    .input(z.object({ id: idSchema, enabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const rule = await findRule(ctx, input.id);
      await ctx.db.automationRule.update({ where: { id: rule.id }, data: { enabled: input.enabled } });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: input.enabled ? "automation.enable" : "automation.disable", target: { type: "automation_rule", id: rule.id }, details: { name: rule.name } });
      return { ok: true as const };
    }),

  delete: staffProcedure("settings:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const rule = await findRule(ctx, input.id);
      await ctx.db.automationRule.delete({ where: { id: rule.id } });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "automation.delete", target: { type: "automation_rule", id: rule.id }, details: { name: rule.name } });
      return { ok: true as const };
    }),

  /** A dry run of a rule (saved or not) on one conversation: which conditions hold, what it would do. Changes nothing. */
  test: staffProcedure("settings:manage")
    .input(z.object({ rule: automationRuleSchema, conversationId: idSchema }))
    .mutation(async ({ ctx, input }) => dryRun(ctx.db, ctx.workspaceId, input.rule, input.conversationId)),
});
