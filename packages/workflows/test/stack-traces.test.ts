// Temporal's per-promise stack traces (the UI's stack trace query) are off by default in
// conversation workflows (apps/worker/src/workflow-stack-traces.ts says why) and on when asked.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { WithStartWorkflowOperation } from "@temporalio/client";
import type { Worker } from "@temporalio/worker";
import { createConversationWorker } from "@parley/worker";
import { CONVERSATION_WORKFLOW_TASK_TIMEOUT, openingUpdate, type conversation } from "../src";
import { sendCustomerMessage } from "../src/client";
import { uniqueTaskQueue } from "../../../test/support/temporal";
import { echoFlow } from "../../../test/support/echo-flow";
import { conversationHarness } from "./support/harness";

const harness = conversationHarness({ taskQueuePrefix: "stack-traces" });
const stopping: { worker: Worker; running: Promise<void> }[] = [];
afterAll(async () => {
  for (const { worker, running } of stopping) {
    worker.shutdown();
    await running;
  }
});

/** A conversation on `taskQueue` (whose worker is the one under test), as harness.start does it. */
async function converse(taskQueue: string, flowVersionId: string) {
  const { db, seed } = harness.database;
  const id = randomUUID();
  const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId } });
  await db.conversation.create({ data: { id, workflowId: id, workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId } });
  const operation = new WithStartWorkflowOperation<typeof conversation>("conversation", {
    workflowId: id,
    taskQueue,
    args: [{ conversationId: id, flowVersionId }],
    workflowIdConflictPolicy: "FAIL",
    workflowTaskTimeout: CONVERSATION_WORKFLOW_TASK_TIMEOUT,
  });
  await harness.client.workflow.executeUpdateWithStart(openingUpdate, { startWorkflowOperation: operation });
  const handle = await operation.workflowHandle();
  const turn = await sendCustomerMessage(handle, { text: "hello" });
  expect(turn.replies.map((reply) => reply.text)).toEqual(["You said hello", "Say something"]);
  return handle;
}

describe("workflow stack traces", () => {
  it("are empty by default, and show where the conversation waits when the worker keeps them", async () => {
    const versionId = await harness.publish(echoFlow);
    // The harness's worker has the default: no frames recorded, the turn runs the same.
    const quiet = await converse(harness.taskQueue, versionId);
    expect(await quiet.query<string>("__stack_trace")).not.toMatch(/\bat\b/);

    const taskQueue = uniqueTaskQueue("stack-traces-on");
    const worker = await createConversationWorker({ connection: harness.env.nativeConnection, taskQueue, db: harness.database.db, workflowStackTraces: true });
    stopping.push({ worker, running: worker.run() });
    const traced = await converse(taskQueue, versionId);
    expect(await traced.query<string>("__stack_trace")).toMatch(/at wake \(.*idle\.ts/);
  });
});
