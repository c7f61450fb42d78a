import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { diffFlows, FLOW_SCHEMA_VERSION, flowGraphSchema, storedJsonSchema, validateFlow, type FlowGraph, type FlowIssue } from "@parley/flow";
import { asJson, type Db } from "@parley/db";
import { intentRouterWarnings } from "@parley/activities";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema, optionalTextSchema } from "../inputs";
import { findFlow, liveFlow } from "./flow-records";
import { flowManagement, refuseTakenName } from "./flow-management";
import { customActivities, validationContext } from "./flow-validation-context";

/** A new flow starts as the smallest valid graph: a start wired to an end. */
const starterGraph: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "end", kind: "end", position: { x: 0, y: 160 }, config: { status: "resolved" } },
  ],
  edges: [{ id: "start-next-end", source: "start", sourcePort: "next", target: "end" }],
};

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

/** One version of a flow by number, or its draft. */
async function findVersion(db: Db, workspaceId: string, id: string, which: number | "draft") {
  const { flow, draft } = await findFlow(db, workspaceId, id);
  const version = which === "draft" ? draft : flow.versions.find((candidate) => candidate.version === which);
  if (!version) throw new TRPCError({ code: "NOT_FOUND", message: `flow ${id} has no version ${which}` });
  return { flow, draft, version };
}

/**
 * A stored graph read for the history views. Graphs written by an older build or by hand may not
 * parse; those are a 422 naming the version, never a 500 from walking a malformed graph.
 */
export function storedGraph(version: { version: number; graph: unknown }): FlowGraph {
  const parsed = flowGraphSchema.safeParse(version.graph);
  if (!parsed.success) {
    throw new TRPCError({ code: "UNPROCESSABLE_CONTENT", message: `version ${version.version} of this flow has a graph that cannot be read` });
  }
  return parsed.data;
}

const versionRefSchema = z.union([z.number().int().positive(), z.literal("draft")]);
const noteSchema = optionalTextSchema("note", 500);

const hasErrors = (issues: FlowIssue[]) => issues.some((issue) => issue.severity === "error");

/**
 * A graph as the builder sends it, before flow validation: JSON the database can store and every
 * reader can walk. Generous for real flows (the demo nests 7 deep; 500 nodes fit), and a 400 with
 * the path to the value for hostile ones (prototype keys, broken text, deep nesting, huge arrays).
 */
const graphInputSchema = storedJsonSchema({ maxDepth: 32, maxValues: 200_000, maxItems: 5_000, maxStringLength: 100_000 });

export const flowsRouter = router({
  ...flowManagement,

  list: staffProcedure("flows:read").query(async ({ ctx }) => {
    const flows = await ctx.db.flow.findMany({
      where: { workspaceId: ctx.workspaceId, ...liveFlow },
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
      await refuseTakenName(ctx.db, ctx.workspaceId, input.name);
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

  /**
   * Freezes the draft as the next published version and opens a new draft from it. A draft equal
   * to the latest published version is refused (412): a version that changes nothing is noise in
   * the history. Equal means equal as the diff sees it, positions included: a draft whose steps
   * only moved is a change (the layout is what the next admin opens), and it may be published.
   */
  publish: staffProcedure("flows:manage")
    .input(z.object({ id: idSchema, note: noteSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { flow, draft, published } = await findFlow(ctx.db, ctx.workspaceId, input.id);
      const validation = validateFlow(draft.graph, await validationContext(ctx.db, ctx.workspaceId, flow.id));
      if (!validation.graph || hasErrors(validation.issues)) {
        const errors = validation.issues.filter((issue) => issue.severity === "error");
        // The first errors by name (node and field are in each message), so an API caller knows what to fix.
        const named = errors.slice(0, 3).map((issue) => issue.message).join("; ");
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: `the draft has ${errors.length} error(s); fix them before publishing: ${named}${errors.length > 3 ? "; …" : ""}`,
        });
      }
      const graph = validation.graph;
      // A live version that no longer parses (an older build wrote it) is never "the same".
      const live = published ? flowGraphSchema.safeParse(published.graph) : null;
      if (published && live?.success && diffFlows(live.data, graph).same) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: `nothing to publish: the draft is the same as published version ${published.version}`,
        });
      }
      await ctx.db.$transaction(async (tx) => {
        // Who and why are written in the update that freezes the row: the trigger refuses any later one.
        await claimDraft(tx, draft.id, {
          published: true,
          publishedAt: new Date(),
          graph: asJson(graph),
          publishedById: ctx.caller.kind === "user" ? ctx.caller.userId : null,
          note: input.note?.trim() ? input.note.trim() : null,
        });
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
        details: { version: draft.version, name: flow.name, ...(input.note?.trim() ? { note: input.note.trim() } : {}) },
      });
      // Published anyway: weak intent examples are advice, not errors (a few trainings and one
      // batch of example encodings, ~100–400 ms).
      const intentWarnings = await intentRouterWarnings(validation.graph.nodes);
      return { versionId: draft.id, version: draft.version, intentWarnings };
    }),

  /** The flow's history, newest first: every published version and the draft on top. */
  versions: staffProcedure("flows:read").input(z.object({ id: idSchema })).query(async ({ ctx, input }) => {
    const { flow } = await findFlow(ctx.db, ctx.workspaceId, input.id);
    const publisherIds = [...new Set(flow.versions.flatMap((version) => (version.publishedById ? [version.publishedById] : [])))];
    const people = await ctx.db.user.findMany({ where: { id: { in: publisherIds } }, select: { id: true, name: true } });
    const names = new Map(people.map((person) => [person.id, person.name]));
    return flow.versions.map((version) => ({
      version: version.version,
      published: version.published,
      publishedAt: version.publishedAt?.toISOString() ?? null,
      updatedAt: version.updatedAt.toISOString(),
      // An API key publishes without a person; a person who was deleted is no longer named.
      publishedBy: version.publishedById ? (names.get(version.publishedById) ?? "a former member") : null,
      note: version.note,
    }));
  }),

  /** One version's graph, to show read-only. */
  version: staffProcedure("flows:read")
    .input(z.object({ id: idSchema, version: versionRefSchema }))
    .query(async ({ ctx, input }) => {
      const { version } = await findVersion(ctx.db, ctx.workspaceId, input.id, input.version);
      return { version: version.version, published: version.published, graph: storedGraph(version) };
    }),

  /** What changed from one version to another ("draft" for the draft). */
  diff: staffProcedure("flows:read")
    .input(z.object({ id: idSchema, from: versionRefSchema, to: versionRefSchema }))
    .query(async ({ ctx, input }) => {
      const from = await findVersion(ctx.db, ctx.workspaceId, input.id, input.from);
      const to = await findVersion(ctx.db, ctx.workspaceId, input.id, input.to);
      const before = storedGraph(from.version);
      const after = storedGraph(to.version);
      return { from: from.version.version, to: to.version.version, before, after, diff: diffFlows(before, after) };
    }),

  /**
   * Makes the draft a copy of an earlier version's graph. The draft's own edits are replaced
   * (the builder asks first); nothing published changes until the restored draft is published.
   */
  restore: staffProcedure("flows:manage")
    .input(z.object({ id: idSchema, version: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) => {
      const { flow, draft, version } = await findVersion(ctx.db, ctx.workspaceId, input.id, input.version);
      if (!version.published) throw new TRPCError({ code: "BAD_REQUEST", message: `version ${input.version} is the draft itself` });
      await ctx.db.$transaction(async (tx) => {
        await claimDraft(tx, draft.id, { graph: asJson(version.graph as unknown as FlowGraph), schemaVersion: version.schemaVersion });
        await tx.flow.update({ where: { id: flow.id }, data: { updatedAt: new Date() } });
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "flow.restore",
        target: { type: "flow", id: flow.id },
        details: { version: input.version, draft: draft.version, name: flow.name },
      });
      return { draftVersion: draft.version, restoredFrom: input.version };
    }),
});
