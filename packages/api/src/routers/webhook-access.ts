import { TRPCError } from "@trpc/server";
import type { Db, WebhookSubscription } from "@parley/db";

/** The subscription of the caller's workspace, or 404 (another workspace's is not there for them). */
export async function ownSubscription(db: Db, workspaceId: string, id: string): Promise<WebhookSubscription> {
  const row = await db.webhookSubscription.findFirst({ where: { id, workspaceId } });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `webhook ${id} not found` });
  return row;
}
