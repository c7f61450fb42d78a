import { describe, expect, it } from "vitest";
import type { RecordTurnInput } from "../src";
import { activitiesOnTestDatabase } from "./activity-database";

const t = activitiesOnTestDatabase();
const { env, newConversation } = t;

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

/** A customer who is not understood, asks again, gets no answer, is handed off and resolved. */
function bumpyTurns(id: string): RecordTurnInput[] {
  const run = (n: number, kind: string, outcome: string, variables: Record<string, unknown> = {}) => ({
    id: `${id}-n${n}`, nodeId: `node${n}`, kind, startedAt: at(n), finishedAt: at(n + 1), outcome, error: null, detail: { variables },
  });
  const handoff = { team: "Billing", skills: [], priority: "normal" as const, assigneeId: null, since: at(20) };
  const contact = (seq: number, text: string) => ({ id: `${id}-${seq}`, seq, author: "contact" as const, text, createdAt: at(seq * 2) });
  return [
    {
      conversationId: id,
      messages: [contact(0, "My card was charged twice for the same order"), contact(1, "I was charged twice on my card for one order, this is awful")],
      nodeRuns: [run(1, "start", "next"), run(2, "intent_router", "fallback", { intent_confidence: 0.2 }), run(3, "knowledge_answer", "not_found", { last_message: "charged twice" })],
      status: "handoff",
      variables: {},
      handoff,
    },
    { conversationId: id, messages: [], status: "resolved", variables: {}, handoff },
  ];
}

async function qualityEvents(conversationId: string) {
  return t.database.db.analyticsEvent.findMany({ where: { conversationId, type: "quality" }, select: { value: true, at: true, props: true } });
}

async function rolledUpQuality() {
  const rows = await t.database.db.analyticsDaily.findMany({ where: { workspaceId: t.database.seed.workspaceId, type: "quality" } });
  return rows.reduce((sum, row) => ({ count: sum.count + row.count, value: sum.value + row.valueSum }), { count: 0, value: 0 });
}

describe("conversation quality score", () => {
  it("scores a conversation when it ends, with the reasons, once however often the turn is retried", async () => {
    const before = await rolledUpQuality();
    const conversation = await newConversation();
    const [opening, ending] = bumpyTurns(conversation.id);
    await env.run(t.activities.recordTurn, opening!);
    expect((await t.database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).qualityScore).toBeNull();
    await env.run(t.activities.recordTurn, ending!);
    await env.run(t.activities.recordTurn, ending!);
    const row = await t.database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    const factors = row.qualityFactors as { name: string; impact: number }[];
    expect(Object.fromEntries(factors.map((factor) => [factor.name, factor.impact]))).toMatchObject({
      resolution: 15,
      fallbacks: -4,
      knowledge: -4,
      repeats: -5,
    });
    expect(factors.find((factor) => factor.name === "sentiment")?.impact).toBeLessThan(0);
    expect(row.qualityScore).toBe(60 + factors.reduce((sum, factor) => sum + factor.impact, 0));
    expect(await qualityEvents(conversation.id)).toEqual([expect.objectContaining({ value: row.qualityScore })]);
    expect(await rolledUpQuality()).toEqual({ count: before.count + 1, value: before.value + row.qualityScore! });
  });

  it("rescores on a rating that comes after the end, replacing its event in the rollup", async () => {
    const before = await rolledUpQuality();
    const conversation = await newConversation();
    for (const turn of bumpyTurns(conversation.id)) await env.run(t.activities.recordTurn, turn);
    const first = await t.database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    const [firstEvent] = await qualityEvents(conversation.id);
    const rating: RecordTurnInput = { conversationId: conversation.id, messages: [], status: "resolved", variables: {}, csat: { score: 5, scale: 5 } };
    await env.run(t.activities.recordTurn, rating);
    const rated = await t.database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(rated.qualityScore).toBe(first.qualityScore! + 20);
    const grade = rated.qualityScore! >= 75 ? "good" : rated.qualityScore! >= 50 ? "fair" : "poor";
    expect(await qualityEvents(conversation.id)).toEqual([{ value: rated.qualityScore, at: firstEvent!.at, props: { grade } }]);
    expect(await rolledUpQuality()).toEqual({ count: before.count + 1, value: before.value + rated.qualityScore! });
  });

  it("leaves open and test conversations unscored", async () => {
    const open = await newConversation();
    await env.run(t.activities.recordTurn, bumpyTurns(open.id)[0]!);
    const test = await newConversation({ test: true });
    for (const turn of bumpyTurns(test.id)) await env.run(t.activities.recordTurn, turn);
    const rows = await t.database.db.conversation.findMany({ where: { id: { in: [open.id, test.id] } }, select: { qualityScore: true } });
    expect(rows).toEqual([{ qualityScore: null }, { qualityScore: null }]);
    expect(await t.database.db.analyticsEvent.count({ where: { conversationId: test.id } })).toBe(0);
  });
});
