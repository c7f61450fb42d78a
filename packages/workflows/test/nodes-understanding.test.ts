import { describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { customerMessageUpdate } from "../src";
import { conversationHarness } from "./support/harness";

/**
 * Intent router and sentiment gate on a real Temporal dev server, with the real local models
 * (example overlap, lexicon) behind the activities: no timers here, so no time skipping.
 */
const harness = conversationHarness({ taskQueuePrefix: "nodes-understanding-test" });

const at = (y: number) => ({ x: 0, y });
const say = (id: string, text: string) => ({ id, kind: "message" as const, position: at(0), config: { text } });

/**
 * ask → intent router (billing, shipping, fallback); billing → sentiment gate: an upset customer
 * hears an apology, a calm one the billing answer. Every branch ends the conversation.
 */
const supportFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: at(0), config: {} },
    { id: "ask", kind: "ask", position: at(100), config: { question: "How can I help?", variable: "topic" } },
    {
      id: "router",
      kind: "intent_router",
      position: at(200),
      config: {
        intents: [
          {
            name: "billing",
            label: "Billing",
            examples: ["I was charged twice", "there is a wrong amount on my invoice", "I want a refund", "question about my bill"],
          },
          {
            name: "shipping",
            label: "Shipping",
            examples: ["where is my order", "my package has not arrived", "when will my parcel be delivered"],
          },
        ],
        threshold: 0.3,
      },
    },
    { id: "mood", kind: "sentiment_gate", position: at(300), config: { threshold: -0.3, variable: "mood" } },
    say("sorry", "I'm really sorry about this. ({{intent}}, mood {{mood}})"),
    say("billing", "Billing can help with that. ({{intent}}, mood {{mood}})"),
    say("shipping", "Let me look up your order. ({{intent}})"),
    say("fallback", "Sorry, I did not understand \"{{last_message}}\". ({{intent}} {{intent_confidence}})"),
    { id: "end", kind: "end", position: at(600), config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "ask" },
    { id: "e2", source: "ask", sourcePort: "answered", target: "router" },
    { id: "e3", source: "router", sourcePort: "intent:billing", target: "mood" },
    { id: "e4", source: "router", sourcePort: "intent:shipping", target: "shipping" },
    { id: "e5", source: "router", sourcePort: "fallback", target: "fallback" },
    { id: "e6", source: "mood", sourcePort: "negative", target: "sorry" },
    { id: "e7", source: "mood", sourcePort: "ok", target: "billing" },
    { id: "e8", source: "sorry", sourcePort: "next", target: "end" },
    { id: "e9", source: "billing", sourcePort: "next", target: "end" },
    { id: "e10", source: "shipping", sourcePort: "next", target: "end" },
    { id: "e11", source: "fallback", sourcePort: "next", target: "end" },
  ],
};

/** Runs the support flow with one customer message; returns the bot's reply and the outcome. */
async function converse(text: string, flow: FlowGraph = supportFlow) {
  const { id, opening, handle } = await harness.run(flow);
  expect(opening.replies.map((reply) => reply.text)).toEqual(["How can I help?"]);
  const turn = await handle.executeUpdate(customerMessageUpdate, { args: [{ text }] });
  const outcome = await handle.result();
  const runs = await harness.database.db.nodeRun.findMany({ where: { conversationId: id }, orderBy: { startedAt: "asc" } });
  return { id, handle, replies: turn.replies.map((reply) => reply.text), outcome, path: runs.map((r) => [r.nodeId, r.outcome]) };
}

describe("intent router", () => {
  it("routes a billing question to its exit and stores intent, confidence and last_message", async () => {
    const { replies, outcome, path } = await converse("Hi, I have a question about my invoice");
    expect(replies).toEqual([expect.stringMatching(/^Billing can help with that\. \(billing, mood /)]);
    expect(outcome.variables).toMatchObject({
      topic: "Hi, I have a question about my invoice",
      last_message: "Hi, I have a question about my invoice",
      intent: "billing",
    });
    expect(outcome.variables.intent_confidence).toBeGreaterThanOrEqual(0.3);
    expect(outcome.variables.intent_confidence).toBeLessThanOrEqual(1);
    expect(path).toEqual(expect.arrayContaining([["router", "intent:billing"], ["mood", "ok"]]));
  });

  it("routes a shipping question to the other intent's exit", async () => {
    const { replies, outcome, path } = await converse("Where is my package? It has not arrived");
    expect(replies).toEqual(["Let me look up your order. (shipping)"]);
    expect(outcome.variables).toMatchObject({ intent: "shipping" });
    expect(path).toContainEqual(["router", "intent:shipping"]);
  });

  it("takes the fallback exit for a message that matches no intent", async () => {
    // Nothing in common with the examples. (With three or four examples per intent, an English
    // question that shares only small words with them can still reach 0.3: see @parley/ai's README.)
    const { replies, outcome, path } = await converse("Bonjour, ça va ?");
    // The confidence stored is the best guess's, under the threshold.
    expect(replies).toEqual([`Sorry, I did not understand "Bonjour, ça va ?". (fallback ${outcome.variables.intent_confidence})`]);
    expect(outcome.variables).toMatchObject({ intent: "fallback" });
    expect(outcome.variables.intent_confidence).toBeLessThan(0.3);
    expect(path).toContainEqual(["router", "fallback"]);
  });

  it("saves the entities it is configured for into variables, and leaves out those not found", async () => {
    const flow = structuredClone(supportFlow);
    const router = flow.nodes.find((node) => node.id === "router")!;
    router.config = { ...router.config, saveEntities: "order = order_id\ncustomer_email = email" };
    flow.nodes.find((node) => node.id === "shipping")!.config = { text: "Looking up order {{order}} for {{customer_email}}." };
    const found = await converse("Where is my order #A12345? It has not arrived. Mail me at Jane@Example.com", flow);
    expect(found.replies).toEqual(["Looking up order A12345 for jane@example.com."]);
    expect(found.outcome.variables).toMatchObject({ intent: "shipping", order: "A12345", customer_email: "jane@example.com" });

    const missing = await converse("Where is my package? It has not arrived", flow);
    expect(missing.outcome.variables).toMatchObject({ intent: "shipping" });
    expect(missing.outcome.variables).not.toHaveProperty("order");
  });

  it("runs recognition as a local activity (a marker in history, no scheduled activity task)", async () => {
    const { handle } = await converse("I want a refund");
    const { events } = await handle.fetchHistory();
    const scheduled = (events ?? []).map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
    expect(scheduled).not.toContain("recognizeIntent");
    expect(scheduled).not.toContain("analyzeSentiment");
    expect((events ?? []).filter((event) => event.markerRecordedEventAttributes).length).toBeGreaterThanOrEqual(3);
  });
});

describe("sentiment gate", () => {
  it("takes the negative exit for an upset customer and stores the score", async () => {
    const { replies, outcome, path } = await converse("I was charged twice AGAIN, this is absolutely unacceptable!!");
    expect(outcome.variables).toMatchObject({ intent: "billing" });
    expect(outcome.variables.mood).toBeLessThan(-0.3);
    expect(outcome.variables.mood).toBeGreaterThanOrEqual(-1);
    expect(replies).toEqual([`I'm really sorry about this. (billing, mood ${outcome.variables.mood})`]);
    expect(path).toEqual(expect.arrayContaining([["router", "intent:billing"], ["mood", "negative"], ["sorry", "next"]]));
  });

  it("takes the ok exit for a calm or happy customer", async () => {
    const { outcome, path } = await converse("Thanks so much! Quick question about my bill");
    expect(outcome.variables).toMatchObject({ intent: "billing" });
    expect(outcome.variables.mood).toBeGreaterThan(0);
    expect(path).toContainEqual(["mood", "ok"]);
  });
});
