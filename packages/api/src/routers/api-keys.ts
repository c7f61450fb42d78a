import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { generateApiKey } from "../auth/api-keys";
import { API_KEY_SCOPES } from "../auth/roles";
import { idSchema, labelSchema } from "../inputs";

/** Keys for server-to-server calls: created and revoked by admins, shown once, stored hashed. */
export const apiKeysRouter = router({
  list: staffProcedure("apiKeys:manage").query(async ({ ctx }) => {
    const keys = await ctx.db.apiKey.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { createdAt: "desc" } });
    return keys.map((key) => ({
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scope: key.scope,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
    }));
  }),

  /** The answer is the only place the key ever appears. */
  create: staffProcedure("apiKeys:manage")
    .input(z.object({ name: labelSchema("name", 80), scope: z.enum(API_KEY_SCOPES) }))
    .mutation(async ({ ctx, input }) => {
      const { key, prefix, hash } = generateApiKey();
      const row = await ctx.db.apiKey.create({
        data: {
          workspaceId: ctx.workspaceId,
          name: input.name,
          scope: input.scope,
          prefix,
          hash,
          createdById: ctx.caller.kind === "user" ? ctx.caller.userId : null,
        },
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "api_key.create",
        target: { type: "api_key", id: row.id },
        details: { name: input.name, scope: input.scope },
      });
      return { id: row.id, key, prefix };
    }),

  revoke: staffProcedure("apiKeys:manage").input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const { count } = await ctx.db.apiKey.updateMany({
      where: { id: input.id, workspaceId: ctx.workspaceId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: `active API key ${input.id} not found` });
    await recordAudit(ctx.db, auditRequest(ctx), {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: "api_key.revoke",
      target: { type: "api_key", id: input.id },
    });
    return { ok: true as const };
  }),
});
