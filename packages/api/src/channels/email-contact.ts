import type { Db } from "@parley/db";

/**
 * The contact an email sender is: the workspace's contact with that address (the oldest, if
 * several), else a new one. Kept alone and small on purpose: contact identities across channels
 * will replace this lookup, and only this function changes then.
 */
export async function contactForEmailSender(db: Db, workspaceId: string, sender: { address: string; name: string | null }): Promise<string> {
  const existing = await db.contact.findFirst({ where: { workspaceId, email: sender.address }, orderBy: { createdAt: "asc" }, select: { id: true } });
  if (existing) return existing.id;
  const created = await db.contact.create({ data: { workspaceId, email: sender.address, name: sender.name }, select: { id: true } });
  return created.id;
}
