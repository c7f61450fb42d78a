import { describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { customerMessageUpdate, stateQuery } from "../src";
import { parseRating } from "../src/ratings";
import { conversationHarness } from "./support/harness";

// Time skipping: the wait and business-hours tests move the clock by hours and days.
const harness = conversationHarness({ server: "time-skipping", taskQueuePrefix: "nodes-test" });

type Node = FlowGraph["nodes"][number];
/** A straight line of nodes from start: each node's first port leads to the next one. */
function chain(nodes: Omit<Node, "position">[], extraEdges: FlowGraph["edges"] = []): FlowGraph {
  const placed = nodes.map((node, i) => ({ ...node, position: { x: 0, y: i * 150 } }));
  const ports: Record<string, string> = { start: "next", message: "next", ask: "answered", csat: "next", wait: "next", business_hours: "open" };
  const edges = placed.slice(0, -1).map((node, i) => ({
    id: `e${i}`,
    source: node.id,
    sourcePort: ports[node.kind] ?? "next",
    target: placed[i + 1]!.id,
  }));
  return { schemaVersion: FLOW_SCHEMA_VERSION, nodes: placed, edges: [...edges, ...extraEdges] };
}

const start = { id: "start", kind: "start" as const, config: {} };

describe("message and end", () => {
  it("sends quick replies, an attachment and a spoken variant; end says a closing message", async () => {
    const { id, opening } = await harness.run(
      chain([
        start,
        {
          id: "hello",
          kind: "message",
          config: { text: "Hi!", quickReplies: "Track order, Talk to a person", mediaUrl: "https://example.com/a.png", voiceText: "<speak>Hi</speak>" },
        },
        { id: "bye", kind: "end", config: { status: "closed", message: "Bye for now." } },
      ]),
    );
    expect(opening.status).toBe("closed");
    expect(opening.replies.map((reply) => [reply.text, reply.meta])).toEqual([
      ["Hi!", { quickReplies: ["Track order", "Talk to a person"], mediaUrl: "https://example.com/a.png", voiceText: "<speak>Hi</speak>" }],
      ["Bye for now.", undefined],
    ]);
    const stored = await harness.database.db.message.findFirstOrThrow({ where: { conversationId: id, seq: 1 } });
    expect(stored.meta).toEqual({ quickReplies: ["Track order", "Talk to a person"], mediaUrl: "https://example.com/a.png", voiceText: "<speak>Hi</speak>" });
  });
});

describe("csat", () => {
  const flow = chain([start, { id: "rate", kind: "csat", config: { question: "Rate us?", scale: "1-5" } }, { id: "end", kind: "end", config: {} }]);

  it("stores a rating given in words, with the buttons offered", async () => {
    const { id, opening, handle } = await harness.run(flow);
    expect(opening.replies[0]).toMatchObject({ text: "Rate us?", meta: { quickReplies: ["1", "2", "3", "4", "5"] } });
    const turn = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "I'd say four" }] });
    expect(turn.replies.map((reply) => reply.text)).toEqual(["Thank you for your feedback!"]);
    expect((await handle.result()).variables).toMatchObject({ csat: 4 });
    expect(await harness.database.db.conversation.findUniqueOrThrow({ where: { id } })).toMatchObject({ csatScore: 4, csatScale: 5 });
  });

  it("asks once more, then moves on without a rating", async () => {
    const { id, handle } = await harness.run(flow);
    const again = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "meh" }] });
    expect(again.replies.map((reply) => reply.text)).toEqual(["Please answer with a number from 1 to 5."]);
    await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "9" }] });
    expect((await handle.result()).variables).toMatchObject({ csat: null });
    expect(await harness.database.db.conversation.findUniqueOrThrow({ where: { id } })).toMatchObject({ csatScore: null, csatScale: 5 });
  });

  it("reads ratings people actually type", () => {
    expect(["4", "4/5", "4 out of 5", "five", "⭐⭐⭐", " 2 "].map((text) => parseRating(text, 5))).toEqual([4, 4, 4, 5, 3, 2]);
    expect(["0", "6", "great", "", "⭐⭐⭐⭐⭐⭐"].map((text) => parseRating(text, 5))).toEqual([null, null, null, null, null]);
    expect(parseRating("10", 10)).toBe(10);
  });
});

describe("wait", () => {
  it("continues after the delay on a durable timer; messages meanwhile are kept", async () => {
    const { id, handle } = await harness.run(
      chain([
        start,
        { id: "pause", kind: "wait", config: { mode: "delay", minutes: "90" } },
        { id: "later", kind: "message", config: { text: "Back again!" } },
        { id: "end", kind: "end", config: {} },
      ]),
    );
    const during = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "still there?" }] });
    expect(during).toMatchObject({ status: "active", replies: [] });
    await harness.env.sleep(91 * 60_000);
    expect((await handle.result()).status).toBe("resolved");
    const messages = await harness.database.db.message.findMany({ where: { conversationId: id }, orderBy: { seq: "asc" } });
    expect(messages.map((message) => message.text)).toEqual(["still there?", "Back again!"]);
  });
});

describe("business hours", () => {
  const flow = chain(
    [
      start,
      { id: "hours", kind: "business_hours", config: { timeZone: "UTC", hours: "mon-fri 09:00-17:00", holidays: "" } },
      { id: "open", kind: "message", config: { text: "We're open." } },
      { id: "end", kind: "end", config: {} },
    ],
    [{ id: "closed-edge", source: "hours", sourcePort: "closed", target: "closed" }],
  );
  flow.nodes.push(
    { id: "closed", kind: "message", position: { x: 300, y: 300 }, config: { text: "We're closed." } },
  );
  flow.edges.push({ id: "closed-end", source: "closed", sourcePort: "next", target: "end" });

  it("takes the closed branch on Saturday and the open one on Monday morning", async () => {
    const skipTo = async (day: number, hour: number) => {
      const now = await harness.env.currentTimeMs();
      const target = new Date(now);
      target.setUTCHours(hour, 0, 0, 0);
      target.setUTCDate(target.getUTCDate() + ((day - target.getUTCDay() + 7) % 7 || 7));
      await harness.env.sleep(target.getTime() - now);
    };
    await skipTo(6, 12); // Saturday noon
    expect((await harness.run(flow)).opening.replies.map((reply) => reply.text)).toEqual(["We're closed."]);
    await skipTo(1, 10); // Monday 10:00
    expect((await harness.run(flow)).opening.replies.map((reply) => reply.text)).toEqual(["We're open."]);
  });
});

describe("condition and set variable", () => {
  const flow: FlowGraph = {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
      { id: "ask", kind: "ask", position: { x: 0, y: 150 }, config: { question: "How many orders?", variable: "orders" } },
      { id: "compute", kind: "set_variable", position: { x: 0, y: 300 }, config: { assignments: "count = number(orders)\nvip = count > 10\nratio = 100 / count" } },
      { id: "check", kind: "condition", position: { x: 0, y: 450 }, config: { if: "vip", elseIf1: "count > 0" } },
      { id: "vip", kind: "message", position: { x: -200, y: 600 }, config: { text: "VIP line, {{count}} orders." } },
      { id: "regular", kind: "message", position: { x: 0, y: 600 }, config: { text: "Regular customer." } },
      { id: "none", kind: "message", position: { x: 200, y: 600 }, config: { text: "Welcome, new customer." } },
      { id: "end", kind: "end", position: { x: 0, y: 750 }, config: {} },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "ask" },
      { id: "e2", source: "ask", sourcePort: "answered", target: "compute" },
      { id: "e3", source: "compute", sourcePort: "next", target: "check" },
      { id: "e4", source: "check", sourcePort: "if", target: "vip" },
      { id: "e5", source: "check", sourcePort: "elseIf1", target: "regular" },
      { id: "e6", source: "check", sourcePort: "else", target: "none" },
      { id: "e7", source: "vip", sourcePort: "next", target: "end" },
      { id: "e8", source: "regular", sourcePort: "next", target: "end" },
      { id: "e9", source: "none", sourcePort: "next", target: "end" },
    ],
  };

  it.each([
    ["12", "VIP line, 12 orders.", { count: 12, vip: true, ratio: 8.333333333333334 }],
    ["3", "Regular customer.", { count: 3, vip: false }],
    ["0", "Welcome, new customer.", { count: 0, vip: false, ratio: null }],
  ])("answer %s takes the right branch", async (answer, reply, variables) => {
    const { id, handle } = await harness.run(flow);
    const turn = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: answer }] });
    expect(turn.replies.map((r) => r.text)).toEqual([reply]);
    expect((await handle.result()).variables).toMatchObject(variables);
    const notes = await harness.database.db.message.findMany({ where: { conversationId: id, author: "system" } });
    // 100 / 0 does not fail the workflow: the variable is null and the inbox gets a note.
    expect(notes.map((note) => note.text)).toEqual(answer === "0" ? [expect.stringMatching(/ratio = 100 \/ count failed/)] : []);
  });
});

describe("state", () => {
  it("reports where a conversation waits", async () => {
    const { handle } = await harness.run(chain([start, { id: "q", kind: "ask", config: { question: "Name?", variable: "name" } }, { id: "end", kind: "end", config: {} }]));
    expect(await handle.query(stateQuery)).toMatchObject({ phase: "waiting", nodeId: "q", status: "active" });
  });
});
