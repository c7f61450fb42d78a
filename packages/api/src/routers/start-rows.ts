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
 * Every start pays for this while the customer waits, so the common cases are raw SQL on the
 * driver adapter (readRows, writeTransaction), which skips Prisma's query compiler: a new
 * contact (anonymous, or whose identities nobody holds yet), its identities and the conversation
 * are ONE transaction, so a failed write leaves no stray contact. A known identity (a returning
 * visitor, a known email) goes through resolveContact, which links the facts' new identities to
 * that contact, then the conversation is written alone; so does a start that loses a race for a
 * new identity to another start (the unique constraint), since resolveContact then finds the
 * winner's contact.
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
  const sql = new StartSql(databaseKindOf(db), new Date());
  const known = identities.length > 0 && (await holdsAny(db, sql, rows.workspaceId, identities));
  if (!known) {
    const contactId = randomUUID();
    const statements = [sql.contact(contactId, rows.workspaceId, facts.name?.trim() || null, identities), ...sql.identities(contactId, rows.workspaceId, identities), sql.conversation(rows, contactId)];
    try {
      await writeTransaction(db, statements);
      return;
    } catch (err) {
      // Another start made one of these identities since we looked: resolveContact finds its contact.
      if (violation(err) !== "unique") throw refusal(err, rows);
    }
  }
  const { contactId } = await resolveContact(db, rows.workspaceId, facts);
  try {
    await writeTransaction(db, [sql.conversation(rows, contactId)]);
  } catch (err) {
    throw refusal(err, rows);
  }
}

/** Whether any of the identities is held in the workspace (then resolveContact links to its holder). */
async function holdsAny(db: Db, sql: StartSql, workspaceId: string, identities: Identity[]): Promise<boolean> {
  const held = await readRows<{ id: string }>(
    db,
    Prisma.sql`SELECT "id" FROM "ContactIdentity" WHERE "workspaceId" = ${workspaceId}
      AND (${Prisma.join(
        identities.map(({ kind, value }) => Prisma.sql`("kind" = ${kind}${sql.cast("IdentityKind")} AND "value" = ${value})`),
        " OR ",
      )}) LIMIT 1`,
  );
  return held.length > 0;
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

  identities(contactId: string, workspaceId: string, identities: Identity[]): Prisma.Sql[] {
    if (identities.length === 0) return [];
    return [
      Prisma.sql`INSERT INTO "ContactIdentity" ("id", "workspaceId", "contactId", "kind", "value", "createdAt")
        VALUES ${Prisma.join(identities.map(({ kind, value }) => Prisma.sql`(${randomUUID()}, ${workspaceId}, ${contactId}, ${kind}${this.cast("IdentityKind")}, ${value}, ${this.time()})`))}`,
    ];
  }

  conversation(rows: StartRows, contactId: string): Prisma.Sql {
    return Prisma.sql`INSERT INTO "Conversation" ("id", "workflowId", "workspaceId", "contactId", "flowVersionId", "channel", "workspaceChannelId", "createdAt", "updatedAt")
      VALUES (${rows.conversationId}, ${rows.conversationId}, ${rows.workspaceId}, ${contactId}, ${rows.versionId}, ${rows.channel}${this.cast("Channel")}, ${rows.workspaceChannelId ?? null}, ${this.time()}, ${this.time()})`;
  }
}
