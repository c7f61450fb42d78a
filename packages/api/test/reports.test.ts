import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, Connection } from "@temporalio/client";
import { appRouter, createCallerFactory } from "../src";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

// Custom reports over events written straight to the database (the rollup's triggers fill
// AnalyticsDaily as they would for a real turn): nothing here talks to Temporal.
let database: TestDatabase;
const createCaller = createCallerFactory(appRouter);
let owner: ReturnType<typeof createCaller>;
let supervisor: ReturnType<typeof createCaller>;
let analyst: ReturnType<typeof createCaller>;

const day = (date: string, hour = 12) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00Z`);

/** Three conversations: two in March (web, one voice), one in April; scored 80, 40, 60. */
beforeAll(async () => {
  database = await createTestDatabase();
  const services = testServices(database, new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) }), "unused");
  owner = createCaller(asPerson(services, database));
  supervisor = createCaller(asPerson(services, database, "supervisor"));
  analyst = createCaller(asPerson(services, database, "analyst"));
  const { db, seed } = database;
  const seeded = [
    { at: day("2026-03-30"), channel: "web", agentId: seed.agentId, quality: 80 },
    { at: day("2026-03-31"), channel: "voice", agentId: seed.agentId, quality: 40 },
    { at: day("2026-04-01"), channel: "web", agentId: null, quality: 60 },
  ] as const;
  for (const [i, conversation] of seeded.entries()) {
    const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId } });
    const row = await db.conversation.create({
      data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: `report-${i}`, channel: conversation.channel },
    });
    const common = { workspaceId: seed.workspaceId, conversationId: row.id, at: conversation.at, channel: conversation.channel, flowId: seed.flowId, agentId: conversation.agentId };
    await db.analyticsEvent.createMany({
      data: [
        { ...common, id: `${row.id}:started`, type: "started" },
        { ...common, id: `${row.id}:quality`, type: "quality", value: conversation.quality },
      ],
    });
  }
});
afterAll(() => database?.close());

/** Whole days, then a range starting and ending mid-day: rollup and events must agree. */
const spring = { from: "2026-03-01T00:00:00.000Z", to: "2026-05-01T00:00:00.000Z" };
const midDay = { from: "2026-03-30T06:00:00.000Z", to: "2026-04-01T18:00:00.000Z" };

describe("custom reports", () => {
  it("counts by channel, and splits by month and week (weeks start on Monday)", async () => {
    const byChannel = await analyst.reports.run({ range: spring, definition: { metric: "conversations", groupBy: "channel", grain: "none" } });
    expect(byChannel.metric).toEqual({ id: "conversations", label: "Conversations started", format: "count" });
    expect(byChannel.rows).toEqual([
      { period: null, key: "web", name: "web", value: 2 },
      { period: null, key: "voice", name: "voice", value: 1 },
    ]);
    const byMonth = await analyst.reports.run({ range: midDay, definition: { metric: "conversations", groupBy: "none", grain: "month" } });
    expect(byMonth.rows.map((row) => [row.period, row.value])).toEqual([
      ["2026-03-01", 2],
      ["2026-04-01", 1],
    ]);
    const byWeek = await analyst.reports.run({ range: spring, definition: { metric: "conversations", groupBy: "none", grain: "week" } });
    expect(byWeek.rows.map((row) => [row.period, row.value])).toEqual([["2026-03-30", 3]]);
  });

  it("averages a mean metric exactly across days, by agent with their names", async () => {
    const byAgent = await supervisor.reports.run({ range: spring, definition: { metric: "quality", groupBy: "agent", grain: "none" } });
    const agent = await database.db.user.findUniqueOrThrow({ where: { id: database.seed.agentId } });
    expect(byAgent.rows).toEqual([
      { period: null, key: agent.id, name: agent.name || agent.email, value: 60 },
      { period: null, key: null, name: "(no agent)", value: 60 },
    ]);
    const overall = await supervisor.reports.run({ range: midDay, definition: { metric: "quality" } });
    expect(overall.rows).toEqual([{ period: null, key: null, name: "All", value: 60 }]);
    const filtered = await supervisor.reports.run({ range: { ...spring, filters: { channel: "voice" } }, definition: { metric: "quality" } });
    expect(filtered.rows).toEqual([{ period: null, key: null, name: "All", value: 40 }]);
  });

  it("exports every group as CSV, with the raw values and defused formulas", async () => {
    // A team named like a spreadsheet formula, in June (outside the other tests' range).
    const { db, seed } = database;
    const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId } });
    const row = await db.conversation.create({ data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: "report-formula" } });
    await db.analyticsEvent.create({
      data: { id: `${row.id}:started`, type: "started", workspaceId: seed.workspaceId, conversationId: row.id, at: day("2026-06-10"), channel: "web", team: '=HYPERLINK("x")' },
    });
    const { csv, rows } = await analyst.reports.csv({ range: { from: spring.from, to: "2026-07-01T00:00:00.000Z" }, definition: { metric: "conversations", groupBy: "team", grain: "month" } });
    expect(rows).toBe(3);
    expect(csv.split("\n")).toEqual([
      '"month","team","team id","conversations"',
      '"2026-03-01","(no team)","","2"',
      '"2026-04-01","(no team)","","1"',
      `"2026-06-01","'=HYPERLINK(""x"")","'=HYPERLINK(""x"")","1"`,
      "",
    ]);
  });

  it("saves reports for the workspace: a clear conflict on a taken name, only the author or an admin deletes", async () => {
    const { id } = await analyst.reports.save({ name: "Quality by agent", definition: { metric: "quality", groupBy: "agent", grain: "week" }, days: 90 });
    await expect(supervisor.reports.save({ name: "Quality by agent", definition: { metric: "conversations" } })).rejects.toMatchObject({ code: "CONFLICT" });
    const listed = await supervisor.reports.list();
    expect(listed).toEqual([
      expect.objectContaining({ id, name: "Quality by agent", days: 90, filters: {}, definition: { metric: "quality", groupBy: "agent", grain: "week" } }),
    ]);
    await analyst.reports.save({ id, name: "Quality per agent", definition: { metric: "quality", groupBy: "agent", grain: "month" } });
    expect((await analyst.reports.list()).map((report) => [report.name, report.definition.grain])).toEqual([["Quality per agent", "month"]]);
    await expect(supervisor.reports.delete({ id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await analyst.reports.list()).toHaveLength(1);
    await owner.reports.delete({ id });
    expect(await analyst.reports.list()).toEqual([]);
    await expect(owner.reports.delete({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses an unknown metric, grain or dimension with a 400 and saves nothing", async () => {
    const bad = [{ metric: "revenue" }, { metric: "quality", grain: "hour" }, { metric: "quality", groupBy: "weather" }];
    for (const definition of bad) {
      // @ts-expect-error: hostile input, as a client could send it
      await expect(analyst.reports.run({ range: spring, definition })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      // @ts-expect-error: hostile input, as a client could send it
      await expect(analyst.reports.save({ name: "Bad", definition })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await analyst.reports.list()).toEqual([]);
  });
});
