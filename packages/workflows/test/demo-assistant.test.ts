import { describe, expect, it } from "vitest";
import { stateQuery } from "../src";
import { conversationHarness } from "./support/harness";

// The seeded "Support assistant" demo flow, run as the seed publishes it, on the local models
// (no API key): intent routing, Help center answers with sources, handoff under an SLA policy
// for upset customers and requests for a person, and a rating at the end.
const harness = conversationHarness({ taskQueuePrefix: "demo-assistant-test" });

async function startAssistant() {
  const { db, seed } = harness.database;
  const flow = await db.flow.findFirstOrThrow({ where: { workspaceId: seed.workspaceId, name: "Support assistant" } });
  const version = await db.flowVersion.findFirstOrThrow({ where: { flowId: flow.id, published: true } });
  const { id, opening, handle, say } = await harness.start(version.id);
  expect(opening.replies.map((reply) => reply.text)).toEqual([
    "Hi! I'm Parley's assistant. Ask me about billing, orders or your account — or ask for a person.",
  ]);
  return { id, handle, say };
}

describe("the demo support assistant", () => {
  it("answers a billing question from the Help center with its source, then asks for a rating", async () => {
    const { id, handle, say } = await startAssistant();
    const answer = await say("I was charged twice this month");
    expect(answer.status).toBe("active");
    const [kb, followUp] = answer.replies;
    expect(kb?.meta?.citations?.map((citation) => citation.title)).toEqual(["I was charged twice"]);
    expect(kb?.text).toMatch(/double charge/i);
    expect(followUp).toMatchObject({ text: "Did that answer your question?", meta: { quickReplies: ["Yes", "No"] } });

    const rating = await say("Yes");
    expect(rating.replies.map((reply) => reply.text)).toEqual(["How did we do today?"]);
    const done = await say("5");
    expect(done.status).toBe("resolved");
    expect(await handle.result()).toMatchObject({ status: "resolved" });

    const row = await harness.database.db.conversation.findUniqueOrThrow({ where: { id } });
    expect(row.variables).toMatchObject({ intent: "billing", helped: "Yes", csat: 5 });
    expect(row.csatScore).toBe(5);
    const path = await harness.database.db.nodeRun.findMany({ where: { conversationId: id }, orderBy: { startedAt: "asc" } });
    expect(path.map((run) => [run.nodeId, run.outcome])).toEqual([
      ["start", "next"],
      ["ask_request", "answered"],
      ["mood", "ok"],
      ["route", "intent:billing"],
      ["answer", "answered"],
      ["helped", "answered"],
      ["was_helped", "if"],
      ["rate", "next"],
      ["end", "end:resolved"],
    ]);
  });

  it("hands an upset customer straight to Support under the SLA policy", async () => {
    const { id, handle, say } = await startAssistant();
    const reply = await say("This is ridiculous, your app is broken again and nobody ever helps me!");
    expect(reply.status).toBe("handoff");
    expect(reply.replies.map((r) => r.text)).toEqual(["Let me get a teammate for you. They will reply here shortly."]);
    const state = await handle.query(stateQuery);
    expect(state.handoff?.team).toBe("Support");
    expect(state.sla?.firstResponse.phase).toBe("running");
    expect(Number(state.variables.sentiment)).toBeLessThan(-0.4);
    const note = await harness.database.db.message.findFirstOrThrow({ where: { conversationId: id, author: "system" } });
    expect(note.text).toContain("This is ridiculous");
  });

  it("hands off when the customer asks for a person", async () => {
    const { handle, say } = await startAssistant();
    const reply = await say("Can I talk to a human please?");
    expect(reply.status).toBe("handoff");
    expect((await handle.query(stateQuery)).variables.intent).toBe("human");
  });

  it("answers a follow-up question at 'Did that help?', asks again, then goes on", async () => {
    const { handle, say } = await startAssistant();
    await say("I was charged twice this month");
    const followUp = await say("how long do refunds take?");
    expect(followUp.status).toBe("active");
    const [answer, again] = followUp.replies;
    expect(answer?.meta?.citations?.map((citation) => citation.title)).toEqual(["Refund policy"]);
    expect(answer?.text).toMatch(/business days/i);
    expect(again).toMatchObject({ text: "Did that answer your question?", meta: { quickReplies: ["Yes", "No"] } });
    expect(followUp.replies).toHaveLength(2);

    const nonsense = await say("purple monkey dishwasher");
    expect(nonsense.replies).toEqual([expect.objectContaining({ text: "Please choose one of: 1. Yes, 2. No." })]);

    const rating = await say("yes");
    expect(rating.replies.map((reply) => reply.text)).toEqual(["How did we do today?"]);
    expect((await handle.query(stateQuery)).variables.helped).toBe("Yes");
  });

  it("goes to a person when the answer did not help", async () => {
    const { say } = await startAssistant();
    await say("How long does shipping take?");
    const notHelped = await say("No");
    expect(notHelped.status).toBe("handoff");
  });
});
