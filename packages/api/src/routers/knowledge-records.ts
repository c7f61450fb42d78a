import { TRPCError } from "@trpc/server";
import type { ApiServices } from "../context";

/** A procedure's services with the caller's workspace: bases and documents are found only there. */
export type InWorkspace = ApiServices & { workspaceId: string };

export async function findBase(ctx: InWorkspace, id: string) {
  const base = await ctx.db.knowledgeBase.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
  if (!base) throw new TRPCError({ code: "NOT_FOUND", message: `knowledge base ${id} not found` });
  return base;
}

export async function findDocument(ctx: InWorkspace, id: string) {
  const document = await ctx.db.knowledgeDocument.findFirst({ where: { id, knowledgeBase: { workspaceId: ctx.workspaceId } } });
  if (!document) throw new TRPCError({ code: "NOT_FOUND", message: `document ${id} not found` });
  return document;
}
