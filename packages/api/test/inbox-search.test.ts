import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, Connection } from "@temporalio/client";
import { TRPCError } from "@trpc/server";
import type { Channel, ConversationStatus, Priority } from "@parley/db";
import { appRouter, createCallerFactory } from "../src";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

/**
 * The inbox's views, filters, search and saved views on a real database (SQLite with FTS5, or
 * PostgreSQL with its GIN full-text indexes when ./parley test runs the second pass). The
 * conversations are written straight to the database: nothing here talks to Temporal.
 */
let database: TestDatabase;
const createCaller = createCallerFactory(appRouter);
let services: ReturnType<typeof testServices>;
let supervisor: ReturnType<typeof createCaller>;
let agent: ReturnType<typeof createCaller>;
let sequence = 0;

interface Seeded {
  contact?: { name?: string; email?: string };
  status?: ConversationStatus;
  team?: string | null;
  assigneeId?: string | null;
  channel?: Channel;
  priority?: Priority;
  test?: boolean;
  updatedAt?: Date;
  messages?: string[];
}

async function conversation(seeded: Seeded): Promise<string> {
  const n = ++sequence;
  const contact = await database.db.contact.create({ data: { workspaceId: database.seed.workspaceId, name: seeded.contact?.name ?? `Contact ${n}`, email: seeded.contact?.email ?? null } });
  const row = await database.db.conversation.create({
    data: {
      workspaceId: database.seed.workspaceId,
      contactId: contact.id,
      flowVersionId: database.seed.publishedVersionId,
      workflowId: `inbox-search-${n}`,
      status: seeded.status ?? "handoff",
      team: seeded.team === undefined ? "Support" : seeded.team,
      assigneeId: seeded.assigneeId ?? null,
      channel: seeded.channel ?? "web",
      priority: seeded.priority ?? "normal",
      test: seeded.test ?? false,
      updatedAt: seeded.updatedAt ?? new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
    },
  });
  for (const [seq, text] of (seeded.messages ?? []).entries()) {
    await database.db.message.create({ data: { id: `${row.id}-m${seq}`, conversationId: row.id, seq, author: "contact", text } });
  }
  return row.id;
}

const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

let refundSupport: string;
let refundBilling: string;
let refundTest: string;
let deliveryMine: string;
let resolvedUrgent: string;
let muller: string;

beforeAll(async () => {
  database = await createTestDatabase();
  services = testServices(database, new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) }), "unused");
  supervisor = createCaller(asPerson(services, database, "supervisor"));
  agent = createCaller(asPerson(services, database, "agent"));
  refundSupport = await conversation({ messages: ["Hello", "I would like a refund for my late delivery please"] });
  refundBilling = await conversation({ team: "Billing", priority: "high", messages: ["Refund the duplicate charge on invoice 42"] });
  refundTest = await conversation({ test: true, messages: ["refund refund refund"] });
  deliveryMine = await conversation({ assigneeId: database.seed.agentId, channel: "email", messages: ["Where is my parcel? The delivery is late."] });
  resolvedUrgent = await conversation({ status: "resolved", team: "Billing", priority: "urgent", assigneeId: database.seed.supervisorId, messages: ["Thanks, all sorted"] });
  muller = await conversation({ contact: { name: "Jürgen Müller", email: "jurgen@example.com" }, messages: ["Guten Tag, 東京 office calling"] });
}, 120_000);
afterAll(async () => {
  await database?.close();
});

describe("inbox search", () => {
  it("finds words, prefixes and phrases, best match first, with the match highlighted", async () => {
    const found = await supervisor.conversations.list({ search: "refund" });
    expect(ids(found)).toEqual([refundSupport, refundBilling].sort());
    const snippet = found.find((row) => row.id === refundSupport)!.snippet!;
    expect(snippet.filter((piece) => piece.match).map((piece) => piece.text.toLowerCase())).toEqual(["refund"]);
    expect(snippet.map((piece) => piece.text).join("")).toContain("late delivery");
    expect(found.find((row) => row.id === refundSupport)).toMatchObject({ messageCount: 2, lastMessage: { text: "I would like a refund for my late delivery please" } });

    // The last word is a prefix while it is typed; a phrase must match in order.
    expect(ids(await supervisor.conversations.list({ search: "parc" }))).toEqual([deliveryMine]);
    expect(ids(await supervisor.conversations.list({ search: '"late delivery"' }))).toEqual([refundSupport]);
    expect(ids(await supervisor.conversations.list({ search: '"delivery late"' }))).toEqual([]);
    expect(ids(await supervisor.conversations.list({ search: "delivery " }))).toEqual([refundSupport, deliveryMine].sort());
  });

  it("searches the contact's name and email, and unicode text", async () => {
    expect(ids(await supervisor.conversations.list({ search: "Müller" }))).toEqual([muller]);
    expect(ids(await supervisor.conversations.list({ search: "jurgen" }))).toEqual([muller]);
    // A contact who matches by name and message: ranked by the contact, the snippet from the message.
    const petra = await conversation({ contact: { name: "Petra Parcel" }, messages: ["My parcel never arrived"] });
    const [found] = await supervisor.conversations.list({ search: "parcel" });
    expect(found?.id).toBe(petra);
    expect(found?.snippet?.find((piece) => piece.match)?.text).toBe("parcel");
    await database.db.conversation.delete({ where: { id: petra } });
    expect(ids(await supervisor.conversations.list({ search: "東京" }))).toEqual([muller]);
  });

  it("never fails on hostile input: operators are text, empty input lists the inbox", async () => {
    for (const search of ['"', "*", "NEAR(", "NEAR(refund late, 2)", "OR", "refund OR", "AND NOT", "a:*", "!&|()'", "^refund", "-refund", "refund*", "\u0000", "💥", "ـ", "''", '"""refund']) {
      const rows = await supervisor.conversations.list({ search });
      expect(Array.isArray(rows), search).toBe(true);
    }
    expect(ids(await supervisor.conversations.list({ search: "refund*" }))).toEqual([refundSupport, refundBilling].sort());
    expect((await supervisor.conversations.list({ search: "*" })).length).toBe(5);
  });

  it("shows an agent only what they may see: never another team's queue, never test conversations", async () => {
    expect(ids(await agent.conversations.list({ search: "refund" }))).toEqual([refundSupport]);
    expect(ids(await supervisor.conversations.list({ search: "refund" }))).not.toContain(refundTest);
    expect(ids(await agent.conversations.list({ view: "all" }))).toEqual([refundSupport, deliveryMine, muller].sort());
    expect(await agent.conversations.list({ view: "team:Billing" })).toEqual([]);
  });
});

describe("inbox views and filters", () => {
  it("lists each view and counts its open conversations", async () => {
    expect(ids(await agent.conversations.list({ view: "mine" }))).toEqual([deliveryMine]);
    expect(ids(await supervisor.conversations.list({ view: "unassigned" }))).toEqual([refundSupport, refundBilling, muller].sort());
    expect(ids(await supervisor.conversations.list({ view: "team:Billing" }))).toEqual([refundBilling, resolvedUrgent].sort());
    expect(await supervisor.conversations.viewCounts()).toEqual({
      mine: 0,
      unassigned: 3,
      all: 4,
      teams: [
        { name: "Billing", count: 1 },
        { name: "Support", count: 3 },
      ],
    });
    expect(await agent.conversations.viewCounts()).toEqual({ mine: 1, unassigned: 2, all: 3, teams: [{ name: "Support", count: 3 }] });
  });

  it("filters by status, team, assignee, channel, priority, flow and date", async () => {
    const list = (filters: Parameters<typeof supervisor.conversations.list>[0]) => supervisor.conversations.list(filters).then(ids);
    expect(await list({ status: ["resolved"] })).toEqual([resolvedUrgent]);
    expect(await list({ team: "Billing", status: "handoff" })).toEqual([refundBilling]);
    expect(await list({ assigneeId: database.seed.agentId })).toEqual([deliveryMine]);
    expect(await list({ assigneeId: "none", channel: ["web"], priority: ["high", "urgent"] })).toEqual([refundBilling]);
    expect(await list({ channel: ["email"] })).toEqual([deliveryMine]);
    expect(await list({ flowId: "no-such-flow" })).toEqual([]);
    expect((await list({ flowId: database.seed.flowId })).length).toBe(5);
    const updated = await database.db.conversation.findUniqueOrThrow({ where: { id: deliveryMine } });
    expect(await list({ from: updated.updatedAt.toISOString(), to: new Date(updated.updatedAt.getTime() + 1000).toISOString() })).toEqual([deliveryMine]);
    // Filters and search together.
    expect(await list({ search: "refund", priority: ["high"] })).toEqual([refundBilling]);
  });

  it("pages by last activity with a cursor, each conversation once, ties included", async () => {
    const tie = new Date(Date.UTC(2026, 5, 1));
    const paged: string[] = [];
    for (let i = 0; i < 9; i++) paged.push(await conversation({ team: "Paging", updatedAt: i < 5 ? tie : new Date(tie.getTime() + i * 1000) }));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const rows = await supervisor.conversations.list({ team: "Paging", limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...rows.map((row) => row.id));
      if (rows.length < 4) break;
      cursor = rows.at(-1)!.cursor;
    }
    expect(seen.length).toBe(9);
    expect([...seen].sort()).toEqual([...paged].sort());
    // Newest first: the four later ones, then the five that share a time.
    expect(seen.slice(0, 4)).toEqual(paged.slice(5).reverse());
    const refusal = await supervisor.conversations.list({ cursor: "bm90LWEtY3Vyc29y" }).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(TRPCError);
    expect((refusal as TRPCError).code).toBe("BAD_REQUEST");
  });
});

describe("saved views", () => {
  it("keeps private views to their owner, shares shared ones, and lets only the owner or an admin delete", async () => {
    const filters = { view: "team:Support" as const, status: ["handoff" as const], priority: ["high" as const] };
    const privateView = await agent.savedViews.create({ name: "My urgent", filters: { view: "mine", priority: ["urgent"] } });
    const sharedView = await supervisor.savedViews.create({ name: "Support high", filters, shared: true });
    expect((await agent.savedViews.list()).map((view) => [view.name, view.mine, view.shared])).toEqual([
      ["My urgent", true, false],
      ["Support high", false, true],
    ]);
    expect((await supervisor.savedViews.list()).map((view) => view.name)).toEqual(["Support high"]);
    expect((await agent.savedViews.list()).find((view) => view.id === sharedView.id)?.filters).toEqual(filters);

    const refused = async (promise: Promise<unknown>) => ((await promise.catch((err: unknown) => err)) as TRPCError).code;
    expect(await refused(supervisor.savedViews.delete({ id: privateView.id }))).toBe("NOT_FOUND");
    expect(await refused(agent.savedViews.delete({ id: sharedView.id }))).toBe("FORBIDDEN");
    const admin = createCaller(asPerson(services, database, "admin"));
    await admin.savedViews.delete({ id: sharedView.id });
    await agent.savedViews.delete({ id: privateView.id });
    expect(await agent.savedViews.list()).toEqual([]);
    const audited = await database.db.auditEvent.findMany({ where: { action: { startsWith: "saved_view." } }, orderBy: { at: "asc" } });
    expect(audited.map((event) => event.action)).toEqual(["saved_view.create", "saved_view.create", "saved_view.delete", "saved_view.delete"]);
  });
});
