import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asJson, seedDemo } from "../src";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

/**
 * The schema as migrated by the committed migrations, on whichever engine the run uses (SQLite,
 * or PostgreSQL in ./parley test's second pass): what the model API alone cannot promise.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function newConversation(variables?: object) {
  const { db, seed } = database;
  return db.conversation.create({
    data: {
      workspace: { connect: { id: seed.workspaceId } },
      flowVersion: { connect: { id: seed.publishedVersionId } },
      contact: { create: { workspace: { connect: { id: seed.workspaceId } } } },
      workflowId: crypto.randomUUID(),
      ...(variables ? { variables: asJson(variables) } : {}),
    },
  });
}

describe(`the migrated schema`, () => {
  it("seeds the demo once, however often it runs", async () => {
    const again = await seedDemo(database.db);
    // The same records, and nobody's password reset: everyone had one already.
    expect(again).toEqual({ ...database.seed, createdSignIns: [] });
    expect(database.seed.createdSignIns.map((signIn) => signIn.role).sort()).toEqual(["agent", "analyst", "owner", "supervisor"]);
    expect(await database.db.flow.count({ where: { workspaceId: database.seed.workspaceId } })).toBe(3);
  });

  it("refuses changes to a published flow version (trigger), but not to a draft", async () => {
    const { db, seed } = database;
    await expect(db.flowVersion.update({ where: { id: seed.publishedVersionId }, data: { graph: asJson({ nodes: [] }) } })).rejects.toThrow(
      /published/i,
    );
    const draft = await db.flowVersion.findFirstOrThrow({ where: { flowId: seed.flowId, published: false } });
    await db.flowVersion.update({ where: { id: draft.id }, data: { graph: draft.graph ?? asJson({}) } });
  });

  it("stores JSON variables as they were given", async () => {
    const variables = { name: "Zoë 👋", order: { id: 42, items: [1.5, "two", null, true] }, empty: {}, quote: 'say "hi"' };
    const conversation = await newConversation(variables);
    const read = await database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(read.variables).toEqual(variables);
  });

  it("reports a duplicate as a unique-constraint error (P2002)", async () => {
    const conversation = await newConversation();
    const message = { conversationId: conversation.id, seq: 1, author: "bot" as const, text: "hello" };
    await database.db.message.create({ data: { id: `${conversation.id}:1`, ...message } });
    await expect(database.db.message.create({ data: { id: `${conversation.id}:1b`, ...message } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("lets many conversations write at once", async () => {
    const conversations = await Promise.all(Array.from({ length: 8 }, () => newConversation()));
    await Promise.all(
      conversations.flatMap((conversation) =>
        [1, 2, 3].map((seq) =>
          database.db.$transaction(async (tx) => {
            await tx.message.create({ data: { id: `${conversation.id}:${seq}`, conversationId: conversation.id, seq, author: "contact", text: `m${seq}` } });
            await tx.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: new Date() } });
          }),
        ),
      ),
    );
    expect(await database.db.message.count({ where: { conversationId: { in: conversations.map((c) => c.id) } } })).toBe(24);
  });
});
