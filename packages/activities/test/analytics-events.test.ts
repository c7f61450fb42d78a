import { describe, expect, it } from "vitest";
import type { RecordTurnInput } from "../src";
import { activitiesOnTestDatabase } from "./activity-database";

const t = activitiesOnTestDatabase();
const { env } = t;
const newConversation = (test = false) => t.newConversation({ test, channel: "voice" });

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();
const since = at(10);

/** A voice conversation: intent fallback, knowledge not found, handoff, two agent replies, resolved and rated. */
function turns(id: string, agentId: string): RecordTurnInput[] {
  const run = (n: number, kind: string, outcome: string | null, variables: Record<string, unknown> = {}) => ({
    id: `${id}-n${n}`,
    nodeId: `node${n}`,
    kind,
    startedAt: at(n),
    finishedAt: outcome ? at(n + 1) : null,
    outcome,
    error: null,
    detail: { variables },
  });
  const spoken = { confidence: 0.8, quality: { levelDbfs: -20, snrBeforeDb: 12, snrAfterDb: 18, speechRatio: 0.6, clippingRatio: 0 }, durationMs: 1500, engine: "vosk", interruptedMessageId: `${id}-0` };
  const handoff = { team: "Billing", skills: [], priority: "normal" as const, assigneeId: agentId, since };
  return [
    {
      conversationId: id,
      messages: [
        { id: `${id}-0`, seq: 0, author: "bot", text: "Hello", createdAt: at(1) },
        { id: `${id}-1`, seq: 1, author: "contact", text: "my bill", createdAt: at(2), meta: { spoken } },
      ],
      nodeRuns: [
        run(1, "start", "next"),
        run(2, "intent_router", "fallback", { intent_confidence: 0.3 }),
        run(3, "knowledge_answer", "not_found", { last_message: "my bill" }),
        run(4, "handoff", null),
      ],
      status: "handoff",
      variables: {},
      handoff,
    },
    {
      conversationId: id,
      messages: [
        { id: `${id}-2`, seq: 2, author: "agent", authorId: agentId, text: "Let me look", createdAt: at(40) },
        { id: `${id}-3`, seq: 3, author: "agent", authorId: agentId, text: "Done", createdAt: at(50) },
      ],
      status: "resolved",
      variables: {},
      handoff,
      csat: { score: 4, scale: 5 },
    },
  ];
}

async function eventsOf(conversationId: string) {
  const rows = await t.database.db.analyticsEvent.findMany({ where: { conversationId }, orderBy: { id: "asc" } });
  return rows.map((row) => ({ type: row.type, channel: row.channel, team: row.team, agentId: row.agentId, intent: row.intent, value: row.value, value2: row.value2 }));
}

describe("analytics events written with a turn", () => {
  it("records what happened, with the conversation's dimensions, once however often a turn is retried", async () => {
    const conversation = await newConversation();
    const agentId = t.database.seed.agentId;
    for (const turn of turns(conversation.id, agentId)) {
      await env.run(t.activities.recordTurn, turn);
      await env.run(t.activities.recordTurn, turn);
    }
    const events = await eventsOf(conversation.id);
    const count = (type: string) => events.filter((event) => event.type === type).length;
    expect(count("started")).toBe(1);
    expect(count("message")).toBe(4);
    expect(count("node_left")).toBe(3);
    expect(count("handoff")).toBe(1);
    expect(count("assignment")).toBe(1);
    expect(events.filter((event) => event.type !== "started" && event.type !== "node_left" && event.type !== "message")).toEqual(
      expect.arrayContaining([
        { type: "intent", channel: "voice", team: "Billing", agentId, intent: "fallback", value: 0.3, value2: null },
        { type: "knowledge", channel: "voice", team: "Billing", agentId, intent: null, value: 0, value2: null },
        { type: "voice_turn", channel: "voice", team: "Billing", agentId, intent: null, value: 0.8, value2: 18 },
        // The first agent reply, 30 s after the handoff; the second is not a first response.
        { type: "first_response", channel: "voice", team: "Billing", agentId, intent: null, value: 30, value2: null },
        { type: "csat", channel: "voice", team: "Billing", agentId, intent: null, value: 4, value2: 5 },
      ]),
    );
    expect(count("first_response")).toBe(1);
    expect(count("resolved")).toBe(1);
    expect(count("ended")).toBe(1);
    const stored = await t.database.db.analyticsEvent.findFirstOrThrow({ where: { conversationId: conversation.id, type: "started" } });
    expect(stored).toMatchObject({ workspaceId: t.database.seed.workspaceId, flowVersionId: t.database.seed.publishedVersionId, at: new Date(at(1)) });
    expect(stored.flowId).not.toBeNull();
    const knowledge = await t.database.db.analyticsEvent.findFirstOrThrow({ where: { conversationId: conversation.id, type: "knowledge" } });
    expect(knowledge.props).toEqual({ question: "my bill" });
  });

  it("keeps the daily rollup in step: a retried turn adds nothing, deleted events take themselves out", async () => {
    const rollup = async () => {
      const rows = await t.database.db.analyticsDaily.groupBy({ by: ["type"], where: { workspaceId: t.database.seed.workspaceId }, _sum: { count: true, hits: true } });
      return new Map(rows.map((row) => [row.type, [row._sum.count ?? 0, row._sum.hits ?? 0]]));
    };
    const added = (before: Map<string, number[]>, after: Map<string, number[]>) =>
      Object.fromEntries(
        [...after]
          .map(([type, [count, hits]]) => [type, [count! - (before.get(type)?.[0] ?? 0), hits! - (before.get(type)?.[1] ?? 0)]] as const)
          .filter(([, [count, hits]]) => count !== 0 || hits !== 0),
      );
    const before = await rollup();
    const conversation = await newConversation();
    for (const turn of turns(conversation.id, t.database.seed.agentId)) {
      await env.run(t.activities.recordTurn, turn);
      await env.run(t.activities.recordTurn, turn);
    }
    // [events, hits]: the fallback intent, the unanswered question and the barge-in are hits;
    // messages and node runs are not rolled up (no dashboard counts them).
    expect(added(before, await rollup())).toEqual({
      started: [1, 0],
      intent: [1, 1],
      knowledge: [1, 1],
      voice_turn: [1, 1],
      handoff: [1, 0],
      assignment: [1, 0],
      first_response: [1, 0],
      csat: [1, 0],
      resolved: [1, 0],
      ended: [1, 0],
      // The quality score is replaced (deleted, inserted) on a retried ending turn: still one.
      quality: [1, 0],
    });
    await t.database.db.analyticsEvent.deleteMany({ where: { conversationId: conversation.id } });
    expect(added(before, await rollup())).toEqual({});
  });

  it("stores the agent's handling span with the events: opened by the assignment, ended by the end", async () => {
    const conversation = await newConversation();
    const agentId = t.database.seed.agentId;
    const [first, last] = turns(conversation.id, agentId);
    await env.run(t.activities.recordTurn, first!);
    const event = (type: string) => t.database.db.analyticsEvent.findFirstOrThrow({ where: { conversationId: conversation.id, type } });
    const assigned = await event("assignment");
    const span = () => t.database.db.assignmentSpan.findMany({ where: { conversationId: conversation.id } });
    expect(await span()).toEqual([expect.objectContaining({ id: assigned.id, agentId, channel: "voice", assignedAt: assigned.at, releasedAt: null })]);
    await env.run(t.activities.recordTurn, last!);
    await env.run(t.activities.recordTurn, last!);
    expect(await span()).toEqual([expect.objectContaining({ id: assigned.id, agentId, assignedAt: assigned.at, releasedAt: (await event("ended")).at })]);
  });

  it("never counts a test conversation", async () => {
    const conversation = await newConversation(true);
    for (const turn of turns(conversation.id, t.database.seed.agentId)) await env.run(t.activities.recordTurn, turn);
    expect(await t.database.db.message.count({ where: { conversationId: conversation.id } })).toBe(4);
    expect(await t.database.db.analyticsEvent.count({ where: { conversationId: conversation.id } })).toBe(0);
  });

  it("records SLA warnings and breaches with their notification, once", async () => {
    const conversation = await newConversation();
    const notify = (level: "warning" | "breach") =>
      env.run(t.activities.notifyTeam, { id: `${conversation.id}:firstResponse:0:${level}`, conversationId: conversation.id, level, clock: "firstResponse", message: level, at: since });
    await notify("warning");
    await notify("breach");
    await notify("breach");
    await env.run(t.activities.notifyTeam, { id: `${conversation.id}:queued`, conversationId: conversation.id, level: "queued" as const, message: "queued", at: since });
    expect((await eventsOf(conversation.id)).map((event) => event.type).sort()).toEqual(["sla_breach", "sla_warning"]);
  });
});
