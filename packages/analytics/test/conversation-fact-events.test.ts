// The events copied under their conversation's facts (ConversationFactEvent), what the dashboards'
// team, agent and intent filters read: kept by triggers on AnalyticsEvent and ConversationFact in
// the writing transaction, whatever order the events arrive in, unchanged by a retried insert,
// following deleted events and facts, always the join of the facts and the events, and backfilled
// by the migration exactly as the triggers write the copies.
import { describe, expect, it } from "vitest";
import { Prisma } from "@parley/db";
import { at, backfillStatement, eventId, newConversation, useTriggerDatabase, writeEvent, type EventKind } from "./support/trigger-tables";

const open = useTriggerDatabase();
const conversation = () => newConversation(open(), "fact-event-test");

const event = (conversationId: string, type: EventKind, time: string, says: string | null = null) => writeEvent(open(), conversationId, type, time, says);

/** A conversation's copies as "kind:value type@time", sorted. */
async function copies(conversationId?: string) {
  const rows = await open().db.conversationFactEvent.findMany({ where: conversationId ? { conversationId } : {} });
  return rows.map((row) => `${row.conversationId} ${row.factKind}:${row.factValue} ${row.type}@${row.at.toISOString().slice(11, 16)}`).sort();
}

/** What the copies must be: every event (but messages and node runs) under every fact of its conversation. */
async function joined(conversationId?: string) {
  const rows = await open().db.$queryRaw<{ conversationId: string; kind: string; value: string; type: string; at: unknown }[]>(Prisma.sql`
    SELECT e."conversationId" AS "conversationId", f."kind" AS "kind", f."value" AS "value", e."type" AS "type", e."at" AS "at"
    FROM "ConversationFact" f JOIN "AnalyticsEvent" e ON e."conversationId" = f."conversationId"
    WHERE e."type" NOT IN ('message', 'node_left') ${conversationId ? Prisma.sql`AND e."conversationId" = ${conversationId}` : Prisma.empty}`);
  const time = (value: unknown) => (value instanceof Date ? value : new Date(String(value))).toISOString().slice(11, 16);
  return rows.map((row) => `${row.conversationId} ${row.kind}:${row.value} ${row.type}@${time(row.at)}`).sort();
}

describe("conversation fact events", () => {
  it("copies each event under every fact of its conversation, those from before the fact too", async () => {
    const { agentId: alice } = open().seed;
    const c = await conversation();
    await event(c, "started", "08:00");
    await event(c, "intent", "08:01", "refund");
    await event(c, "message", "08:02");
    await event(c, "node_left", "08:02");
    await event(c, "handoff", "08:05", "Billing");
    await event(c, "assignment", "08:06", alice);
    await event(c, "csat", "08:20");
    const expected = [
      ...["started@08:00", "intent@08:01", "handoff@08:05", "assignment@08:06", "csat@08:20"].flatMap((e) => [`intent:refund ${e}`, `team:Billing ${e}`, `agent:${alice} ${e}`]),
    ].map((text) => `${c} ${text}`);
    expect(await copies(c)).toEqual(expected.sort());
    expect(await copies(c)).toEqual(await joined(c));
    // Copied with the event's columns, props included (the dashboards read them from the copies).
    const csat = await open().db.conversationFactEvent.findFirst({ where: { eventId: eventId(c, "csat", "08:20"), factKind: "team" } });
    expect(csat).toMatchObject({ workspaceId: open().seed.workspaceId, channel: "web", value: 4, value2: 5, props: { comment: "fine" } });
  });

  it("gives the same copies when the events arrive out of order", async () => {
    const { agentId: alice } = open().seed;
    const inOrder = await conversation();
    const reversed = await conversation();
    const events: [EventKind, string, string | null][] = [
      ["started", "08:00", null],
      ["intent", "08:01", "delivery"],
      ["handoff", "08:05", "Support"],
      ["assignment", "08:06", alice],
      ["csat", "08:20", null],
    ];
    for (const [type, time, says] of events) await event(inOrder, type, time, says);
    for (const [type, time, says] of [...events].reverse()) await event(reversed, type, time, says);
    const strip = (rows: string[]) => rows.map((row) => row.slice(row.indexOf(" ")));
    expect(strip(await copies(reversed))).toEqual(strip(await copies(inOrder)));
    expect(await copies(reversed)).toHaveLength(15);
  });

  it("is unchanged by a retried insert the database ignores", async () => {
    const c = await conversation();
    await event(c, "handoff", "08:00", "Billing");
    await event(c, "started", "07:59");
    const before = await copies(c);
    const pg = open().kind === "postgres";
    await open().db.$executeRaw(Prisma.sql`
      INSERT INTO "AnalyticsEvent" ("id", "workspaceId", "conversationId", "type", "at", "channel", "team")
      VALUES (${eventId(c, "handoff", "08:00")}, ${open().seed.workspaceId}, ${c}, 'handoff', ${pg ? Prisma.sql`${at("08:00")}::timestamp(3)` : at("08:00")}, ${pg ? Prisma.sql`'web'::"Channel"` : "web"}, 'Support')
      ON CONFLICT ("id") DO NOTHING`);
    expect(await copies(c)).toEqual(before);
    expect(before).toEqual([`${c} team:Billing handoff@08:00`, `${c} team:Billing started@07:59`]);
  });

  it("follows deleted events and facts", async () => {
    const { agentId: alice } = open().seed;
    const c = await conversation();
    await event(c, "started", "08:00");
    await event(c, "handoff", "08:01", "Billing");
    await event(c, "handoff", "08:30", "Billing");
    await event(c, "assignment", "08:31", alice);
    // An event deleted takes its copies; the fact stays while another handoff says it.
    await open().db.analyticsEvent.delete({ where: { id: eventId(c, "handoff", "08:01") } });
    expect(await copies(c)).toEqual(await joined(c));
    expect((await copies(c)).filter((row) => row.includes("team:Billing"))).toHaveLength(3);
    // The fact's last event deleted: the fact and every copy under it go.
    await open().db.analyticsEvent.delete({ where: { id: eventId(c, "handoff", "08:30") } });
    expect(await copies(c)).toEqual([`${c} agent:${alice} assignment@08:31`, `${c} agent:${alice} started@08:00`]);
    // A conversation deleted (erasure) takes them all.
    await open().db.conversation.delete({ where: { id: c } });
    expect(await open().db.conversationFactEvent.count({ where: { conversationId: c } })).toBe(0);
  });

  it("agrees with the facts and the events, and the migration's backfill writes the same rows", async () => {
    const { db } = open();
    const stored = await copies();
    expect(stored).toEqual(await joined());
    expect(stored.length).toBeGreaterThan(20);
    const backfill = backfillStatement(open(), "20261211010000_conversation_fact_events", "ConversationFactEvent");
    await db.$executeRawUnsafe(`DELETE FROM "ConversationFactEvent"`);
    await db.$executeRawUnsafe(backfill);
    expect(await copies()).toEqual(stored);
  });
});
