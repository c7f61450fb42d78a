import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { FlowGraph } from "@parley/flow";
import { asJson, type Db } from "@parley/db";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema, optionalTextSchema } from "../inputs";
import { findFlow, liveFlow } from "./flow-records";

/**
 * Managing flows as a whole from the flow list: rename, duplicate, delete. Merged into the flows
 * router (same permissions as the other flow changes), kept apart so neither file grows past a
 * screenful of procedures.
 */

const NAME_MAX = 120;

/**
 * Names that read the same in a list count as the same: case, spacing and Unicode look-alikes
 * (NFKC) aside. Two flows called "Support" and "support " would be told apart by no one.
 */
export function nameKey(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en");
}

async function takenNames(db: Db, workspaceId: string, exceptId?: string): Promise<Map<string, string>> {
  const flows = await db.flow.findMany({ where: { workspaceId, ...liveFlow }, select: { id: true, name: true } });
  return new Map(flows.filter((flow) => flow.id !== exceptId).map((flow) => [nameKey(flow.name), flow.name]));
}

/** "Support" → "Support (copy)", then "Support (copy 2)"...; a copy of a copy does not stack suffixes. */
export function copyName(name: string, taken: ReadonlyMap<string, string>): string {
  const base = name.replace(/ \(copy(?: \d+)?\)$/, "");
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? " (copy)" : ` (copy ${n})`;
    const candidate = `${base.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(nameKey(candidate))) return candidate;
  }
}

/** Conversations still running on some version of the flow: deleting it would orphan them. */
const OPEN_STATUSES = ["active", "handoff"] as const;

/** 409 when another live flow of the workspace (not `exceptId`) reads as `name`. */
export async function refuseTakenName(db: Db, workspaceId: string, name: string, exceptId?: string): Promise<void> {
  const other = (await takenNames(db, workspaceId, exceptId)).get(nameKey(name));
  if (other !== undefined) throw new TRPCError({ code: "CONFLICT", message: `another flow is already called "${other}"; pick a name that tells them apart` });
}

export const flowManagement = {
  /** New name and description. A name another flow of the workspace already reads as is a 409. */
  rename: staffProcedure("flows:manage")
    .input(z.object({ id: idSchema, name: labelSchema("name", NAME_MAX), description: optionalTextSchema("description", 500).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { flow } = await findFlow(ctx.db, ctx.workspaceId, input.id);
      const name = input.name.trim().replace(/\s+/g, " ");
      await refuseTakenName(ctx.db, ctx.workspaceId, name, flow.id);
      const description = input.description?.trim() ?? flow.description;
      await ctx.db.flow.update({ where: { id: flow.id }, data: { name, description } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "flow.rename",
        target: { type: "flow", id: flow.id },
        details: { from: flow.name, name, ...(description !== flow.description ? { description } : {}) },
      });
      return { id: flow.id, name, description };
    }),

  /** A new, unpublished flow whose draft is a copy of this flow's draft (notes included). */
  duplicate: staffProcedure("flows:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const { flow, draft } = await findFlow(ctx.db, ctx.workspaceId, input.id);
      const name = copyName(flow.name, await takenNames(ctx.db, ctx.workspaceId));
      const copy = await ctx.db.flow.create({
        data: {
          workspaceId: ctx.workspaceId,
          name,
          description: flow.description,
          versions: { create: { version: 1, schemaVersion: draft.schemaVersion, graph: asJson(draft.graph as unknown as FlowGraph) } },
        },
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "flow.duplicate",
        target: { type: "flow", id: copy.id },
        details: { from: flow.id, fromName: flow.name, name, draft: draft.version },
      });
      return { id: copy.id, name };
    }),

  /**
   * Deletes a flow no conversation is running on (412 otherwise, with how many to finish first).
   * A soft delete (Flow.deletedAt): resolved and closed conversations stay pinned to their
   * version, so the inbox still shows their transcripts and path, and analytics keep their
   * history; the flow is gone from lists, the editor and conversation starts.
   */
  delete: staffProcedure("flows:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const { flow } = await findFlow(ctx.db, ctx.workspaceId, input.id);
      const open = await ctx.db.conversation.count({
        where: { workspaceId: ctx.workspaceId, flowVersion: { flowId: flow.id }, status: { in: [...OPEN_STATUSES] } },
      });
      if (open > 0) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: `"${flow.name}" has ${open} conversation${open === 1 ? "" : "s"} still open; resolve or close ${open === 1 ? "it" : "them"} before deleting the flow`,
        });
      }
      // Only a flow that is still live: two deletes racing make one 404, not two audit rows.
      const deleted = await ctx.db.flow.updateMany({ where: { id: flow.id, ...liveFlow }, data: { deletedAt: new Date() } });
      if (deleted.count === 0) throw new TRPCError({ code: "NOT_FOUND", message: `flow ${input.id} not found` });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "flow.delete",
        target: { type: "flow", id: flow.id },
        details: { name: flow.name },
      });
      return { id: flow.id };
    }),
};
