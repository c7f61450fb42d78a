import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { FLOW_SCHEMA_VERSION, storedJsonSchema, validateFlow, type FlowGraph, type FlowIssue, type ValidationContext } from "@parley/flow";
import { asJson, type Db } from "@parley/db";
import { customActivityCatalog } from "@parley/activities/custom";
import { intentRouterWarnings } from "@parley/activities";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema, optionalTextSchema } from "../inputs";

/** A new flow starts as the smallest valid graph: a start wired to an end. */
const starterGraph: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "end", kind: "end", position: { x: 0, y: 160 }, config: { status: "resolved" } },
  ],
  edges: [{ id: "start-next-end", source: "start", sourcePort: "next", target: "end" }],
};

async function findFlow(db: Db, workspaceId: string, id: string) {
  const flow = await db.flow.findFirst({
    where: { id, workspaceId },
    include: { versions: { orderBy: { version: "desc" } } },
  });
  if (!flow) throw new TRPCError({ code: "NOT_FOUND", message: `flow ${id} not found` });
  const draft = flow.versions.find((version) => !version.published);
  if (!draft) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `flow ${id} has no draft` });
  return { flow, draft, published: flow.versions.find((version) => version.published) ?? null };
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Writes to the draft only while it is still a draft. Two admins publishing (or one saving while
 * another publishes) race for the same row: the loser finds it published and gets a 409 to
 * reload, instead of the immutability trigger's or the (flowId, version) unique index's 500.
 */
async function claimDraft(tx: Tx, draftId: string, data: Parameters<Db["flowVersion"]["updateMany"]>[0]["data"]) {
  const claimed = await tx.flowVersion.updateMany({ where: { id: draftId, published: false }, data });
  if (claimed.count === 0) {
    throw new TRPCError({ code: "CONFLICT", message: "this draft was published meanwhile; reload the flow to edit its new draft" });
  }
}

const hasErrors = (issues: FlowIssue[]) => issues.some((issue) => issue.severity === "error");

/**
 * A graph as the builder sends it, before flow validation: JSON the database can store and every
 * reader can walk. Generous for real flows (the demo nests 7 deep; 500 nodes fit), and a 400 with
 * the path to the value for hostile ones (prototype keys, broken text, deep nesting, huge arrays).
 */
const graphInputSchema = storedJsonSchema({ maxDepth: 32, maxValues: 200_000, maxItems: 5_000, maxStringLength: 100_000 });

/**
 * The custom activities the worker registers. The API reads the same catalog module as the
 * worker (packages/activities/src/custom), so both must be deployed from the same build.
 */
const customActivities = customActivityCatalog();

/**
 * What validation needs beyond the graph: the custom activities (unknown names and fields are
 * errors) and the workspace's flows (a subflow must call a published flow, and not its own).
 */
async function validationContext(db: Db, workspaceId: string, flowId: string): Promise<ValidationContext> {
  const flows = await db.flow.findMany({
    where: { workspaceId },
    select: { id: true, name: true, versions: { where: { published: true }, select: { id: true }, take: 1 } },
  });
  return {
    flowId,
    customActivities,
    flows: flows.map((flow) => ({ id: flow.id, name: flow.name, published: flow.versions.length > 0 })),
  };
}

export const flowsRouter = router({
  list: staffProcedure("flows:read").query(async ({ ctx }) => {
    const flows = await ctx.db.flow.findMany({
      where: { workspaceId: ctx.workspaceId },
      include: { versions: { orderBy: { version: "desc" } } },
      orderBy: { updatedAt: "desc" },
    });
    return flows.map((flow) => {
      const draft = flow.versions.find((version) => !version.published);
      const published = flow.versions.find((version) => version.published);
      return {
        id: flow.id,
        name: flow.name,
        description: flow.description,
        updatedAt: flow.updatedAt.toISOString(),
        publishedVersion: published?.version ?? null,
        draftUpdatedAt: (draft?.updatedAt ?? flow.updatedAt).toISOString(),
      };
    });
  }),

  get: staffProcedure("flows:read").input(z.object({ id: idSchema })).query(async ({ ctx, input }) => {
    const { flow, draft, published } = await findFlow(ctx.db, ctx.workspaceId, input.id);
    return {
      id: flow.id,
      name: flow.name,
      description: flow.description,
      draft: {
        id: draft.id,
        version: draft.version,
        graph: draft.graph as unknown as FlowGraph,
        updatedAt: draft.updatedAt.toISOString(),
      },
      published: published
        ? {
            id: published.id,
            version: published.version,
            publishedAt: (published.publishedAt ?? published.updatedAt).toISOString(),
            graph: published.graph as unknown as FlowGraph,
          }
        : null,
      versions: flow.versions.map((version) => ({
        id: version.id,
        version: version.version,
        publishedAt: version.publishedAt?.toISOString() ?? null,
      })),
      issues: validateFlow(draft.graph, await validationContext(ctx.db, ctx.workspaceId, flow.id)).issues,
    };
  }),

  /** The custom activities a custom activity node can run, with their fields (for the builder's checks). */
  customActivities: staffProcedure("flows:read").query(() => customActivities),

  create: staffProcedure("flows:manage")
    .input(z.object({ name: labelSchema("name", 120), description: optionalTextSchema("description", 500).optional() }))
    .mutation(async ({ ctx, input }) => {
      const flow = await ctx.db.flow.create({
        data: {
          workspaceId: ctx.workspaceId,
          name: input.name,
          description: input.description ?? "",
          versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(starterGraph) } },
        },
      });
      return { id: flow.id };
    }),

  /**
   * Saves the draft even when it has validation errors (an admin saves work in progress); the
   * issues come back as data. Only a graph whose basic shape is unreadable is refused.
   */
  saveDraft: staffProcedure("flows:manage")
    .input(z.object({ id: idSchema, graph: graphInputSchema }))
    .mutation(async ({ ctx, input }) => {
      const { flow, draft } = await findFlow(ctx.db, ctx.workspaceId, input.id);
      const validation = validateFlow(input.graph, await validationContext(ctx.db, ctx.workspaceId, flow.id));
      if (!validation.graph) return { saved: false, issues: validation.issues };
      const graph = validation.graph;
      await ctx.db.$transaction(async (tx) => {
        await claimDraft(tx, draft.id, { graph: asJson(graph), schemaVersion: graph.schemaVersion });
        await tx.flow.update({ where: { id: flow.id }, data: { updatedAt: new Date() } });
      });
      return { saved: true, issues: validation.issues };
    }),

  /** Freezes the draft as the next published version and opens a new draft from it. */
  publish: staffProcedure("flows:manage").input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const { flow, draft } = await findFlow(ctx.db, ctx.workspaceId, input.id);
    const validation = validateFlow(draft.graph, await validationContext(ctx.db, ctx.workspaceId, flow.id));
    if (!validation.graph || hasErrors(validation.issues)) {
      const count = validation.issues.filter((issue) => issue.severity === "error").length;
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `the draft has ${count} error(s); fix them before publishing`,
      });
    }
    const graph = validation.graph;
    await ctx.db.$transaction(async (tx) => {
      await claimDraft(tx, draft.id, { published: true, publishedAt: new Date(), graph: asJson(graph) });
      await tx.flowVersion.create({
        data: { flowId: flow.id, version: draft.version + 1, schemaVersion: graph.schemaVersion, graph: asJson(graph) },
      });
      await tx.flow.update({ where: { id: flow.id }, data: { updatedAt: new Date() } });
    });
    await recordAudit(ctx.db, auditRequest(ctx), {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: "flow.publish",
      target: { type: "flow", id: flow.id },
      details: { version: draft.version, name: flow.name },
    });
    // Published anyway: weak intent examples are advice, not errors (a few trainings, ~100 ms).
    const intentWarnings = intentRouterWarnings(validation.graph.nodes);
    return { versionId: draft.id, version: draft.version, intentWarnings };
  }),
});
