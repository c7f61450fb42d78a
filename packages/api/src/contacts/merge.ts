import { asJson, type Db } from "@parley/db";
import { mergedAttributes, storedAttributes } from "./attributes";

export interface MergeResult {
  conversations: number;
  identities: number;
}

/** One of the two contacts is not in the workspace (or both are the same one). */
export class MergeRefusedError extends Error {}

/**
 * Merges contact `mergedId` into `keptId`, in one transaction: its conversations and identities
 * move to the kept contact, its attributes join the kept one's (on a key both have, the kept
 * value stays), an empty name, email or phone of the kept contact takes the merged one's, and the
 * merged contact is deleted. The kept contact's revision goes up, so the `contact.updated`
 * webhook fires even when nothing else of it changed.
 */
export async function mergeContacts(db: Db, workspaceId: string, keptId: string, mergedId: string): Promise<MergeResult> {
  if (keptId === mergedId) throw new MergeRefusedError("a contact cannot be merged into itself");
  return db.$transaction(async (tx) => {
    const select = { id: true, name: true, email: true, phone: true, attributes: true } as const;
    const [kept, merged] = await Promise.all([
      tx.contact.findFirst({ where: { id: keptId, workspaceId }, select }),
      tx.contact.findFirst({ where: { id: mergedId, workspaceId }, select }),
    ]);
    if (!kept || !merged) throw new MergeRefusedError(`contact ${kept ? mergedId : keptId} not found`);
    const conversations = await tx.conversation.updateMany({ where: { contactId: merged.id }, data: { contactId: kept.id } });
    // Identities are unique per workspace, so none of the merged contact's can already be the kept one's.
    const identities = await tx.contactIdentity.updateMany({ where: { contactId: merged.id }, data: { contactId: kept.id } });
    await tx.contact.delete({ where: { id: merged.id }, select: { id: true } });
    await tx.contact.update({
      where: { id: kept.id },
      data: {
        name: kept.name ?? merged.name,
        email: kept.email ?? merged.email,
        phone: kept.phone ?? merged.phone,
        attributes: asJson(mergedAttributes(storedAttributes(kept.attributes), storedAttributes(merged.attributes))),
        revision: { increment: 1 },
      },
      select: { id: true },
    });
    return { conversations: conversations.count, identities: identities.count };
  });
}
