import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { SECRET_NAME_PATTERN } from "@parley/flow";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";

/** A secret's value: what an API token or password needs, and no more. */
export const MAX_SECRET_BYTES = 4096;

const nameSchema = z.string().regex(SECRET_NAME_PATTERN, "a secret's name is an upper case letter, then upper case letters, digits and _ (at most 64), e.g. CRM_API_TOKEN");

const valueSchema = z
  .string()
  .min(1, "the value is empty")
  .refine((value) => Buffer.byteLength(value, "utf8") <= MAX_SECRET_BYTES, `at most ${MAX_SECRET_BYTES} bytes`)
  // A lone UTF-16 surrogate would not survive the round trip through UTF-8.
  .refine((value) => Buffer.from(value, "utf8").toString("utf8") === value, "the value is not valid text (a broken UTF-16 surrogate)");

/**
 * Credentials that flows use by name (`{{secrets.NAME}}` in an HTTP request). Write-only: the
 * value is sealed on the way in (AES-256-GCM, PARLEY_SECRETS_KEY) and no procedure ever returns
 * it; only the worker opens it, right before sending a request. Every change is audited, by name.
 */
export const secretsRouter = router({
  list: staffProcedure("settings:manage").query(async ({ ctx }) => {
    const rows = await ctx.db.secret.findMany({
      where: { workspaceId: ctx.workspaceId },
      select: { name: true, createdAt: true, updatedAt: true },
      orderBy: { name: "asc" },
    });
    return rows.map((row) => ({ name: row.name, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }));
  }),

  /** Creates or replaces a secret. */
  set: staffProcedure("settings:manage")
    .input(z.object({ name: nameSchema, value: valueSchema }))
    .mutation(async ({ ctx, input }) => {
      if (!ctx.secretBox) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "this server has no secrets key (PARLEY_SECRETS_KEY)" });
      const sealed = ctx.secretBox.seal(ctx.workspaceId, input.name, input.value);
      const data = { iv: Buffer.from(sealed.iv), tag: Buffer.from(sealed.tag), data: Buffer.from(sealed.data) };
      const existing = await ctx.db.secret.findUnique({ where: { workspaceId_name: { workspaceId: ctx.workspaceId, name: input.name } }, select: { id: true } });
      const row = await ctx.db.secret.upsert({
        where: { workspaceId_name: { workspaceId: ctx.workspaceId, name: input.name } },
        create: { workspaceId: ctx.workspaceId, name: input.name, ...data, createdById: ctx.caller.kind === "user" ? ctx.caller.userId : null },
        update: data,
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: existing ? "secret.update" : "secret.create",
        target: { type: "secret", id: row.id },
        details: { name: input.name },
      });
      return { name: row.name, updatedAt: row.updatedAt.toISOString() };
    }),

  delete: staffProcedure("settings:manage")
    .input(z.object({ name: nameSchema }))
    .mutation(async ({ ctx, input }) => {
      const row = await ctx.db.secret.findUnique({ where: { workspaceId_name: { workspaceId: ctx.workspaceId, name: input.name } }, select: { id: true } });
      if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `no secret named ${input.name}` });
      await ctx.db.secret.deleteMany({ where: { id: row.id } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "secret.delete",
        target: { type: "secret", id: row.id },
        details: { name: input.name },
      });
      return { ok: true as const };
    }),
});
