import type { Db } from "@parley/db";
import { identitiesOf, InvalidIdentityError, type ContactFacts, type Identity } from "./identities";

export { InvalidIdentityError, type ContactFacts } from "./identities";

export interface ResolvedContact {
  contactId: string;
  /** True when no identity was known and this made the contact. */
  created: boolean;
}

/** A unique-constraint race can repeat only while other starts keep winning it; a few tries settle it. */
const RACE_RETRIES = 3;

const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | null)?.code === "P2002";

/**
 * The contact of a person who writes or calls, the one place that links identities across
 * channels (every conversation start, the widget's pre-chat form, the REST API, the email
 * channel's senders call it):
 *
 *  - when one of the facts' identities (email, phone, visitor id, external id) is known in the
 *    workspace, its contact, with the facts' other identities added to it (an identity another
 *    contact holds stays there: linking never merges two contacts, a person does that);
 *  - otherwise a new contact with all of them; with no identity at all, a new anonymous contact.
 *
 * Two starts with the same new email at once make one contact: the loser of the unique
 * constraint reads the winner's contact. The name, email and phone columns (what lists show)
 * are filled when empty, never overwritten. Throws InvalidIdentityError for a phone number or
 * email that is not one.
 */
export async function resolveContact(db: Db, workspaceId: string, facts: ContactFacts): Promise<ResolvedContact> {
  const identities = identitiesOf(facts);
  const name = facts.name?.trim() || null;
  for (let attempt = 0; ; attempt++) {
    try {
      const known = identities.length > 0 ? await knownContact(db, workspaceId, identities) : null;
      if (known) {
        await linkIdentities(db, workspaceId, known, identities, name);
        return { contactId: known, created: false };
      }
      const contact = await db.contact.create({
        data: {
          workspaceId,
          name,
          email: identities.find((identity) => identity.kind === "email")?.value ?? null,
          phone: identities.find((identity) => identity.kind === "phone")?.value ?? null,
          identities: { create: identities.map((identity) => ({ ...identity, workspaceId })) },
        },
        select: { id: true },
      });
      return { contactId: contact.id, created: true };
    } catch (err) {
      // Another start created one of these identities since we looked: its contact is ours.
      if (!isUniqueViolation(err) || attempt >= RACE_RETRIES) throw err;
    }
  }
}

/** The contact of the strongest known identity (identities come strongest first). */
async function knownContact(db: Db, workspaceId: string, identities: Identity[]): Promise<string | null> {
  const rows = await db.contactIdentity.findMany({
    where: { workspaceId, OR: identities.map(({ kind, value }) => ({ kind, value })) },
    select: { kind: true, value: true, contactId: true },
  });
  for (const identity of identities) {
    const row = rows.find((candidate) => candidate.kind === identity.kind && candidate.value === identity.value);
    if (row) return row.contactId;
  }
  return null;
}

/** Adds the identities nobody holds yet to the contact, and fills its empty name, email and phone. */
async function linkIdentities(db: Db, workspaceId: string, contactId: string, identities: Identity[], name: string | null): Promise<void> {
  let added = 0;
  for (const identity of identities) {
    try {
      // Held already (by this contact or another): skipped by the unique constraint, not an error.
      const held = await db.contactIdentity.findUnique({ where: { workspaceId_kind_value: { workspaceId, ...identity } }, select: { id: true } });
      if (held) continue;
      await db.contactIdentity.create({ data: { workspaceId, contactId, ...identity }, select: { id: true } });
      added++;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  const contact = await db.contact.findUnique({ where: { id: contactId }, select: { name: true, email: true, phone: true } });
  if (!contact) return;
  const fill = {
    ...(!contact.name && name ? { name } : {}),
    ...(!contact.email && identities.some((i) => i.kind === "email") ? { email: identities.find((i) => i.kind === "email")!.value } : {}),
    ...(!contact.phone && identities.some((i) => i.kind === "phone") ? { phone: identities.find((i) => i.kind === "phone")!.value } : {}),
  };
  if (added > 0 || Object.keys(fill).length > 0) {
    await db.contact.update({ where: { id: contactId }, data: { ...fill, ...(added > 0 ? { revision: { increment: 1 } } : {}) }, select: { id: true } });
  }
}

/**
 * Links what a person corrected by hand (the inbox's contact panel) as identities of the contact,
 * each on its own: one that is not a valid email or international phone number is just not
 * linked (the panel stores what the agent typed), one another contact holds stays theirs.
 */
export async function linkCorrectedFacts(db: Db, workspaceId: string, contactId: string, facts: Pick<ContactFacts, "email" | "phone">): Promise<void> {
  const identities = (["email", "phone"] as const).flatMap((field) => {
    try {
      return identitiesOf({ [field]: facts[field] });
    } catch (err) {
      if (err instanceof InvalidIdentityError) return [];
      throw err;
    }
  });
  if (identities.length > 0) await linkIdentities(db, workspaceId, contactId, identities, null);
}

/**
 * The contact a conversation's customer becomes when they give an address to continue at (the
 * widget's "Continue by email" or "by SMS", a dropped call): the contact that address already
 * identifies, or else the conversation's own contact with the address linked to it. Either way
 * its email (or phone) column is that address, since channel deliveries write to it. Throws
 * InvalidIdentityError for a bad address.
 */
export async function contactForAddress(db: Db, workspaceId: string, currentContactId: string, facts: Pick<ContactFacts, "email" | "phone">): Promise<string> {
  const identities = identitiesOf(facts);
  const contactId = (await knownContact(db, workspaceId, identities)) ?? currentContactId;
  await linkIdentities(db, workspaceId, contactId, identities, null);
  const email = identities.find((identity) => identity.kind === "email")?.value;
  if (email) await db.contact.updateMany({ where: { id: contactId, NOT: { email } }, data: { email, revision: { increment: 1 } } });
  const phone = identities.find((identity) => identity.kind === "phone")?.value;
  if (phone) await db.contact.updateMany({ where: { id: contactId, NOT: { phone } }, data: { phone, revision: { increment: 1 } } });
  return contactId;
}
