// Records the scenarios' workflow histories into test/histories/*.json with the current
// workflow code. Run after an intended, patched workflow change:
//   npm run record-histories -w @parley/workflows [-- <scenario name>...]
// Keep the old fixtures too: replaying them proves the patch keeps old histories valid.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { WithStartWorkflowOperation } from "@temporalio/client";
import { historyToJSON } from "@temporalio/common/lib/proto-utils";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION, compileFlow, validateFlow } from "@parley/flow";
import { createConversationWorker } from "@parley/worker";
import { createPersistenceActivities } from "@parley/activities";
import type { WorkflowHandle } from "@temporalio/client";
import {
  agentMessageSignal,
  assignSignal,
  customerMessageUpdate,
  handBackSignal,
  openingUpdate,
  resolveSignal,
  setPrioritySignal,
  stateQuery,
  superviseSignal,
  type SupervisorAction,
  type conversation,
} from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { createTestDatabase } from "../../../test/support/database";
import { scenarios, type ScenarioStep } from "./scenarios";

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "histories");
const [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
const taskQueue = uniqueTaskQueue("record");
const worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
/** Stores a handed turn as the API does (handOver scenarios). */
const { recordTurn } = createPersistenceActivities({ db: database.db });

await worker.runUntil(async () => {
  // Only the named scenarios when names are given: existing fixtures stay as they were recorded.
  const only = process.argv.slice(2);
  for (const scenario of scenarios.filter((s) => only.length === 0 || only.includes(s.name))) {
    let flowVersionId = database.seed.publishedVersionId;
    if (scenario.graph) {
      const flow = await database.db.flow.create({
        data: {
          workspaceId: database.seed.workspaceId,
          name: scenario.name,
          versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(scenario.graph), published: true } },
        },
        include: { versions: true },
      });
      flowVersionId = flow.versions[0]!.id;
    }
    // Every scenario starts without workspace SLA policies; one that names a policy stores it.
    await database.db.slaPolicy.deleteMany({});
    if (scenario.workspaceSlaPolicy) {
      await database.db.slaPolicy.create({
        data: { workspaceId: database.seed.workspaceId, name: scenario.name, teams: [], priorities: [], channels: [], config: asJson(scenario.workspaceSlaPolicy) },
      });
    }
    const id = randomUUID();
    const contact = await database.db.contact.create({ data: { workspaceId: database.seed.workspaceId } });
    await database.db.conversation.create({
      data: { id, workflowId: id, workspaceId: database.seed.workspaceId, contactId: contact.id, flowVersionId },
    });
    const start = new WithStartWorkflowOperation<typeof conversation>("conversation", {
      workflowId: id,
      taskQueue,
      args: [
        {
          conversationId: id,
          flowVersionId,
          ...(scenario.frozenFlow ? { flow: await compiledVersion(flowVersionId) } : {}),
          variables: scenario.variables ?? {},
          continueAsNewAfterEvents: scenario.continueAsNewAfterEvents,
          ...(scenario.handOver ? { openingStoredBy: "caller" as const } : {}),
        },
      ],
      workflowIdConflictPolicy: "FAIL",
    });
    const opening = await env.client.workflow.executeUpdateWithStart(openingUpdate, { startWorkflowOperation: start });
    if (opening.toStore) await recordTurn(opening.toStore);
    const handle = await start.workflowHandle();
    const say = async (text: string, store: boolean) => {
      const turn = await handle.executeUpdate(customerMessageUpdate, { args: [{ text, ...(scenario.handOver ? { storedBy: "caller" as const } : {}) }] });
      if (store && turn.toStore) await recordTurn(turn.toStore);
    };
    for (const step of scenario.messages) {
      if (typeof step === "string") await say(step, true);
      else if ("unstored" in step) await say(step.unstored, false);
      else if ("pause" in step) await new Promise((resolve) => setTimeout(resolve, step.pause));
      else if ("supervisor" in step) await actAsSupervisor(handle, step, database.seed.supervisorId, database.seed.agentId);
      else await actAsAgent(handle, step, database.seed.agentId);
    }

    if (!scenario.continueAsNewAfterEvents && scenario.messages.length > 0) await handle.result();

    // Every run of the conversation, newest first, following each start event's link to the
    // run it continued from; fixtures are numbered oldest first.
    const runs = [];
    let runId: string | undefined = undefined;
    do {
      const history = await env.client.workflow.getHandle(id, runId).fetchHistory();
      runs.unshift(history);
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    } while (runId);
    runs.forEach((history, index) => {
      const file = path.join(outDir, `${scenario.name}${runs.length > 1 ? `.run${index + 1}` : ""}.json`);
      fs.writeFileSync(file, historyToJSON(history) + "\n");
      console.log(`recorded ${path.basename(file)} (${history.events?.length ?? 0} events)`);
    });
  }
});


await env.teardown();
await database.close();

/** The version compiled as the API compiles it for a start. */
async function compiledVersion(flowVersionId: string) {
  const version = await database.db.flowVersion.findUniqueOrThrow({ where: { id: flowVersionId }, select: { graph: true } });
  return compileFlow(validateFlow(version.graph).graph!);
}

/** Sends an agent's action and waits until the workflow has taken it in and is idle again. */
async function actAsAgent(handle: WorkflowHandle, step: Extract<ScenarioStep, { agent: string }>, agentId: string): Promise<void> {
  const before = JSON.stringify(await handle.query(stateQuery));
  if (step.agent === "assign") await handle.signal(assignSignal, { agentId });
  else if (step.agent === "reply") await handle.signal(agentMessageSignal, { agentId, text: step.text });
  else if (step.agent === "resolve") await handle.signal(resolveSignal, { agentId });
  else if (step.agent === "transfer") await handle.signal(assignSignal, { agentId: null, team: step.team });
  else if (step.agent === "priority") await handle.signal(setPrioritySignal, { priority: step.priority });
  else await handle.signal(handBackSignal, { agentId });
  for (;;) {
    const state = await handle.query(stateQuery);
    if (JSON.stringify(state) !== before && (state.phase === "waiting" || state.phase === "ended")) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Sends a supervisor's action and waits until a workflow task has completed after it (a whisper
 * changes no state the query shows, so the history is what says it was taken in).
 */
async function actAsSupervisor(handle: WorkflowHandle, step: Extract<ScenarioStep, { supervisor: string }>, supervisorId: string, agentId: string): Promise<void> {
  const action: SupervisorAction =
    step.supervisor === "whisper"
      ? { action: "whisper", supervisorId, agentId, noteId: "recorded-whisper" }
      : step.supervisor === "bargeIn"
        ? { action: "bargeIn", supervisorId, text: step.text }
        : { action: "takeOver", supervisorId, note: "Taken over by Sue Supervisor" };
  await handle.signal(superviseSignal, action);
  for (;;) {
    const events = (await handle.fetchHistory()).events ?? [];
    const signalled = events.findLastIndex((event) => event.workflowExecutionSignaledEventAttributes?.signalName === "supervise");
    const state = await handle.query(stateQuery);
    if (events.slice(signalled + 1).some((event) => event.workflowTaskCompletedEventAttributes) && state.phase === "waiting") return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
