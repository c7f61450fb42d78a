import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { asJson } from "@parley/db";
import { nodeKinds } from "@parley/flow";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema } from "../inputs";
import type { ApiServices } from "../context";

type PolicyContext = ApiServices & { workspaceId: string };

const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
const CHANNELS = ["web", "voice", "sms", "whatsapp", "email", "api"] as const;
/** The SLA node's own config schema: one definition of targets, calendar and ladder everywhere. */
const slaConfigSchema = nodeKinds.sla_policy.config;

const policyInput = z.object({
  name: labelSchema("policy name", 80),
  enabled: z.boolean().default(true),
  /** Lower first; the first enabled policy that matches a handoff applies. */
  position: z.number().int().min(0).max(1000).default(0),
  teams: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
  priorities: z.array(z.enum(PRIORITIES)).default([]),
  channels: z.array(z.enum(CHANNELS)).default([]),
  config: slaConfigSchema,
});

async function findPolicy(ctx: PolicyContext, id: string) {
  const policy = await ctx.db.slaPolicy.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
  if (!policy) throw new TRPCError({ code: "NOT_FOUND", message: `SLA policy ${id} not found` });
  return policy;
}

/** Refuses (409) a second policy of the same name and (400) teams the workspace does not have. */
async function checkPolicy(ctx: PolicyContext, input: z.infer<typeof policyInput>, exceptId?: string) {
  const clash = await ctx.db.slaPolicy.findFirst({ where: { workspaceId: ctx.workspaceId, name: input.name, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) throw new TRPCError({ code: "CONFLICT", message: `an SLA policy named "${input.name}" exists already` });
  const known = await ctx.db.team.findMany({ where: { workspaceId: ctx.workspaceId, name: { in: input.teams } }, select: { name: true } });
  const unknown = input.teams.filter((name) => !known.some((team) => team.name === name));
  if (unknown.length > 0) throw new TRPCError({ code: "BAD_REQUEST", message: `no such team: ${unknown.map((name) => `"${name}"`).join(", ")}` });
}

const data = (input: z.infer<typeof policyInput>) => ({
  name: input.name,
  enabled: input.enabled,
  position: input.position,
  teams: asJson(input.teams),
  priorities: asJson(input.priorities),
  channels: asJson(input.channels),
  config: asJson(input.config),
});

const stringList = z.array(z.string()).catch([]);

/**
 * Workspace SLA policies (Settings → SLA policies): the SLA node's targets, business calendar and
 * escalation ladder, applied at a handoff by team, priority and channel when the flow set none
 * (packages/workflows/src/workspace-sla.ts). Every change audited.
 */
export const slaPoliciesRouter = router({
  list: staffProcedure("settings:manage").query(async ({ ctx }) => {
    const policies = await ctx.db.slaPolicy.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
    return policies.map((policy) => {
      const config = slaConfigSchema.safeParse(policy.config);
      return {
        id: policy.id,
        name: policy.name,
        enabled: policy.enabled,
        position: policy.position,
        teams: stringList.parse(policy.teams),
        priorities: z.array(z.enum(PRIORITIES)).catch([]).parse(policy.priorities),
        channels: z.array(z.enum(CHANNELS)).catch([]).parse(policy.channels),
        config: config.success ? config.data : null,
      };
    });
  }),

  create: staffProcedure("settings:manage")
    .input(policyInput)
    .mutation(async ({ ctx, input }) => {
      await checkPolicy(ctx, input);
      const policy = await ctx.db.slaPolicy.create({ data: { workspaceId: ctx.workspaceId, ...data(input) } });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "sla_policy.create", target: { type: "sla_policy", id: policy.id }, details: { name: policy.name } });
      return { id: policy.id };
    }),

  update: staffProcedure("settings:manage")
    .input(z.object({ id: idSchema, policy: policyInput }))
    .mutation(async ({ ctx, input }) => {
      const policy = await findPolicy(ctx, input.id);
      await checkPolicy(ctx, input.policy, policy.id);
      await ctx.db.slaPolicy.update({ where: { id: policy.id }, data: data(input.policy) });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "sla_policy.update", target: { type: "sla_policy", id: policy.id }, details: { name: input.policy.name } });
      return { ok: true as const };
    }),

  delete: staffProcedure("settings:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const policy = await findPolicy(ctx, input.id);
      await ctx.db.slaPolicy.delete({ where: { id: policy.id } });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "sla_policy.delete", target: { type: "sla_policy", id: policy.id }, details: { name: policy.name } });
      return { ok: true as const };
    }),
});
