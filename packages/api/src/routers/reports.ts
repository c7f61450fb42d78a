import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { asJson } from "@parley/db";
import { router } from "../trpc";
import { personProcedure, staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema } from "../inputs";
import { csvText } from "../csv";
import { analyticsFiltersSchema, analyticsInputSchema, EventScope } from "../analytics/scope";
import { REPORT_DIMENSIONS, REPORT_GRAINS, REPORT_METRICS, reportDefinitionSchema, runReport } from "../analytics/reports";

/** Roles that may delete a report someone else saved (tidying the workspace's list). */
const TIDIES_REPORTS = new Set(["owner", "admin"]);

/** A saved report: what to compute, the filters, and how many days back from "now" it covers. */
const savedReportSchema = z.object({
  definition: reportDefinitionSchema,
  filters: analyticsFiltersSchema.default({}),
  days: z.number().int().min(1).max(366).default(30),
});

/**
 * Custom reports (analytics/reports.ts): the builder's catalogue, a run, and the workspace's
 * saved reports. Whoever reads reports may run and save them; a saved report is the workspace's.
 */
export const reportsRouter = router({
  catalog: staffProcedure("reports:read").query(() => ({
    metrics: Object.entries(REPORT_METRICS).map(([id, metric]) => ({ id, label: metric.label, format: metric.format })),
    dimensions: Object.entries(REPORT_DIMENSIONS).map(([id, dimension]) => ({ id, label: dimension.label })),
    grains: [...REPORT_GRAINS],
  })),

  run: staffProcedure("reports:read")
    .input(z.object({ range: analyticsInputSchema, definition: reportDefinitionSchema }))
    .query(async ({ ctx, input }) => {
      const scope = new EventScope(ctx.db, ctx.workspaceId, input.range.filters);
      const rows = await runReport(scope, { from: new Date(input.range.from), to: new Date(input.range.to) }, input.definition);
      const metric = REPORT_METRICS[input.definition.metric];
      return { metric: { id: input.definition.metric, label: metric.label, format: metric.format }, rows };
    }),

  /** The same report with every group, as CSV (raw values: seconds, shares of 1, points). */
  csv: staffProcedure("reports:read")
    .input(z.object({ range: analyticsInputSchema, definition: reportDefinitionSchema }))
    .query(async ({ ctx, input }) => {
      const scope = new EventScope(ctx.db, ctx.workspaceId, input.range.filters);
      const rows = await runReport(scope, { from: new Date(input.range.from), to: new Date(input.range.to) }, input.definition, { allGroups: true });
      const { groupBy, grain } = input.definition;
      const header = [...(grain === "none" ? [] : [grain]), ...(groupBy === "none" ? [] : [groupBy, `${groupBy} id`]), input.definition.metric];
      const cells = rows.map((row) => [...(grain === "none" ? [] : [row.period]), ...(groupBy === "none" ? [] : [row.name, row.key]), row.value]);
      return { csv: csvText(header, cells), rows: rows.length };
    }),

  list: staffProcedure("reports:read").query(async ({ ctx }) => {
    const reports = await ctx.db.savedReport.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      include: { createdBy: { select: { id: true, name: true } } },
    });
    // A report saved before a metric or filter changed shape is left out rather than failing the list.
    return reports.flatMap((report) => {
      const saved = savedReportSchema.safeParse(report.definition);
      return saved.success ? [{ id: report.id, name: report.name, createdBy: report.createdBy, updatedAt: report.updatedAt.toISOString(), ...saved.data }] : [];
    });
  }),

  save: personProcedure("reports:read")
    .input(savedReportSchema.extend({ id: idSchema.optional(), name: labelSchema("report name", 80) }))
    .mutation(async ({ ctx, input }) => {
      const { id, name, ...report } = input;
      const definition = asJson(report);
      if (id && !(await ctx.db.savedReport.findFirst({ where: { id, workspaceId: ctx.workspaceId }, select: { id: true } }))) {
        throw new TRPCError({ code: "NOT_FOUND", message: `report ${id} not found` });
      }
      const saved = await (id
        ? ctx.db.savedReport.update({ where: { id }, data: { name, definition } })
        : ctx.db.savedReport.create({ data: { workspaceId: ctx.workspaceId, createdById: ctx.caller.userId, name, definition } })
      ).catch((err: unknown) => {
        if ((err as { code?: string }).code === "P2002") throw new TRPCError({ code: "CONFLICT", message: `a report named "${name}" exists already` });
        throw err;
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: id ? "report.update" : "report.create",
        target: { type: "report", id: saved.id },
        details: { name },
      });
      return { id: saved.id };
    }),

  delete: personProcedure("reports:read")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const report = await ctx.db.savedReport.findFirst({ where: { id: input.id, workspaceId: ctx.workspaceId } });
      if (!report) throw new TRPCError({ code: "NOT_FOUND", message: `report ${input.id} not found` });
      if (report.createdById !== ctx.caller.userId && !TIDIES_REPORTS.has(ctx.caller.role)) {
        throw new TRPCError({ code: "FORBIDDEN", message: "only its author or an admin may delete a saved report" });
      }
      await ctx.db.savedReport.delete({ where: { id: report.id } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "report.delete",
        target: { type: "report", id: report.id },
        details: { name: report.name },
      });
      return { ok: true };
    }),
});
