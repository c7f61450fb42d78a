import { z } from "zod";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";

/** Days something is kept: 1 day to 10 years; null keeps it until it is erased. */
const retentionDays = z.number().int("whole days").min(1, "at least 1 day").max(3650, "at most 3650 days (10 years)").nullable();

const retentionSchema = z.object({
  /** Resolved and closed conversations (messages, variables, node runs) after their last activity. */
  retainTranscriptsDays: retentionDays,
  /** Callers' voice recordings after they were made. */
  retainRecordingsDays: retentionDays,
  /** Audit events after they happened. */
  retainAuditDays: retentionDays,
});

type Retention = z.infer<typeof retentionSchema>;

/** Workspace settings for admins. Retention is enforced by the worker's retention sweep (daily by default). */
export const settingsRouter = router({
  retention: staffProcedure("settings:manage").query(async ({ ctx }): Promise<Retention> => {
    return ctx.db.workspace.findUniqueOrThrow({
      where: { id: ctx.workspaceId },
      select: { retainTranscriptsDays: true, retainRecordingsDays: true, retainAuditDays: true },
    });
  }),

  /** Sets all three at once (what the settings form shows); the change is audited with before and after. */
  setRetention: staffProcedure("settings:manage")
    .input(retentionSchema)
    .mutation(async ({ ctx, input }): Promise<Retention> => {
      const select = { retainTranscriptsDays: true, retainRecordingsDays: true, retainAuditDays: true } as const;
      const before = await ctx.db.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId }, select });
      const after = await ctx.db.workspace.update({ where: { id: ctx.workspaceId }, data: input, select });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "settings.retention_change",
        target: { type: "workspace", id: ctx.workspaceId },
        details: { before, after },
      });
      return after;
    }),
});
