import { describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import {
  agentMessageSignal,
  assignSignal,
  customerMessageUpdate,
  handBackSignal,
  resolveSignal,
  stateQuery,
  type ConversationInput,
} from "../src";
import { conversationHarness } from "./support/harness";
import { sendCustomerMessage } from "../src/client";

const harness = conversationHarness({ taskQueuePrefix: "handoff-test" });

/** ask topic → hand off (note with the topic) → resolved: thank you + end | returned: ask again. */
const supportFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "topic", kind: "ask", position: { x: 0, y: 150 }, config: { question: "What do you need?", variable: "topic" } },
    {
      id: "human",
      kind: "handoff",
      position: { x: 0, y: 300 },
      config: { message: "Connecting you to billing.", team: "Billing", skills: "billing, refunds", priority: "high", summary: "Customer asks: {{topic}}" },
    },
    { id: "thanks", kind: "message", position: { x: 0, y: 450 }, config: { text: "Thanks for your patience!" } },
    { id: "end", kind: "end", position: { x: 0, y: 600 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "topic" },
    { id: "e2", source: "topic", sourcePort: "answered", target: "human" },
    { id: "e3", source: "human", sourcePort: "resolved", target: "thanks" },
    { id: "e4", source: "human", sourcePort: "returned", target: "topic" },
    { id: "e5", source: "thanks", sourcePort: "next", target: "end" },
  ],
};

const start = (extra: Partial<ConversationInput> = {}) => harness.run(supportFlow, extra);

/** Signals are asynchronous: wait until the workflow's state shows their effect. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("condition not reached");
}

describe("handoff to a human", () => {
  it("queues the conversation, relays both sides, and continues from `resolved`", async () => {
    const { id, handle } = await start();
    const handedOff = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "A refund" }] });
    expect(handedOff.status).toBe("handoff");
    expect(handedOff.replies.map((reply) => reply.text)).toEqual(["Connecting you to billing."]);

    const state = await handle.query(stateQuery);
    expect(state.handoff).toMatchObject({ team: "Billing", skills: ["billing", "refunds"], priority: "high", assigneeId: null });

    // While a person has it, the customer's messages get no bot reply.
    const waiting = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "Hello?" }] });
    expect(waiting).toMatchObject({ status: "handoff", replies: [] });

    // Billing's queue finds nobody free (its only member is offline) and says so once. Waited for
    // before anyone is assigned: an assignment first would leave the queue nothing to say.
    await eventually(
      () => harness.database.db.message.findMany({ where: { conversationId: id, author: "system", text: { startsWith: "No agent is available" } } }),
      (notes) => notes.length > 0,
    );
    const agentId = harness.database.seed.agentId;
    await handle.signal(assignSignal, { agentId });
    await handle.signal(agentMessageSignal, { agentId, text: "Hi, I'm Sam. Refund is on its way." });
    const row = await eventually(
      () => harness.database.db.conversation.findUniqueOrThrow({ where: { id } }),
      (conversation) => conversation.assigneeId === agentId,
    );
    expect(row).toMatchObject({ status: "handoff", team: "Billing", priority: "high" });
    expect(row.handedOffAt).toBeInstanceOf(Date);

    await handle.signal(resolveSignal, { agentId });
    expect(await handle.result()).toMatchObject({ status: "resolved" });

    const recorded = await harness.database.db.message.findMany({ where: { conversationId: id }, orderBy: { seq: "asc" } });
    // Billing's queue says once that nobody can take it yet (its only member is offline); whether
    // that lands before or after the customer's next message is a race, so it is checked apart.
    const queueNotes = recorded.filter((message) => message.author === "system" && message.text.startsWith("No agent is available"));
    expect(queueNotes.map((message) => message.text)).toEqual(["No agent is available right now: waiting in the queue"]);
    const messages = recorded.filter((message) => !queueNotes.includes(message));
    expect(messages.map((message) => [message.author, message.text])).toEqual([
      ["bot", "What do you need?"],
      ["contact", "A refund"],
      ["bot", "Connecting you to billing."],
      ["system", "Handed off to Billing (high priority): Customer asks: A refund"],
      // The agent's summary (extractive without a model: the worker here has no OpenAI key). The
      // topic is not repeated as a known fact: it is the goal quoted above.
      // (The mood is the sentiment model's, which this test does not pin.)
      [
        "system",
        expect.stringMatching(
          /^Summary for the agent \(extractive\):\n• Wants: "A refund"\n• Feels: (very frustrated|frustrated|calm|content|happy)\n• Bot sent 2 messages; last: "Connecting you to billing\."$/,
        ),
      ],
      ["contact", "Hello?"],
      ["agent", "Hi, I'm Sam. Refund is on its way."],
      ["bot", "Thanks for your patience!"],
    ]);
    expect(messages.find((message) => message.author === "agent")?.authorId).toBe(agentId);
    const runs = await harness.database.db.nodeRun.findMany({ where: { conversationId: id, nodeId: "human" } });
    expect(runs.map((run) => run.outcome)).toEqual(["resolved"]);
    // The team was told once that the conversation is waiting for it (the inbox's bell).
    const notifications = await harness.database.db.notification.findMany({ where: { conversationId: id } });
    expect(notifications.map((n) => [n.level, n.team, n.message, n.readAt])).toEqual([
      ["queued", "Billing", "Customer asks: A refund", null],
    ]);
  });

  it("hands back to the bot, which carries on from `returned`", async () => {
    const { handle } = await start();
    await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "Something odd" }] });
    await handle.signal(handBackSignal, { agentId: null });
    const state = await eventually(() => handle.query(stateQuery), (s) => s.status === "active" && s.phase === "waiting");
    expect(state.nodeId).toBe("topic");
    expect(state.handoff).toBeNull();
    const again = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "Billing" }] });
    expect(again.status).toBe("handoff");
  });

  it("lets an agent resolve a conversation the bot is still handling", async () => {
    const { id, handle } = await start();
    await handle.signal(resolveSignal, { agentId: harness.database.seed.agentId });
    expect(await handle.result()).toMatchObject({ status: "resolved" });
    const runs = await harness.database.db.nodeRun.findMany({ where: { conversationId: id, nodeId: "topic" } });
    expect(runs.map((run) => run.outcome)).toEqual(["end:resolved"]);
  });

  it("keeps the handoff across continue-as-new, whenever the hand-over happens", async () => {
    // A message that reaches the server while the task continuing as new completes is dropped by
    // Temporal ("unexpected workflow task failure"): sendCustomerMessage sends it again. Rolling
    // over at 20 events puts a hand-over right under one of these messages (it did, every time).
    const { id, handle } = await start({ continueAsNewAfterEvents: 20 });
    await sendCustomerMessage(handle, { text: "Invoice" });
    for (let i = 0; i < 6; i++) {
      await sendCustomerMessage(handle, { text: `still there? ${i}` });
    }
    const state = await handle.query(stateQuery);
    expect(state.continuedRuns).toBeGreaterThanOrEqual(1);
    expect(state.handoff?.team).toBe("Billing");
    await handle.signal(resolveSignal, { agentId: null });
    const result = await harness.client.workflow.getHandle(id).result();
    expect(result.status).toBe("resolved");
    const announcements = await harness.database.db.message.count({ where: { conversationId: id, text: "Connecting you to billing." } });
    expect(announcements).toBe(1);
  });

  it("lets an agent take over from the bot, then hand back: the interrupted question is asked again", async () => {
    const { id, handle } = await start();
    const agentId = harness.database.seed.agentId;
    await handle.signal(assignSignal, { agentId, note: "Assigned to Sam Agent" });
    const taken = await eventually(() => handle.query(stateQuery), (state) => state.status === "handoff");
    expect(taken.handoff).toMatchObject({ team: "Support", assigneeId: agentId });
    // The bot is quiet while the agent has it.
    expect(await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "hi?" }] })).toMatchObject({ replies: [] });
    await eventually(
      () => harness.database.db.conversation.findUniqueOrThrow({ where: { id } }),
      (row) => row.status === "handoff" && row.assigneeId === agentId,
    );

    await handle.signal(handBackSignal, { agentId });
    await eventually(() => handle.query(stateQuery), (state) => state.status === "active" && state.phase === "waiting");
    const row = await eventually(
      () => harness.database.db.conversation.findUniqueOrThrow({ where: { id } }),
      (conversation) => conversation.status === "active",
    );
    expect(row).toMatchObject({ team: null, assigneeId: null, handedOffAt: null });
    // Taking over is an agent's own act: nobody is notified.
    expect(await harness.database.db.notification.count({ where: { conversationId: id } })).toBe(0);
    const messages = await harness.database.db.message.findMany({ where: { conversationId: id }, orderBy: { seq: "asc" } });
    expect(messages.map((message) => [message.author, message.text])).toEqual([
      ["bot", "What do you need?"],
      ["system", "Assigned to Sam Agent"],
      ["system", "Handed off to Support (normal priority)"],
      ["contact", "hi?"],
      ["bot", "What do you need?"],
    ]);
    const runs = await harness.database.db.nodeRun.findMany({ where: { conversationId: id, nodeId: "topic" }, orderBy: { id: "asc" } });
    expect(runs.map((run) => run.outcome)).toEqual(["taken_over", null]);
  });
});

