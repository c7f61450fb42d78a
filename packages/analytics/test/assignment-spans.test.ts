// The handling spans (AssignmentSpan) the Team dashboard's occupancy reads: kept by triggers on
// AnalyticsEvent in the event's own transaction, whatever order the events arrive in, unchanged by
// a retried insert, corrected when an event is deleted, and backfilled by the migration exactly
// as the triggers write them.
import { describe, expect, it } from "vitest";
import { Prisma } from "@parley/db";
import { at, backfillStatement, newConversation, useTriggerDatabase } from "./support/trigger-tables";

const open = useTriggerDatabase();
type Kind = "assignment" | "handoff" | "ended" | "message";
const conversation = () => newConversation(open(), "span-test");

const eventId = (conversationId: string, type: Kind, time: string) => `${conversationId}:${type}:${time}`;

async function event(conversationId: string, type: Kind, time: string, agentId: string | null = null) {
  await open().db.analyticsEvent.create({
    data: { id: eventId(conversationId, type, time), workspaceId: open().seed.workspaceId, conversationId, type, at: at(time), channel: "web", agentId },
  });
}

/** A conversation's spans as [agent, assigned, released] (HH:MM, null while open), in order. */
async function spans(conversationId: string) {
  const rows = await open().db.assignmentSpan.findMany({ where: { conversationId }, orderBy: { assignedAt: "asc" } });
  const hhmm = (date: Date | null) => (date ? date.toISOString().slice(11, 16) : null);
  return rows.map((row) => [row.agentId, hhmm(row.assignedAt), hhmm(row.releasedAt)]);
}

describe("assignment spans", () => {
  it("opens a span per assignment to an agent, ended by the next assignment, handoff or end", async () => {
    const { agentId: alice, supervisorId: bob } = open().seed;
    const c = await conversation();
    await event(c, "handoff", "08:00");
    await event(c, "assignment", "08:05", alice);
    await event(c, "message", "08:10", alice);
    await event(c, "assignment", "08:20", bob);
    await event(c, "handoff", "08:30");
    await event(c, "assignment", "08:40", alice);
    expect(await spans(c)).toEqual([
      [alice, "08:05", "08:20"],
      [bob, "08:20", "08:30"],
      [alice, "08:40", null],
    ]);
    await event(c, "ended", "09:00");
    expect((await spans(c)).at(-1)).toEqual([alice, "08:40", "09:00"]);
  });

  it("gives the same spans when the events arrive out of order", async () => {
    const { agentId: alice, supervisorId: bob } = open().seed;
    const c = await conversation();
    await event(c, "ended", "09:00");
    await event(c, "assignment", "08:40", alice);
    await event(c, "assignment", "08:00", bob);
    await event(c, "handoff", "07:50");
    expect(await spans(c)).toEqual([
      [bob, "08:00", "08:40"],
      [alice, "08:40", "09:00"],
    ]);
  });

  it("ends a span at an assignment without an agent and opens none for it", async () => {
    const { agentId: alice } = open().seed;
    const c = await conversation();
    await event(c, "assignment", "08:00", alice);
    await event(c, "assignment", "08:30", null);
    expect(await spans(c)).toEqual([[alice, "08:00", "08:30"]]);
  });

  it("is unchanged by a retried insert the database ignores", async () => {
    const { agentId: alice } = open().seed;
    const c = await conversation();
    await event(c, "assignment", "08:00", alice);
    await event(c, "ended", "08:30");
    // The activities' insert: an id already stored is ignored, so no trigger runs for it.
    await open().db.$executeRaw(Prisma.sql`
      INSERT INTO "AnalyticsEvent" ("id", "workspaceId", "conversationId", "type", "at", "channel")
      VALUES (${eventId(c, "ended", "08:30")}, ${open().seed.workspaceId}, ${c}, 'ended', ${open().kind === "postgres" ? Prisma.sql`${at("08:10")}::timestamp(3)` : at("08:10")}, ${open().kind === "postgres" ? Prisma.sql`'web'::"Channel"` : "web"})
      ON CONFLICT ("id") DO NOTHING`);
    expect(await spans(c)).toEqual([[alice, "08:00", "08:30"]]);
  });

  it("follows deleted events: the span of a deleted assignment goes, one it ended ends at the next event", async () => {
    const { agentId: alice, supervisorId: bob } = open().seed;
    const c = await conversation();
    await event(c, "assignment", "08:00", alice);
    await event(c, "handoff", "08:10");
    await event(c, "assignment", "08:20", bob);
    await event(c, "ended", "08:50");
    await open().db.analyticsEvent.delete({ where: { id: eventId(c, "handoff", "08:10") } });
    expect(await spans(c)).toEqual([
      [alice, "08:00", "08:20"],
      [bob, "08:20", "08:50"],
    ]);
    await open().db.analyticsEvent.delete({ where: { id: eventId(c, "assignment", "08:20") } });
    expect(await spans(c)).toEqual([[alice, "08:00", "08:50"]]);
    await open().db.analyticsEvent.delete({ where: { id: eventId(c, "ended", "08:50") } });
    expect(await spans(c)).toEqual([[alice, "08:00", null]]);
    // A conversation deleted (erasure) takes its spans with it.
    await open().db.conversation.delete({ where: { id: c } });
    expect(await open().db.assignmentSpan.count({ where: { conversationId: c } })).toBe(0);
  });

  it("agrees with ranking the events, and the migration's backfill writes the same rows", async () => {
    const { db } = open();
    // Each assignment with its conversation's next assignment, handoff or end: what the dashboard
    // ranked on every load before the spans were stored.
    const ranked = await db.$queryRaw<{ id: string; until: unknown }[]>(Prisma.sql`
      SELECT h."id" AS "id", h."until" AS "until" FROM (
        SELECT e."id" AS "id", e."type" AS "type", e."agentId" AS "agentId",
          LEAD(e."at") OVER (PARTITION BY e."conversationId" ORDER BY e."at") AS "until"
        FROM "AnalyticsEvent" e WHERE e."type" IN ('assignment', 'handoff', 'ended')) h
      WHERE h."type" = 'assignment' AND h."agentId" IS NOT NULL ORDER BY h."id"`);
    const stored = await db.assignmentSpan.findMany({ orderBy: { id: "asc" } });
    const iso = (value: unknown) => (value === null ? null : new Date(value instanceof Date ? value : String(value)).toISOString());
    expect(stored.map((row) => [row.id, row.releasedAt?.toISOString() ?? null])).toEqual(ranked.map((row) => [row.id, iso(row.until)]));
    expect(stored.length).toBeGreaterThan(5);

    const backfill = backfillStatement(open(), "20261209020000_assignment_spans", "AssignmentSpan");
    await db.$executeRawUnsafe(`DELETE FROM "AssignmentSpan"`);
    await db.$executeRawUnsafe(backfill);
    expect(await db.assignmentSpan.findMany({ orderBy: { id: "asc" } })).toEqual(stored);
  });
});
