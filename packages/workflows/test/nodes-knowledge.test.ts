import { describe, expect, it } from "vitest";
import { DEMO_KNOWLEDGE_BASE } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { stateQuery } from "../src";
import { conversationHarness } from "./support/harness";

const harness = conversationHarness({ taskQueuePrefix: "nodes-knowledge-test" });

type Node = FlowGraph["nodes"][number];
type Edge = FlowGraph["edges"][number];

/**
 * start → ask → `node`, whose ports lead to two end nodes that say which way the flow went
 * ("way: <port>"), except where `targets` names another node (e.g. a handoff).
 */
function around(node: Omit<Node, "id" | "position">, ports: [string, string], extra: Omit<Node, "position">[] = [], targets: Record<string, string> = {}): FlowGraph {
  const nodes: Omit<Node, "position">[] = [
    { id: "start", kind: "start", config: {} },
    { id: "ask", kind: "ask", config: { question: "How can I help?", variable: "question" } },
    { ...node, id: "under_test" },
    ...ports.map((port) => ({ id: `end_${port}`, kind: "end" as const, config: { status: "closed", message: `way: ${port}` } })),
    ...extra,
  ];
  const edges: Edge[] = [
    { id: "e1", source: "start", sourcePort: "next", target: "ask" },
    { id: "e2", source: "ask", sourcePort: "answered", target: "under_test" },
    ...ports.map((port) => ({ id: `e_${port}`, source: "under_test", sourcePort: port, target: targets[port] ?? `end_${port}` })),
  ];
  return { schemaVersion: FLOW_SCHEMA_VERSION, nodes: nodes.map((n, i) => ({ ...n, position: { x: 0, y: i * 150 } })), edges };
}

/** harness.run for around()'s flows, which all open with the same question. */
async function run(graph: FlowGraph) {
  const conversation = await harness.run(graph);
  expect(conversation.opening.replies.map((reply) => reply.text)).toEqual(["How can I help?"]);
  return conversation;
}

const systemNotes = async (conversationId: string) =>
  (await harness.database.db.message.findMany({ where: { conversationId, author: "system" }, orderBy: { seq: "asc" } })).map((m) => m.text);

describe("knowledge_answer", () => {
  const answer = (config: Record<string, unknown> = {}) =>
    around({ kind: "knowledge_answer", config: { knowledgeBase: DEMO_KNOWLEDGE_BASE, question: "{{question}}", variable: "kb_answer", ...config } }, ["answered", "not_found"]);

  it("answers with the best passage and cites its article (answered)", async () => {
    const { id, handle, say } = await run(answer());
    const turn = await say("I was charged twice, can I get a refund?");
    expect(turn.replies.map((reply) => reply.text)).toEqual([expect.stringContaining("We refund the duplicate charge the same day"), "way: answered"]);
    const article = await harness.database.db.knowledgeDocument.findFirstOrThrow({ where: { title: "I was charged twice" } });
    const citations = [{ articleId: article.id, title: "I was charged twice", url: "https://help.parley.dev/articles/double-charge-refund" }];
    expect(turn.replies[0]!.meta).toEqual({ citations });
    const outcome = await handle.result();
    expect(outcome.variables.kb_answer).toBe(turn.replies[0]!.text);
    const stored = await harness.database.db.message.findFirstOrThrow({ where: { conversationId: id, text: turn.replies[0]!.text } });
    expect(stored.meta).toEqual({ citations });
  });

  it("takes not_found, saying nothing, when no passage scores high enough", async () => {
    const { handle, say } = await run(answer());
    const turn = await say("Do you sell gift cards?");
    expect(turn.replies.map((reply) => [reply.text, reply.meta])).toEqual([["way: not_found", undefined]]);
    expect((await handle.result()).variables.kb_answer).toBeNull();
  });

  it("takes not_found with a note for the agents when the knowledge base does not exist", async () => {
    const { id, handle, say } = await run(answer({ knowledgeBase: "Old FAQ" }));
    expect((await say("How do I reset my password?")).replies.map((reply) => reply.text)).toEqual(["way: not_found"]);
    await handle.result();
    expect(await systemNotes(id)).toEqual([`under_test: there is no knowledge base named "Old FAQ"`]);
  });

  it("honours the minimum score", async () => {
    const { say } = await run(answer({ minScore: 1 }));
    // A good but not perfect match (scores under 1) is not enough at the strictest setting.
    expect((await say("I was charged twice, can I get a refund?")).replies.map((reply) => reply.text)).toEqual(["way: not_found"]);
  });
});

describe("ai_reply", () => {
  // The default question, {{last_message}}: the customer's latest message.
  const reply = (config: Record<string, unknown> = {}, extra: Omit<Node, "position">[] = [], targets: Record<string, string> = {}) =>
    around({ kind: "ai_reply", config: { knowledgeBase: DEMO_KNOWLEDGE_BASE, variable: "ai_answer", ...config } }, ["replied", "handoff"], extra, targets);

  it("replies from the knowledge base, labelled as extractive, with its sources (replied)", async () => {
    const { handle, say } = await run(reply());
    const turn = await say("How long does standard delivery take?");
    expect(turn.replies.map((r) => r.text)).toEqual([expect.stringContaining("Standard delivery takes 3–5 business days"), "way: replied"]);
    expect(turn.replies[0]!.meta).toMatchObject({
      citations: [{ title: "Shipping times", url: "https://help.parley.dev/articles/shipping-times" }],
      generated: { by: "extractive", confidence: expect.any(Number) },
    });
    expect(turn.replies[0]!.meta!.generated!.confidence).toBeGreaterThanOrEqual(0.5);
    expect((await handle.result()).variables.ai_answer).toBe(turn.replies[0]!.text);
  });

  it("hands off, saying nothing itself, when unsure (handoff)", async () => {
    const handoffNode = { id: "to_people", kind: "handoff" as const, config: { message: "Let me get a teammate.", team: "Support" } };
    const graph = reply({}, [handoffNode, { id: "done", kind: "end", config: { status: "resolved" } }], { handoff: "to_people" });
    graph.edges.push(
      { id: "h1", source: "to_people", sourcePort: "resolved", target: "done" },
      { id: "h2", source: "to_people", sourcePort: "returned", target: "done" },
    );
    const { id, handle, say } = await run(graph);
    const turn = await say("What is the weather in Paris tomorrow?");
    expect(turn.replies.map((r) => r.text)).toEqual(["Let me get a teammate."]);
    expect(turn.status).toBe("handoff");
    expect((await handle.query(stateQuery)).variables.ai_answer).toBeNull();
    expect(await systemNotes(id)).toEqual([
      `under_test: no AI reply (nothing in "${DEMO_KNOWLEDGE_BASE}" matches)`,
      "Handed off to Support (normal priority)",
      expect.stringMatching(/^Summary for the agent \(extractive\):\n• Wants: "What is the weather in Paris tomorrow\?"\n/),
    ]);
    await handle.terminate("test done");
  });

  it("hands off when the best match is under the confidence threshold, or there is nothing to ground on", async () => {
    const strict = await run(reply({ minConfidence: 1 }));
    expect((await strict.say("I was charged twice, can I get a refund?")).replies.map((r) => r.text)).toEqual(["way: handoff"]);
    await strict.handle.result();
    expect((await systemNotes(strict.id))[0]).toMatch(/^under_test: no AI reply \(extractive is unsure: Best knowledge match "I was charged twice" scored 0\.\d+, under 1\)$/);

    const ungrounded = await run(reply({ knowledgeBase: "", onlyFromKnowledge: "no" }));
    expect((await ungrounded.say("How long does standard delivery take?")).replies.map((r) => r.text)).toEqual(["way: handoff"]);
    await ungrounded.handle.result();
    expect(await systemNotes(ungrounded.id)).toEqual(["under_test: no AI reply (extractive is unsure: No knowledge to ground a reply on)"]);
  });
});
