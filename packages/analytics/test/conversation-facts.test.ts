// The conversation facts (ConversationFact) the dashboards' team, agent and intent filters read:
// kept by triggers on AnalyticsEvent in the event's own transaction, whatever order the events
// arrive in, unchanged by a retried insert, corrected when an event is deleted, always the set the
// events say, and backfilled by the migration exactly as the triggers write them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@parley/db";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let database: TestDatabase;
const at = (time: string) => new Date(`2026-01-05T${time}:00Z`);
type Kind = "handoff" | "assignment" | "intent" | "message";

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

let sequence = 0;
async function conversation(): Promise<string> {
  const { db, seed } = database;
  const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId, name: `Customer ${++sequence}` } });
  const row = await db.conversation.create({
    data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: `fact-test-${sequence}`, status: "handoff", channel: "web" },
  });
  return row.id;
}

const eventId = (conversationId: string, type: Kind, time: string) => `${conversationId}:${type}:${time}`;

/** An event saying a team (handoff), an agent (assignment) or an intent, or nothing (null). */
async function event(conversationId: string, type: Kind, time: string, says: string | null = null) {
  await database.db.analyticsEvent.create({
    data: {
      id: eventId(conversationId, type, time),
      workspaceId: database.seed.workspaceId,
      conversationId,
      type,
      at: at(time),
      channel: "web",
      team: type === "handoff" ? says : null,
      agentId: type === "assignment" ? says : null,
      intent: type === "intent" ? says : null,
    },
  });
}

/** A conversation's facts as "kind:value", sorted. */
async function facts(conversationId: string) {
  const rows = await database.db.conversationFact.findMany({ where: { conversationId } });
  return rows.map((row) => `${row.kind}:${row.value}`).sort();
}

describe("conversation facts", () => {
  it("holds every team, agent and intent a conversation's events name, once each", async () => {
    const { agentId: alice, supervisorId: bob } = database.seed;
    const c = await conversation();
    await event(c, "intent", "08:00", "refund");
    await event(c, "intent", "08:01", "refund");
    await event(c, "intent", "08:02", "invoice");
    await event(c, "handoff", "08:05", "Billing");
    await event(c, "assignment", "08:06", alice);
    await event(c, "handoff", "08:10", "Support");
    await event(c, "assignment", "08:11", bob);
    await event(c, "assignment", "08:12", null);
    await event(c, "handoff", "08:13", null);
    await event(c, "message", "08:14");
    expect(await facts(c)).toEqual([`agent:${alice}`, `agent:${bob}`, "intent:invoice", "intent:refund", "team:Billing", "team:Support"].sort());
  });

  it("gives the same facts when the events arrive out of order", async () => {
    const { agentId: alice } = database.seed;
    const inOrder = await conversation();
    const reversed = await conversation();
    const events: [Kind, string, string][] = [
      ["intent", "08:00", "delivery"],
      ["handoff", "08:05", "Support"],
      ["assignment", "08:06", alice],
    ];
    for (const [type, time, says] of events) await event(inOrder, type, time, says);
    for (const [type, time, says] of [...events].reverse()) await event(reversed, type, time, says);
    expect(await facts(reversed)).toEqual(await facts(inOrder));
    expect(await facts(reversed)).toHaveLength(3);
  });

  it("is unchanged by a retried insert the database ignores", async () => {
    const c = await conversation();
    await event(c, "handoff", "08:00", "Billing");
    // The activities' insert: an id already stored is ignored, so no trigger runs for it, even
    // when the retry would say something else.
    await database.db.$executeRaw(Prisma.sql`
      INSERT INTO "AnalyticsEvent" ("id", "workspaceId", "conversationId", "type", "at", "channel", "team")
      VALUES (${eventId(c, "handoff", "08:00")}, ${database.seed.workspaceId}, ${c}, 'handoff', ${database.kind === "postgres" ? Prisma.sql`${at("08:00")}::timestamp(3)` : at("08:00")}, ${database.kind === "postgres" ? Prisma.sql`'web'::"Channel"` : "web"}, 'Support')
      ON CONFLICT ("id") DO NOTHING`);
    expect(await facts(c)).toEqual(["team:Billing"]);
  });

  it("follows deleted events: a fact goes with the last event that said it", async () => {
    const { agentId: alice } = database.seed;
    const c = await conversation();
    await event(c, "handoff", "08:00", "Billing");
    await event(c, "handoff", "08:30", "Billing");
    await event(c, "assignment", "08:31", alice);
    await database.db.analyticsEvent.delete({ where: { id: eventId(c, "handoff", "08:00") } });
    expect(await facts(c)).toEqual([`agent:${alice}`, "team:Billing"]);
    await database.db.analyticsEvent.delete({ where: { id: eventId(c, "handoff", "08:30") } });
    expect(await facts(c)).toEqual([`agent:${alice}`]);
    // A conversation deleted (erasure) takes its facts with it.
    await database.db.conversation.delete({ where: { id: c } });
    expect(await database.db.conversationFact.count({ where: { conversationId: c } })).toBe(0);
  });

  it("agrees with the events, and the migration's backfill writes the same rows", async () => {
    const { db, kind } = database;
    // What the filters listed from the events on every query before the facts were stored.
    const fromEvents = await db.$queryRaw<{ fact: string }[]>(Prisma.sql`
      SELECT DISTINCT f."fact" AS "fact" FROM (
        SELECT e."conversationId" || ' team:' || e."team" AS "fact" FROM "AnalyticsEvent" e WHERE e."type" = 'handoff' AND e."team" IS NOT NULL
        UNION ALL SELECT e."conversationId" || ' agent:' || e."agentId" FROM "AnalyticsEvent" e WHERE e."type" = 'assignment' AND e."agentId" IS NOT NULL
        UNION ALL SELECT e."conversationId" || ' intent:' || e."intent" FROM "AnalyticsEvent" e WHERE e."type" = 'intent' AND e."intent" IS NOT NULL) f`);
    const stored = await db.conversationFact.findMany();
    const asText = (row: { conversationId: string; kind: string; value: string }) => `${row.conversationId} ${row.kind}:${row.value}`;
    expect(stored.map(asText).sort()).toEqual(fromEvents.map((row) => row.fact).sort());
    expect(stored.length).toBeGreaterThan(5);
    expect(stored.every((row) => row.workspaceId === database.seed.workspaceId)).toBe(true);

    const dir = kind === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations";
    const here = path.dirname(fileURLToPath(import.meta.url));
    const migration = fs.readFileSync(path.join(here, "../../db", dir, "20261210010000_conversation_facts/migration.sql"), "utf8");
    const start = migration.indexOf('INSERT INTO "ConversationFact"') >= 0 ? migration.indexOf('INSERT INTO "ConversationFact"') : migration.indexOf('INSERT OR IGNORE INTO "ConversationFact"');
    const backfill = migration.slice(start, migration.indexOf(";", start));
    await db.$executeRawUnsafe(`DELETE FROM "ConversationFact"`);
    await db.$executeRawUnsafe(backfill);
    expect((await db.conversationFact.findMany()).map(asText).sort()).toEqual(stored.map(asText).sort());
  });
});
