// The conversation workflow's own edge, fuzzed: customer-message Updates, agent-message and
// supervisor Signals sent straight through Temporal (as any client of the cluster could, past the API's
// checks) with hostile payloads. Each is refused by the validator or handled; none may fail the
// workflow or jam it (a write the database refuses, retried forever): after every payload the
// conversation still runs, and at the end it still answers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WorkflowUpdateFailedError, type WorkflowHandle } from "@temporalio/client";
import { ApplicationFailure } from "@temporalio/common";
import { agentMessageSignal, assignSignal, customerMessageUpdate, superviseSignal, type conversation } from "@parley/workflows";
import { conversationHarness } from "../../packages/workflows/test/support/harness";
import { hostileJson, hostileNumber, hostileString } from "./hostile";
import { echoFlow } from "../support/echo-flow";

const RUNS = 150;
const harness = conversationHarness({ taskQueuePrefix: "workflow-fuzz" });


const voice = fc.record(
  {
    confidence: hostileNumber,
    quality: fc.oneof(
      hostileJson,
      fc.record({ levelDbfs: hostileNumber, snrBeforeDb: fc.option(hostileNumber), snrAfterDb: fc.option(hostileNumber), speechRatio: hostileNumber, clippingRatio: hostileNumber }),
    ),
    durationMs: hostileNumber,
    engine: hostileString,
    interruptedMessageId: hostileString,
    recordingId: hostileString,
  },
  { requiredKeys: ["confidence", "quality", "durationMs", "engine"] },
);

const payload = fc.oneof(
  fc.record({
    kind: fc.constant("update" as const),
    input: fc.oneof(
      { weight: 1, arbitrary: hostileJson },
      {
        weight: 3,
        arbitrary: fc.record(
          { text: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("hello", "Ada", "שלום 👋") }, { weight: 2, arbitrary: hostileString }, { weight: 1, arbitrary: hostileJson }), voice: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: voice }, { weight: 1, arbitrary: hostileJson }) },
          { requiredKeys: ["text", "voice"] },
        ),
      },
    ),
  }),
  fc.record({ kind: fc.constant("agent" as const), input: fc.oneof(hostileJson, fc.record({ agentId: hostileString, text: fc.oneof(hostileString, hostileJson) })) }),
  fc.record({
    kind: fc.constant("assign" as const),
    input: fc.oneof(hostileJson, fc.record({ agentId: fc.oneof(hostileString, fc.constant(null), hostileJson), team: fc.oneof(hostileString, hostileJson), note: fc.oneof(hostileString, hostileJson) }, { requiredKeys: ["agentId"] })),
  }),
  fc.record({
    kind: fc.constant("supervise" as const),
    input: fc.oneof(
      hostileJson,
      fc.record(
        {
          action: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("whisper", "bargeIn", "takeOver") }, { weight: 1, arbitrary: hostileJson }),
          supervisorId: fc.oneof(hostileString, hostileJson),
          agentId: hostileString,
          noteId: hostileString,
          text: fc.oneof(hostileString, hostileJson),
          note: fc.oneof(hostileString, hostileJson),
        },
        { requiredKeys: ["action", "supervisorId"] },
      ),
    ),
  }),
);

/** Waits for `work`, or says it hung: a jammed conversation never answers. */
function answerOrHang<T>(work: Promise<T>): Promise<T | "hung"> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), 30_000)));
  return Promise.race([work, hang]).finally(() => clearTimeout(timer));
}

describe("fuzz: the conversation workflow's updates and signals", () => {
  it("refuses or handles every hostile payload, and keeps running and answering", async () => {
    const { versionId } = await harness.publishFlow(echoFlow);
    const handles: WorkflowHandle<typeof conversation>[] = [];
    for (let i = 0; i < 2; i++) handles.push((await harness.start(versionId)).handle);
    const outcomes = new Map<string, number>();
    const problems: string[] = [];
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);

    await fc.assert(
      fc.asyncProperty(payload, fc.nat(), async ({ kind, input }, n) => {
        const handle = handles[n % handles.length]!;
        if (kind !== "update") {
          if (kind === "agent") await handle.signal(agentMessageSignal, input as never);
          else if (kind === "supervise") await handle.signal(superviseSignal, input as never);
          else await handle.signal(assignSignal, input as never);
          count(`${kind} signalled`);
        } else {
          const answer = await answerOrHang(
            handle.executeUpdate(customerMessageUpdate, { args: [input as never] }).then(
              () => "accepted",
              (err: unknown) =>
                err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === "InvalidMessage"
                  ? "refused"
                  : `failed: ${String(err)}`,
            ),
          );
          count(answer.startsWith("failed") ? "failed" : answer);
          if (answer !== "accepted" && answer !== "refused") problems.push(`${answer} for ${JSON.stringify(input).slice(0, 200)}`);
        }
        const { status } = await handle.describe();
        if (status.name !== "RUNNING") problems.push(`${status.name} after ${kind} ${JSON.stringify(input).slice(0, 200)}`);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );

    // Still answering (the bot, or quietly when an assignment handed it to a person), and storing.
    for (const handle of handles) {
      const turn = await answerOrHang(handle.executeUpdate(customerMessageUpdate, { args: [{ text: "still there?" }] }));
      expect(turn).not.toBe("hung");
      const { status } = (await handle.query("state")) as { status: string };
      if (status === "active") expect(turn !== "hung" && turn.replies.map((reply) => reply.text)).toEqual(["You said still there?", "Say something"]);
      const stored = await harness.database.db.message.findFirst({ where: { conversationId: handle.workflowId, text: "still there?" } });
      expect(stored).not.toBeNull();
    }
    console.log(`workflow fuzz: ${RUNS} payloads, ${JSON.stringify(Object.fromEntries(outcomes))}`);
    expect(problems).toEqual([]);
  }, 600_000);
});
