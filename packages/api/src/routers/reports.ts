import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { asJson, type Db } from "@parley/db";
import { router } from "../trpc";
import { personProcedure, staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema } from "../inputs";
import { toTrpcError } from "../temporal-errors";
import { syncReportSchedule } from "../reports/report-schedule";
import { analyticsInputSchema, EventScope, reportCsv, REPORT_DIMENSIONS, REPORT_GRAINS, REPORT_METRICS, reportDefinitionSchema, runReport, savedReportSchema, type ReportScheduleSetting } from "@parley/analytics";

/** A schedule's destination exists: the workspace's webhook endpoint, or an SMTP relay for email. */
async function checkDestination(ctx: { db: Db; workspaceId: string; mailsReports?: boolean }, schedule: ReportScheduleSetting | null): Promise<void> {
  if (!schedule) return;
  if (schedule.emails) {
    if (!ctx.mailsReports) throw new TRPCError({ code: "BAD_REQUEST", message: "reports cannot be emailed: outgoing mail (SMTP_URL) is not configured" });
    return;
  }
  if (!schedule.webhookId || !(await ctx.db.webhookSubscription.findFirst({ where: { id: schedule.webhookId, workspaceId: ctx.workspaceId }, select: { id: true } }))) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `webhook endpoint ${schedule.webhookId} not found: add it in Settings → Webhooks` });
  }
}

/** Roles that may delete a report someone else saved (tidying the workspace's list). */
const TIDIES_REPORTS = new Set(["owner", "admin"]);

/**
 * Custom reports (@parley/analytics reports.ts): the builder's catalogue, a run, and the workspace's
 * saved reports. Whoever reads reports may run and save them; a saved report is the workspace's.
 */
export const reportsRouter = router({
  catalog: staffProcedure("reports:read").query(({ ctx }) => ({
    metrics: Object.entries(REPORT_METRICS).map(([id, metric]) => ({ id, label: metric.label, format: metric.format })),
    dimensions: Object.entries(REPORT_DIMENSIONS).map(([id, dimension]) => ({ id, label: dimension.label })),
    grains: [...REPORT_GRAINS],
    /** Whether a schedule may email its report (SMTP configured), besides posting it to a webhook. */
    email: Boolean(ctx.mailsReports),
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
      return { csv: reportCsv(input.definition, rows), rows: rows.length };
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

  /**
   * Saves a report (new, or one of the workspace's by id). A schedule names one of the workspace's
   * webhook endpoints or email addresses (with SMTP configured) and becomes the report's Temporal Schedule; when Temporal cannot take it,
   * the save is undone and answered 503, so a report never says it is scheduled when it is not.
   */
  save: personProcedure("reports:read")
    .input(savedReportSchema.extend({ id: idSchema.optional(), name: labelSchema("report name", 80) }))
    .mutation(async ({ ctx, input }) => {
      const { id, name, ...report } = input;
      const definition = asJson(report);
      const before = id ? await ctx.db.savedReport.findFirst({ where: { id, workspaceId: ctx.workspaceId } }) : null;
      if (id && !before) throw new TRPCError({ code: "NOT_FOUND", message: `report ${id} not found` });
      await checkDestination(ctx, report.schedule);
      const saved = await (before
        ? ctx.db.savedReport.update({ where: { id: before.id }, data: { name, definition } })
        : ctx.db.savedReport.create({ data: { workspaceId: ctx.workspaceId, createdById: ctx.caller.userId, name, definition } })
      ).catch((err: unknown) => {
        if ((err as { code?: string }).code === "P2002") throw new TRPCError({ code: "CONFLICT", message: `a report named "${name}" exists already` });
        throw err;
      });
      const wasScheduled = before ? savedReportSchema.safeParse(before.definition).data?.schedule : null;
      if (report.schedule || wasScheduled) {
        await syncReportSchedule(ctx.temporal, ctx.taskQueue, saved.id, report.schedule).catch(async (err: unknown) => {
          await (before
            ? ctx.db.savedReport.update({ where: { id: before.id }, data: { name: before.name, definition: before.definition ?? {} } })
            : ctx.db.savedReport.delete({ where: { id: saved.id } }));
          throw toTrpcError(err);
        });
      }
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: id ? "report.update" : "report.create",
        target: { type: "report", id: saved.id },
        details: { name, ...(report.schedule ? { schedule: report.schedule.every, to: report.schedule.emails ? "email" : "webhook" } : {}) },
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
      if (savedReportSchema.safeParse(report.definition).data?.schedule) {
        await syncReportSchedule(ctx.temporal, ctx.taskQueue, report.id, null).catch((err: unknown) => {
          throw toTrpcError(err);
        });
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
