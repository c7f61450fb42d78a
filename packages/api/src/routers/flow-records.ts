import { TRPCError } from "@trpc/server";
import type { Db } from "@parley/db";

/**
 * Reading one flow of the caller's workspace. A deleted flow (Flow.deletedAt) is gone for the
 * builder and the API: 404, as a flow of another workspace is.
 */
export const liveFlow = { deletedAt: null } as const;

export async function findFlow(db: Db, workspaceId: string, id: string) {
  const flow = await db.flow.findFirst({
    where: { id, workspaceId, ...liveFlow },
    include: { versions: { orderBy: { version: "desc" } } },
  });
  if (!flow) throw new TRPCError({ code: "NOT_FOUND", message: `flow ${id} not found` });
  const draft = flow.versions.find((version) => !version.published);
  if (!draft) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `flow ${id} has no draft` });
  return { flow, draft, published: flow.versions.find((version) => version.published) ?? null };
}
