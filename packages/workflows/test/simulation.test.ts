import { describe, expect, it } from "vitest";
import { compileFlow, validateFlow, type FlowGraph } from "@parley/flow";
import { skipWaitSignal, type CannedResponse, type ConversationInput } from "../src";
import { graph, type NodeSpec } from "./support/graph";
import { conversationHarness } from "./support/harness";

// A simulator's test conversation (real Temporal dev server, real worker and database): the
// skipWait signal ends an ask's idle timeout at once and, in a handoff, brings the SLA clock's
// next escalation forward; a canned output answers a custom activity without running it. The
// waits are long (30 minutes, 15-minute SLA) on a server that does not skip time: only the
// signal can end them within the test.
const harness = conversationHarness({ taskQueuePrefix: "simulation-test" });

/** Starts `flowGraph` as the simulator does: compiled into the input, with canned answers. */
async function simulate(flowGraph: FlowGraph, cannedResponses: Record<string, CannedResponse> = {}) {
  const validation = validateFlow(flowGraph);
  expect(validation.issues.filter((issue) => issue.severity === "error")).toEqual([]);
  const simulation: ConversationInput["simulation"] = { flow: compileFlow(validation.graph!), cannedResponses };
  const conversation = await harness.start(await harness.publish(flowGraph), { simulation });
  await harness.database.db.conversation.update({ where: { id: conversation.id }, data: { test: true } });
  return conversation;
}

const say = (id: string, text: string): NodeSpec => ({ id, kind: "message", config: { text } });
const end: NodeSpec = { id: "end", kind: "end", config: { status: "resolved" } };

/** Node runs of the conversation, in order. */
const nodeRuns = (conversationId: string) => harness.database.db.nodeRun.findMany({ where: { conversationId }, orderBy: { startedAt: "asc" } });

describe("test conversations", () => {
  it("skips an ask's idle timeout: the flow leaves through timeout at once", async () => {
    const { handle, opening } = await simulate(
      graph(
        [{ id: "start", kind: "start", config: {} }, { id: "ask", kind: "ask", config: { question: "Still there?", variable: "answer", timeoutMinutes: 30 } }, say("gone", "No answer, closing."), say("got", "Thanks!"), end],
        [
          ["start", "next", "ask"],
          ["ask", "answered", "got"],
          ["ask", "invalid", "got"],
          ["ask", "timeout", "gone"],
          ["got", "next", "end"],
          ["gone", "next", "end"],
        ],
      ),
    );
    expect(opening.replies.map((reply) => reply.text)).toEqual(["Still there?"]);
    await handle.signal(skipWaitSignal);
    expect((await handle.result()).status).toBe("resolved");
    const messages = await harness.database.db.message.findMany({ where: { conversationId: handle.workflowId }, orderBy: { seq: "asc" } });
    expect(messages.map((message) => message.text)).toEqual(["Still there?", "No answer, closing."]);
  });

  it("brings the SLA clock's next escalation forward while a person has the conversation", async () => {
    const { id, handle, say: send } = await simulate(
      graph(
        [
          { id: "start", kind: "start", config: {} },
          { id: "sla", kind: "sla_policy", config: { firstResponse: "15", nextResponse: "30", resolution: "480", warnAtPercent: "50", onBreach: "notify", hours: "always" } },
          { id: "topic", kind: "ask", config: { question: "What do you need?", variable: "topic" } },
          { id: "human", kind: "handoff", config: { team: "Billing", priority: "normal" } },
          end,
        ],
        [
          ["start", "next", "sla"],
          ["sla", "next", "topic"],
          ["topic", "answered", "human"],
          ["human", "resolved", "end"],
          ["human", "returned", "topic"],
        ],
      ),
    );
    expect((await send("Refund please")).status).toBe("handoff");
    const levels = async () =>
      (await harness.database.db.notification.findMany({ where: { conversationId: id, clock: "firstResponse" }, orderBy: { createdAt: "asc" } })).map(
        (notification) => notification.level,
      );
    await handle.signal(skipWaitSignal);
    await expect.poll(levels).toEqual(["warning"]);
    await handle.signal(skipWaitSignal);
    await expect.poll(levels).toEqual(["warning", "breach"]);
    await handle.terminate("done");
  });

  it("answers a custom activity from its canned output and records what the step did", async () => {
    const { id, opening } = await simulate(
      graph(
        [
          { id: "start", kind: "start", config: {} },
          { id: "ship", kind: "custom_activity", config: { activity: "calculateShippingCost", input: "weightKg = 2\ncountry = \"fr\"", output: "price = cost\neta = days" } },
          say("ok", "{{price}} EUR in {{eta}} days"),
          say("failed", "failed"),
          end,
        ],
        [
          ["start", "next", "ship"],
          ["ship", "success", "ok"],
          ["ship", "error", "failed"],
          ["ok", "next", "end"],
          ["failed", "next", "end"],
        ],
      ),
      { ship: { output: { cost: 1.5, days: 9 } } },
    );
    // The real activity would have priced 2 kg to France otherwise.
    expect(opening.replies.map((reply) => reply.text)).toEqual(["1.5 EUR in 9 days"]);
    const ship = (await nodeRuns(id)).find((run) => run.nodeId === "ship")!;
    expect(ship.detail).toMatchObject({
      canned: true,
      input: { weightKg: 2, country: "fr" },
      output: { cost: 1.5, days: 9 },
      variables: { price: 1.5, eta: 9 },
    });
  });
});
