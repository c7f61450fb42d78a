// The conversation facts (ConversationFact) the dashboards' team, agent and intent filters read:
// kept by triggers on AnalyticsEvent in the event's own transaction, whatever order the events
// arrive in, unchanged by a retried insert, corrected when an event is deleted, always the set the
// events say, and backfilled by the migration exactly as the triggers write them.
import { describe, expect, it } from "vitest";
import { Prisma } from "@parley/db";
import { at, backfillStatement, eventId, newConversation, useTriggerDatabase, writeEvent, type EventKind } from "./support/trigger-tables";

const open = useTriggerDatabase();
const conversation = () => newConversation(open(), "fact-test");

const event = (conversationId: string, type: EventKind, time: string, says: string | null = null) => writeEvent(open(), conversationId, type, time, says);

/** A conversation's facts as "kind:value", sorted. */
async function facts(conversationId: string) {
  const rows = await open().db.conversationFact.findMany({ where: { conversationId } });
  return rows.map((row) => `${row.kind}:${row.value}`).sort();
}

describe("conversation facts", () => {
  it("holds every team, agent and intent a conversation's events name, once each", async () => {
    const { agentId: alice, supervisorId: bob } = open().seed;
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
    const { agentId: alice } = open().seed;
    const inOrder = await conversation();
    const reversed = await conversation();
    const events: [EventKind, string, string][] = [
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
    await open().db.$executeRaw(Prisma.sql`
      INSERT INTO "AnalyticsEvent" ("id", "workspaceId", "conversationId", "type", "at", "channel", "team")
      VALUES (${eventId(c, "handoff", "08:00")}, ${open().seed.workspaceId}, ${c}, 'handoff', ${open().kind === "postgres" ? Prisma.sql`${at("08:00")}::timestamp(3)` : at("08:00")}, ${open().kind === "postgres" ? Prisma.sql`'web'::"Channel"` : "web"}, 'Support')
      ON CONFLICT ("id") DO NOTHING`);
    expect(await facts(c)).toEqual(["team:Billing"]);
  });

  it("follows deleted events: a fact goes with the last event that said it", async () => {
    const { agentId: alice } = open().seed;
    const c = await conversation();
    await event(c, "handoff", "08:00", "Billing");
    await event(c, "handoff", "08:30", "Billing");
    await event(c, "assignment", "08:31", alice);
    await open().db.analyticsEvent.delete({ where: { id: eventId(c, "handoff", "08:00") } });
    expect(await facts(c)).toEqual([`agent:${alice}`, "team:Billing"]);
    await open().db.analyticsEvent.delete({ where: { id: eventId(c, "handoff", "08:30") } });
    expect(await facts(c)).toEqual([`agent:${alice}`]);
    // A conversation deleted (erasure) takes its facts with it.
    await open().db.conversation.delete({ where: { id: c } });
    expect(await open().db.conversationFact.count({ where: { conversationId: c } })).toBe(0);
  });

  it("agrees with the events, and the migration's backfill writes the same rows", async () => {
    const { db } = open();
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
    expect(stored.every((row) => row.workspaceId === open().seed.workspaceId)).toBe(true);

    const backfill = backfillStatement(open(), "20261210010000_conversation_facts", "ConversationFact");
    await db.$executeRawUnsafe(`DELETE FROM "ConversationFact"`);
    await db.$executeRawUnsafe(backfill);
    expect((await db.conversationFact.findMany()).map(asText).sort()).toEqual(stored.map(asText).sort());
  });
});
