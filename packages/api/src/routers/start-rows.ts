import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { databaseKindOf, dbErrorInfo, Prisma, readRows, writeTransaction, type DatabaseKind, type Db } from "@parley/db";
import type { Channel } from "@parley/flow";
import { identitiesOf, InvalidIdentityError, type ContactFacts, type Identity } from "../contacts/identities";
import { resolveContact } from "../contacts/resolve";

/**
 * The rows a conversation start writes before its workflow starts: its contact (found or made,
 * as resolveContact does) and the conversation itself.
 *
 * Every start pays for this while the customer waits, so it is one raw read (which of the facts'
 * identities are held, and by whom) and one transaction on the driver adapter (readRows,
 * writeTransaction), skipping Prisma's query compiler: a new contact (anonymous, or whose
 * identities nobody holds) with its identities and the conversation, or, for a known person, the
 * facts' new identities linked to their contact, its empty fields filled and the conversation.
 * A failed write leaves no stray contact. A start that loses a race (another start made one of
 * the identities, or merged the contact away, since the read) goes through resolveContact, then
 * writes the conversation alone.
 */
export interface StartRows {
  conversationId: string;
  workspaceId: string;
  versionId: string;
  flowName: string;
  channel: Channel;
  workspaceChannelId: string | undefined;
}

export async function writeStartRows(db: Db, rows: StartRows, facts: ContactFacts): Promise<void> {
  let identities: Identity[];
  try {
    identities = identitiesOf(facts);
  } catch (err) {
    if (err instanceof InvalidIdentityError) throw new TRPCError({ code: "BAD_REQUEST", message: err.message, cause: err });
    throw err;
  }
  const name = facts.name?.trim() || null;
  const sql = new StartSql(databaseKindOf(db), new Date());
  const held = identities.length > 0 ? await heldIdentities(db, sql, rows.workspaceId, identities) : [];
  // The contact of the strongest held identity (identities come strongest first), as resolveContact picks it.
  const known = identities.map((identity) => held.find((row) => row.kind === identity.kind && row.value === identity.value)).find(Boolean)?.contactId;
  let statements: Prisma.Sql[];
  if (known) {
    const unheld = identities.filter((identity) => !held.some((row) => row.kind === identity.kind && row.value === identity.value));
    statements = [...sql.identities(known, rows.workspaceId, unheld, true), ...sql.fill(known, name, identities, unheld.length > 0), sql.conversation(rows, known)];
  } else {
    const contactId = randomUUID();
    statements = [sql.contact(contactId, rows.workspaceId, name, identities), ...sql.identities(contactId, rows.workspaceId, identities), sql.conversation(rows, contactId)];
  }
  try {
    await writeTransaction(db, statements);
    return;
  } catch (err) {
    // Another start made one of these identities since we looked, or the known contact was
    // deleted (merged) meanwhile: resolveContact settles who the person is now.
    const broke = violation(err);
    if (!(broke === "unique" || (known && broke === "reference"))) throw refusal(err, rows);
  }
  const { contactId, created } = await resolveContact(db, rows.workspaceId, facts);
  try {
    await writeTransaction(db, [sql.conversation(rows, contactId)]);
  } catch (err) {
    // No stray contact (best effort: one another start has joined meanwhile stays, by its foreign key).
    if (created) await db.contact.delete({ where: { id: contactId }, select: { id: true } }).catch(() => undefined);
    throw refusal(err, rows);
  }
}

interface HeldIdentity {
  kind: string;
  value: string;
  contactId: string;
}

/** Which of the identities are held in the workspace, and by whom. */
async function heldIdentities(db: Db, sql: StartSql, workspaceId: string, identities: Identity[]): Promise<HeldIdentity[]> {
  return readRows<HeldIdentity>(
    db,
    Prisma.sql`SELECT "kind", "value", "contactId" FROM "ContactIdentity" WHERE "workspaceId" = ${workspaceId}
      AND (${Prisma.join(
        identities.map(({ kind, value }) => Prisma.sql`("kind" = ${kind}${sql.cast("IdentityKind")} AND "value" = ${value})`),
        " OR ",
      )})`,
  );
}

/**
 * The constraint a raw write broke, from the driver adapter's error (the same kinds on SQLite and
 * PostgreSQL); Prisma's errors (resolveContact's) through dbErrorInfo.
 */
function violation(err: unknown): "unique" | "reference" | undefined {
  const cause = (err as { name?: unknown; cause?: { kind?: unknown } } | null)?.cause;
  if ((err as { name?: unknown } | null)?.name === "DriverAdapterError") {
    if (cause?.kind === "UniqueConstraintViolation") return "unique";
    if (cause?.kind === "ForeignKeyConstraintViolation") return "reference";
    return undefined;
  }
  const kind = dbErrorInfo(err)?.kind;
  return kind === "unique" || kind === "reference" ? kind : undefined;
}

/**
 * What the caller hears of a refused write: a foreign key pointing nowhere is the version (or the
 * channel) deleted since it was looked up; a value the database can never store (a channel's
 * sender name with a broken character) is the request's fault, not a 500.
 */
function refusal(err: unknown, rows: StartRows): unknown {
  if (violation(err) === "reference") {
    return new TRPCError({ code: "NOT_FOUND", message: `flow "${rows.flowName}" has no published version any more`, cause: err });
  }
  if (dbErrorInfo(err)?.kind === "refused") {
    return new TRPCError({ code: "BAD_REQUEST", message: "the contact's details cannot be stored", cause: err });
  }
  return err;
}

/**
 * The statements, as Prisma's model writes would store them: ids made here (ids are text; a
 * contact's need not be a cuid), times as the adapter formats a Date, PostgreSQL's enums cast;
 * the columns with database defaults (status, priority, test, revision) keep them.
 */
class StartSql {
  constructor(
    private readonly kind: DatabaseKind,
    private readonly now: Date,
  ) {}

  cast(enumType: "Channel" | "IdentityKind"): Prisma.Sql {
    return this.kind === "postgres" ? Prisma.raw(`::"${enumType}"`) : Prisma.empty;
  }

  private time(): Prisma.Sql {
    return this.kind === "postgres" ? Prisma.sql`${this.now}::timestamp(3)` : Prisma.sql`${this.now}`;
  }

  contact(id: string, workspaceId: string, name: string | null, identities: Identity[]): Prisma.Sql {
    const email = identities.find((identity) => identity.kind === "email")?.value ?? null;
    const phone = identities.find((identity) => identity.kind === "phone")?.value ?? null;
    return Prisma.sql`INSERT INTO "Contact" ("id", "workspaceId", "name", "email", "phone", "createdAt")
      VALUES (${id}, ${workspaceId}, ${name}, ${email}, ${phone}, ${this.time()})`;
  }

  /**
   * The identities, on the contact. With `skipHeld` (a known contact's new identities), one that
   * another start linked since the read stays its holder's, as linkIdentities leaves it; a new
   * contact's are never skipped: losing that race fails the transaction, and the start resolves
   * the contact again.
   */
  identities(contactId: string, workspaceId: string, identities: Identity[], skipHeld = false): Prisma.Sql[] {
    if (identities.length === 0) return [];
    return [
      Prisma.sql`INSERT INTO "ContactIdentity" ("id", "workspaceId", "contactId", "kind", "value", "createdAt")
        VALUES ${Prisma.join(identities.map(({ kind, value }) => Prisma.sql`(${randomUUID()}, ${workspaceId}, ${contactId}, ${kind}${this.cast("IdentityKind")}, ${value}, ${this.time()})`))}
        ${skipHeld ? Prisma.sql`ON CONFLICT ("workspaceId", "kind", "value") DO NOTHING` : Prisma.empty}`,
    ];
  }

  /**
   * A known contact's empty name, email and phone filled from the facts (never overwritten), and
   * its revision counted up when identities were linked to it (the contact webhook's trigger).
   */
  fill(contactId: string, name: string | null, identities: Identity[], linked: boolean): Prisma.Sql[] {
    const email = identities.find((identity) => identity.kind === "email")?.value;
    const phone = identities.find((identity) => identity.kind === "phone")?.value;
    const empty = (column: string) => Prisma.raw(`"${column}" IS NULL OR "${column}" = ''`);
    const set: Prisma.Sql[] = [];
    if (name) set.push(Prisma.sql`"name" = CASE WHEN ${empty("name")} THEN ${name} ELSE "name" END`);
    if (email) set.push(Prisma.sql`"email" = CASE WHEN ${empty("email")} THEN ${email} ELSE "email" END`);
    if (phone) set.push(Prisma.sql`"phone" = CASE WHEN ${empty("phone")} THEN ${phone} ELSE "phone" END`);
    if (linked) set.push(Prisma.sql`"revision" = "revision" + 1`);
    return set.length === 0 ? [] : [Prisma.sql`UPDATE "Contact" SET ${Prisma.join(set)} WHERE "id" = ${contactId}`];
  }

  conversation(rows: StartRows, contactId: string): Prisma.Sql {
    return Prisma.sql`INSERT INTO "Conversation" ("id", "workflowId", "workspaceId", "contactId", "flowVersionId", "channel", "workspaceChannelId", "createdAt", "updatedAt")
      VALUES (${rows.conversationId}, ${rows.conversationId}, ${rows.workspaceId}, ${contactId}, ${rows.versionId}, ${rows.channel}${this.cast("Channel")}, ${rows.workspaceChannelId ?? null}, ${this.time()}, ${this.time()})`;
  }
}
