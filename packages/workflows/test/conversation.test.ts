import { describe, expect, it } from "vitest";
import { WorkflowUpdateFailedError } from "@temporalio/client";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { customerMessageUpdate, stateQuery } from "../src";
import { conversationHarness } from "./support/harness";

const harness = conversationHarness({ taskQueuePrefix: "workflow-test" });

describe("conversation workflow", () => {
  it("asks, stores the answer and sends a templated message (demo flow)", async () => {
    const { id, opening, handle } = await harness.start(harness.database.seed.publishedVersionId);
    expect(opening.status).toBe("active");
    expect(opening.replies.map((reply) => reply.text)).toEqual([
      "Hi! I'm Parley, the support assistant.",
      "What's your name?",
    ]);

    const afterName = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "  Grace  " }] });
    expect(afterName.replies.map((reply) => reply.text)).toEqual([
      "Thanks Grace. What can I help you with today?",
    ]);
    expect((await handle.query(stateQuery)).variables).toMatchObject({ name: "Grace" });

    const afterTopic = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "My invoice is wrong" }] });
    expect(afterTopic.status).toBe("resolved");
    expect(afterTopic.replies.map((reply) => reply.text)).toEqual([
      'Got it, Grace — I\'ve noted: "My invoice is wrong". A teammate will follow up by email.',
    ]);

    const outcome = await handle.result();
    expect(outcome).toMatchObject({ status: "resolved", variables: { name: "Grace", topic: "My invoice is wrong" } });

    // The transcript in the database is complete, in order, with no duplicates.
    const messages = await harness.database.db.message.findMany({ where: { conversationId: id }, orderBy: { seq: "asc" } });
    expect(messages.map((message) => [message.seq, message.author, message.text])).toEqual([
      [1, "bot", "Hi! I'm Parley, the support assistant."],
      [2, "bot", "What's your name?"],
      [3, "contact", "Grace"],
      [4, "bot", "Thanks Grace. What can I help you with today?"],
      [5, "contact", "My invoice is wrong"],
      [6, "bot", 'Got it, Grace — I\'ve noted: "My invoice is wrong". A teammate will follow up by email.'],
    ]);
    const row = await harness.database.db.conversation.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("resolved");
    // last_message: the built-in variable holding the customer's latest message.
    expect(row.variables).toEqual({ name: "Grace", topic: "My invoice is wrong", last_message: "My invoice is wrong" });
  });

  it("rejects an empty message without touching the conversation", async () => {
    const { id, handle } = await harness.start(harness.database.seed.publishedVersionId);
    const rejected = handle.executeUpdate(customerMessageUpdate, { args: [{ text: "   " }] });
    await expect(rejected).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(rejected).rejects.toMatchObject({ cause: { type: "InvalidMessage" } });
    // Text that cannot be stored or only looks like text: refused by the shared rule, with the reason.
    for (const [text, reason] of [
      ["hi \ud800", /broken character/],
      ["a\u0000b", /control character/],
      ["\u200b\u200b", /empty/],
    ] as const) {
      await expect(handle.executeUpdate(customerMessageUpdate, { args: [{ text }] })).rejects.toMatchObject({
        cause: { type: "InvalidMessage", message: expect.stringMatching(reason) },
      });
    }
    expect((await handle.query(stateQuery)).lastSeq).toBe(2);

    const accepted = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "Linus" }] });
    expect(accepted.replies[0]?.text).toBe("Thanks Linus. What can I help you with today?");
    expect(await harness.database.db.message.count({ where: { conversationId: id } })).toBe(4);
  });

  it("rejects messages once the conversation has ended", async () => {
    const graph: FlowGraph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
        { id: "bye", kind: "message", position: { x: 0, y: 100 }, config: { text: "We're closed, {{contact_name}}." } },
        { id: "end", kind: "end", position: { x: 0, y: 200 }, config: { status: "closed" } },
      ],
      edges: [
        { id: "e1", source: "start", sourcePort: "next", target: "bye" },
        { id: "e2", source: "bye", sourcePort: "next", target: "end" },
      ],
    };
    const { opening, handle } = await harness.start(await harness.publish(graph), { variables: { contact_name: "Ada" } });
    expect(opening).toMatchObject({ status: "closed", replies: [{ text: "We're closed, Ada." }] });
    expect((await handle.result()).status).toBe("closed");
    await expect(handle.executeUpdate(customerMessageUpdate, { args: [{ text: "hello?" }] })).rejects.toThrow();
  });

  it("stores a turn the database refused with the broken characters replaced, instead of retrying forever", async () => {
    // The validators keep broken text out of customer and agent messages; a variable given at
    // start (or by an integration) can still carry it into what the bot says.
    const graph: FlowGraph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
        { id: "bye", kind: "message", position: { x: 0, y: 100 }, config: { text: "Bye, {{contact_name}}." } },
        { id: "end", kind: "end", position: { x: 0, y: 200 }, config: { status: "closed" } },
      ],
      edges: [
        { id: "e1", source: "start", sourcePort: "next", target: "bye" },
        { id: "e2", source: "bye", sourcePort: "next", target: "end" },
      ],
    };
    const { id, handle } = await harness.start(await harness.publish(graph), { variables: { contact_name: "Ada\ud800" } });
    expect((await handle.result()).status).toBe("closed");
    const messages = await harness.database.db.message.findMany({ where: { conversationId: id } });
    expect(messages.map((message) => message.text)).toEqual(["Bye, Ada\ufffd."]);
  });

  it("fails fast, without retrying, when the pinned version is a draft", async () => {
    const draft = await harness.database.db.flowVersion.findFirstOrThrow({ where: { published: false } });
    await expect(harness.start(draft.id)).rejects.toThrow();
    const row = await harness.database.db.conversation.findFirstOrThrow({
      where: { flowVersionId: draft.id },
      orderBy: { createdAt: "desc" },
    });
    await expect(harness.client.workflow.getHandle(row.id).result()).rejects.toMatchObject({
      cause: { type: "FlowVersionNotPublished" },
    });
  });

  it("records every node execution with its outcome", async () => {
    const { id, handle } = await harness.start(harness.database.seed.publishedVersionId);
    await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "Ada" }] });
    await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "Billing" }] });
    await handle.result();
    const runs = await harness.database.db.nodeRun.findMany({ where: { conversationId: id }, orderBy: { id: "asc" } });
    expect(runs.map((run) => [run.nodeId, run.kind, run.outcome])).toEqual([
      ["start", "start", "next"],
      ["greet", "message", "next"],
      ["ask_name", "ask", "answered"],
      ["ask_topic", "ask", "answered"],
      ["confirm", "message", "next"],
      ["end", "end", "end:resolved"],
    ]);
    expect(runs.every((run) => run.finishedAt && run.finishedAt >= run.startedAt)).toBe(true);
  });

  it("continues as new in long conversations without losing or repeating anything", async () => {
    const loop: FlowGraph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
        { id: "ask", kind: "ask", position: { x: 0, y: 150 }, config: { question: "Say something", variable: "said" } },
        { id: "echo", kind: "message", position: { x: 0, y: 300 }, config: { text: "You said {{said}}" } },
      ],
      edges: [
        { id: "e1", source: "start", sourcePort: "next", target: "ask" },
        { id: "e2", source: "ask", sourcePort: "answered", target: "echo" },
        { id: "e3", source: "echo", sourcePort: "next", target: "ask" },
      ],
    };
    const { id, opening, handle } = await harness.start(await harness.publish(loop), { continueAsNewAfterEvents: 40 });
    expect(opening.replies.map((reply) => reply.text)).toEqual(["Say something"]);
    const messages = 30;
    for (let i = 1; i <= messages; i++) {
      const turn = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: `m${i}` }] });
      expect(turn.replies.map((reply) => reply.text)).toEqual([`You said m${i}`, "Say something"]);
    }
    const state = await handle.query(stateQuery);
    expect(state.continuedRuns).toBeGreaterThanOrEqual(3);
    expect(state.lastSeq).toBe(1 + messages * 3);

    const stored = await harness.database.db.message.findMany({ where: { conversationId: id }, orderBy: { seq: "asc" } });
    expect(stored.map((message) => message.seq)).toEqual(Array.from({ length: 1 + messages * 3 }, (_, i) => i + 1));
    expect(stored.filter((message) => message.text === "Say something")).toHaveLength(messages + 1);
    // The ask that was waiting across a hand-over is one node execution, not two.
    const asks = await harness.database.db.nodeRun.count({ where: { conversationId: id, nodeId: "ask" } });
    expect(asks).toBe(messages + 1);
  });
});

