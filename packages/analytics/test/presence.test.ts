// Presence time and occupancy on the Team performance dashboard, from fixture data with known
// figures: presence changes written the way the product writes them (a Member update, which the
// database trigger records), and assignment and end events as the activities store them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Presence } from "@parley/db";
import { EventScope, teamDashboard } from "../src";
import { overlap, union } from "../src/presence";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let database: TestDatabase;
/** 08:00–12:00 UTC on a day in the past; the previous period is 04:00–08:00. */
const range = { from: new Date("2026-01-05T08:00:00Z"), to: new Date("2026-01-05T12:00:00Z") };
const at = (time: string) => new Date(`2026-01-05T${time}:00Z`);
const clock = new Date("2026-02-01T00:00:00Z");

async function setPresence(userId: string, presence: Presence, time: string) {
  await database.db.member.update({
    where: { workspaceId_userId: { workspaceId: database.seed.workspaceId, userId } },
    data: { presence, presenceAt: at(time) },
  });
}

let sequence = 0;
async function conversation(): Promise<string> {
  const { db, seed } = database;
  const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId, name: `Customer ${++sequence}` } });
  const row = await db.conversation.create({
    data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: `presence-test-${sequence}`, status: "handoff", channel: "web" },
  });
  return row.id;
}

async function event(conversationId: string, type: "assignment" | "ended", time: string, agentId: string | null = null) {
  await database.db.analyticsEvent.create({
    data: { id: `${conversationId}:${type}:${time}:${agentId}`, workspaceId: database.seed.workspaceId, conversationId, type, at: at(time), channel: "web", agentId },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { agentId: alice, supervisorId: bob } = database.seed;
  // Alice: online from 07:00, away 09:00–09:30, online again until 11:00, then offline.
  await setPresence(alice, "online", "07:00");
  await setPresence(alice, "away", "09:00");
  await setPresence(alice, "online", "09:30");
  await setPresence(alice, "offline", "11:00");
  // Bob: online from 11:30 and handles nothing while online.
  await setPresence(bob, "online", "11:30");

  // Handled by Alice 07:30–08:30 (30 min of it in the range, online).
  const c1 = await conversation();
  await event(c1, "assignment", "07:30", alice);
  await event(c1, "ended", "08:30");
  // Assigned while she was away (09:15), ended 10:00; overlapping it, another 09:45–10:15:
  // together 09:15–10:15, of which 09:30–10:15 online (45 min).
  const c2 = await conversation();
  await event(c2, "assignment", "09:15", alice);
  await event(c2, "ended", "10:00");
  const c3 = await conversation();
  await event(c3, "assignment", "09:45", alice);
  await event(c3, "ended", "10:15");
  // Never ended: hers until the range ends, online 10:45–11:00 (15 min).
  const c4 = await conversation();
  await event(c4, "assignment", "10:45", alice);
  // Hers 08:10–08:20 (inside c1's time), then Bob's until 08:40 while he was offline.
  const c5 = await conversation();
  await event(c5, "assignment", "08:10", alice);
  await event(c5, "assignment", "08:20", bob);
  await event(c5, "ended", "08:40");
});

afterAll(async () => {
  await database?.close();
});

describe("presence time and occupancy", () => {
  it("records every presence change with when it began", async () => {
    const rows = await database.db.presenceChange.findMany({ where: { userId: database.seed.agentId }, orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.presence, row.at.toISOString()])).toEqual([
      ["online", "2026-01-05T07:00:00.000Z"],
      ["away", "2026-01-05T09:00:00.000Z"],
      ["online", "2026-01-05T09:30:00.000Z"],
      ["offline", "2026-01-05T11:00:00.000Z"],
    ]);
  });

  it("measures time online, away and offline per agent, and occupancy", async () => {
    const { agentId: alice, supervisorId: bob } = database.seed;
    const data = await teamDashboard(new EventScope(database.db, database.seed.workspaceId, {}), range, clock);
    const row = (id: string) => data.agents.find((agent) => agent.agentId === id);
    // Online 1 h + 1 h 30; handling while online 30 + 45 + 15 min = 5400 s.
    expect(row(alice)).toMatchObject({ onlineSeconds: 9000, awaySeconds: 1800, offlineSeconds: 3600, occupancy: 0.6, conversations: 4 });
    expect(row(bob)).toMatchObject({ onlineSeconds: 1800, awaySeconds: 0, offlineSeconds: 12600, occupancy: 0, conversations: 1 });
    // Everyone: 5400 s handling of 10800 s online; the previous period (04:00–08:00): Alice
    // online 07:00–08:00, busy from 07:30.
    expect(data.figures.onlineSeconds).toEqual({ value: 10800, previous: 3600 });
    expect(data.figures.occupancy).toEqual({ value: 0.5, previous: 0.5 });
    // The period before, asked for, reads the same as that comparison.
    const before = await teamDashboard(new EventScope(database.db, database.seed.workspaceId, {}), { from: at("04:00"), to: at("08:00") }, clock);
    expect(before.figures.onlineSeconds.value).toBe(3600);
    expect(before.figures.occupancy.value).toBe(0.5);
  });

  it("keeps one agent with the agent filter, and counts no time after now", async () => {
    const { agentId: alice, supervisorId: bob } = database.seed;
    const scope = new EventScope(database.db, database.seed.workspaceId, { agentId: bob });
    const data = await teamDashboard(scope, range, at("11:45"));
    expect(data.agents.find((agent) => agent.agentId === bob)).toMatchObject({ onlineSeconds: 900, offlineSeconds: 12600, occupancy: 0 });
    // Alice is listed for the conversation she shared with Bob, without her presence.
    expect(data.agents.find((agent) => agent.agentId === alice)).toMatchObject({ onlineSeconds: 0, occupancy: null });
    expect(data.figures.onlineSeconds.value).toBe(900);
  });

  it("merges overlapping spans and measures what two sets have in common", () => {
    const merged = union([{ from: 5, to: 8 }, { from: 0, to: 3 }, { from: 2, to: 4 }, { from: 8, to: 9 }]);
    expect(merged).toEqual([{ from: 0, to: 4 }, { from: 5, to: 9 }]);
    expect(overlap(merged, [{ from: 3, to: 6 }, { from: 7, to: 20 }])).toBe(1 + 1 + 2);
  });
});
