import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { writeStartRows, type StartRows } from "../src/routers/start-rows";
import { flowToStart } from "../src/routers/published-flow";

/**
 * A start's raw reads and writes (start-rows.ts, published-flow.ts) on the real database (SQLite,
 * and PostgreSQL in ./parley test's second pass): the rows read back through Prisma as its model
 * writes would have stored them, contacts found by identity as resolveContact finds them, the
 * unique-constraint race, and the flow read's rules (deleted flows, workspaces, drafts).
 */

let database: TestDatabase;
let workspaceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  workspaceId = database.seed.workspaceId;
});

afterAll(async () => {
  await database?.close();
});

const rowsFor = (overrides: Partial<StartRows> = {}): StartRows => ({
  conversationId: randomUUID(),
  workspaceId,
  versionId: database.seed.publishedVersionId,
  flowName: "Support intake",
  channel: "web",
  workspaceChannelId: undefined,
  ...overrides,
});

const conversation = (id: string) => database.db.conversation.findUniqueOrThrow({ where: { id }, include: { contact: { include: { identities: true } } } });

describe("writeStartRows", () => {
  it("writes an anonymous contact and the conversation as the model writes would", async () => {
    const before = Date.now();
    const rows = rowsFor({ channel: "sms" });
    await writeStartRows(database.db, rows, {});
    const row = await conversation(rows.conversationId);
    expect(row).toMatchObject({
      workflowId: rows.conversationId,
      workspaceId,
      flowVersionId: database.seed.publishedVersionId,
      status: "active",
      channel: "sms",
      priority: "normal",
      test: false,
      workspaceChannelId: null,
      assigneeId: null,
    });
    // Times read back as Dates of this moment (the adapter wrote them as Prisma does).
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.updatedAt.getTime()).toBe(row.createdAt.getTime());
    expect(row.contact).toMatchObject({ workspaceId, name: null, email: null, phone: null, revision: 0, identities: [] });
    // The inbox finds it: the newest conversation, by the (workspaceId, updatedAt) ordering.
    const newest = await database.db.conversation.findFirst({ where: { workspaceId }, orderBy: { updatedAt: "desc" }, select: { id: true } });
    expect(newest?.id).toBe(rows.conversationId);
  });

  it("makes one contact with every new identity, then joins a returning person to it and links what is new", async () => {
    const first = rowsFor();
    await writeStartRows(database.db, first, { name: "  Ada  ", email: "Ada@Example.com", visitorId: "visitor-ada" });
    const made = (await conversation(first.conversationId)).contact;
    expect(made).toMatchObject({ name: "Ada", email: "ada@example.com", phone: null });
    expect(made.identities.map(({ kind, value }) => `${kind}:${value}`).sort()).toEqual(["email:ada@example.com", "visitor:visitor-ada"]);

    const again = rowsFor({ channel: "whatsapp" });
    await writeStartRows(database.db, again, { name: "Someone else", visitorId: "visitor-ada", phone: "+44 20 7946 0958" });
    const joined = (await conversation(again.conversationId)).contact;
    expect(joined.id).toBe(made.id);
    // Empty fields filled, a name never overwritten; the revision counts the linked identity.
    expect(joined).toMatchObject({ name: "Ada", phone: "+442079460958", revision: 1 });
    expect(joined.identities.map(({ kind }) => kind).sort()).toEqual(["email", "phone", "visitor"]);

    // Nothing new: the same contact, nothing changed on it.
    const third = rowsFor();
    await writeStartRows(database.db, third, { email: "ada@example.com" });
    expect((await conversation(third.conversationId)).contact).toMatchObject({ id: made.id, revision: 1 });
  });

  it("joins the contact of the strongest known identity and leaves an identity another contact holds with it", async () => {
    const visitorRows = rowsFor();
    await writeStartRows(database.db, visitorRows, { visitorId: "visitor-of-bea" });
    const emailRows = rowsFor();
    await writeStartRows(database.db, emailRows, { email: "cy@example.com" });
    const both = rowsFor();
    await writeStartRows(database.db, both, { visitorId: "visitor-of-bea", email: "cy@example.com", externalId: "crm-cy" });
    const cy = (await conversation(both.conversationId)).contact;
    expect(cy.id).toBe((await conversation(emailRows.conversationId)).contactId);
    expect(cy.identities.map(({ kind }) => kind).sort()).toEqual(["email", "external"]);
    const bea = await conversation(visitorRows.conversationId);
    expect(bea.contact.identities.map(({ kind, value }) => `${kind}:${value}`)).toEqual(["visitor:visitor-of-bea"]);
  });

  it("makes one contact when starts with the same new email race", async () => {
    const starts = Array.from({ length: 8 }, () => rowsFor());
    await Promise.all(starts.map((rows) => writeStartRows(database.db, rows, { email: "start-race@example.com" })));
    const contacts = new Set(await Promise.all(starts.map(async (rows) => (await conversation(rows.conversationId)).contactId)));
    expect(contacts.size).toBe(1);
    expect(await database.db.contact.count({ where: { workspaceId, email: "start-race@example.com" } })).toBe(1);
  });

  it("refuses a bad identity (400) and a gone version (404), writing nothing", async () => {
    const contactsBefore = await database.db.contact.count();
    await expect(writeStartRows(database.db, rowsFor(), { phone: "12" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const gone = writeStartRows(database.db, rowsFor({ versionId: "no-such-version" }), { email: "nobody@example.com" });
    await expect(gone).rejects.toBeInstanceOf(TRPCError);
    await expect(gone).rejects.toMatchObject({ code: "NOT_FOUND", message: 'flow "Support intake" has no published version any more' });
    // A sender name from a channel's payload with a lone surrogate: never stored, refused as 400.
    await expect(writeStartRows(database.db, rowsFor(), { name: "broken \ud800 name" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await database.db.contact.count()).toBe(contactsBefore);
    expect(await database.db.contactIdentity.count({ where: { value: "nobody@example.com" } })).toBe(0);
  });
});

describe("flowToStart", () => {
  it("reads the flow, its workspace and its latest published version in one statement", async () => {
    const found = await flowToStart(database.db, database.seed.flowId);
    expect(found?.flow).toEqual({ id: database.seed.flowId, name: expect.any(String), workspaceId });
    expect(found?.published?.versionId).toBe(database.seed.publishedVersionId);
    expect(found?.published?.compiled?.startNodeId).toBeTruthy();
  });

  it("finds nothing for another workspace or a deleted flow, and no version for a flow never published", async () => {
    expect(await flowToStart(database.db, database.seed.flowId, "another-workspace")).toBeUndefined();
    const draft = await database.db.flow.create({ data: { workspaceId, name: "Draft only" }, select: { id: true } });
    expect(await flowToStart(database.db, draft.id, workspaceId)).toEqual({ flow: { id: draft.id, name: "Draft only", workspaceId } });
    await database.db.flow.update({ where: { id: draft.id }, data: { deletedAt: new Date() } });
    expect(await flowToStart(database.db, draft.id)).toBeUndefined();
  });
});
