import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { idSchema } from "../inputs";
import { findFlow } from "./flow-records";
import { computeFlowFigures } from "../flow-analytics/node-figures";

const nodesInput = z
  .object({
    flowId: idSchema,
    /** One version's conversations; without it, every version's (node ids carry over between versions). */
    versionId: idSchema.optional(),
    /** Conversations that started in [from, to). */
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
  })
  .refine((input) => !input.from || !input.to || input.from < input.to, { message: "from must be before to", path: ["from"] });

/**
 * Per-node analytics for the flow editor's overlay, from the node runs the workflows record:
 * visits, where conversations left the flow, errors, p50/p95 duration, and traffic per edge.
 * Test conversations (the simulator's, replay checks') are left out. Figures only, never what was
 * said, so analysts read them like reports.
 */
export const flowAnalyticsRouter = router({
  nodes: staffProcedure("reports:read")
    .input(nodesInput)
    .query(async ({ ctx, input }) => {
      const { flow } = await findFlow(ctx.db, ctx.workspaceId, input.flowId);
      const versions = flow.versions.filter((version) => version.published);
      if (input.versionId && !versions.some((version) => version.id === input.versionId)) {
        throw new TRPCError({ code: "NOT_FOUND", message: `published version ${input.versionId} of flow ${flow.id} not found` });
      }
      const versionIds = input.versionId ? [input.versionId] : versions.map((version) => version.id);
      const createdAt = {
        ...(input.from ? { gte: new Date(input.from) } : {}),
        ...(input.to ? { lt: new Date(input.to) } : {}),
      };
      const rows = await ctx.db.nodeRun.findMany({
        where: { conversation: { workspaceId: ctx.workspaceId, flowVersionId: { in: versionIds }, test: false, createdAt } },
        select: { id: true, conversationId: true, nodeId: true, startedAt: true, finishedAt: true, outcome: true, error: true },
      });
      return {
        versions: versions.map((version) => ({ id: version.id, version: version.version, publishedAt: version.publishedAt?.toISOString() ?? null })),
        ...computeFlowFigures(rows),
      };
    }),
});
