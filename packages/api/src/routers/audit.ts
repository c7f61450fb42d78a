import { z } from "zod";
import type { Prisma } from "@parley/db";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { labelSchema } from "../inputs";
import { csvText } from "@parley/analytics";

const filterSchema = z.object({
  action: labelSchema("action", 80).optional(),
  actor: labelSchema("actor", 200).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});

type Filter = z.infer<typeof filterSchema>;

/**
 * The workspace's events, and its members' sign-ins (recorded before a workspace is chosen, so
 * they carry none).
 */
async function auditWhere(ctx: { db: import("@parley/db").Db; workspaceId: string }, filter: Filter): Promise<Prisma.AuditEventWhereInput> {
  const members = await ctx.db.member.findMany({ where: { workspaceId: ctx.workspaceId }, select: { userId: true } });
  return {
    AND: [
      { OR: [{ workspaceId: ctx.workspaceId }, { workspaceId: null, actorId: { in: members.map((m) => m.userId) } }] },
      filter.action ? { action: { startsWith: filter.action } } : {},
      filter.actor ? { actorLabel: { contains: filter.actor } } : {},
      filter.from || filter.to ? { at: { ...(filter.from ? { gte: new Date(filter.from) } : {}), ...(filter.to ? { lte: new Date(filter.to) } : {}) } } : {},
    ],
  };
}

function row(event: Prisma.AuditEventGetPayload<object>) {
  return {
    id: event.id,
    at: event.at.toISOString(),
    actorType: event.actorType,
    actorLabel: event.actorLabel,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    ip: event.ip,
    details: event.details,
  };
}

const CSV_COLUMNS = ["at", "actorType", "actorLabel", "action", "targetType", "targetId", "ip", "details"] as const;

export const auditRouter = router({
  list: staffProcedure("audit:read")
    .input(filterSchema.extend({ cursor: z.string().max(64).optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .query(async ({ ctx, input }) => {
      const events = await ctx.db.auditEvent.findMany({
        where: await auditWhere(ctx, input),
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = events.slice(0, input.limit);
      return { events: page.map(row), nextCursor: events.length > input.limit ? page[page.length - 1]!.id : null };
    }),

  /** Up to 10,000 matching events as CSV; the export itself is audited. */
  exportCsv: staffProcedure("audit:read").input(filterSchema).mutation(async ({ ctx, input }) => {
    const events = await ctx.db.auditEvent.findMany({ where: await auditWhere(ctx, input), orderBy: { at: "desc" }, take: 10_000 });
    await recordAudit(ctx.db, auditRequest(ctx), {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: "audit.export",
      details: { rows: events.length, ...input },
    });
    const csv = csvText(CSV_COLUMNS, events.map(row).map((event) => CSV_COLUMNS.map((column) => event[column])));
    return { csv, rows: events.length };
  }),
});
