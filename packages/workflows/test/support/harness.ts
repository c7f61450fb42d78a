import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { Client, WithStartWorkflowOperation } from "@temporalio/client";
import type { PayloadCodec } from "@temporalio/common";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { createConversationWorker, type ConversationWorkerOptions } from "@parley/worker";
import { CONVERSATION_WORKFLOW_TASK_TIMEOUT, openingUpdate, type ConversationInput, type conversation } from "../../src";
import { sendCustomerMessage } from "../../src/client";
import { startTemporalDevServer, startTimeSkippingServer, uniqueTaskQueue } from "../../../../test/support/temporal";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/database";

export interface HarnessOptions {
  /** "time-skipping" for flows with timers (waits, timeouts, SLA clocks); "dev" otherwise. */
  server?: "dev" | "time-skipping";
  /** Prefix of the file's task queue and of the names of the flows it publishes. */
  taskQueuePrefix?: string;
  /** Passed through to createConversationWorker. */
  worker?: Omit<ConversationWorkerOptions, "connection" | "taskQueue" | "db" | "payloadCodec">;
  /** Encrypts Temporal payloads in both the worker and `harness.client`, as production does. */
  payloadCodec?: PayloadCodec;
}

/**
 * One Temporal server, one fresh database and one conversation worker for a test file.
 * Call it at the file's top level: it registers the beforeAll/afterAll hooks itself, and the
 * getters only work inside tests and hooks (after its beforeAll has run).
 */
export function conversationHarness(options: HarnessOptions = {}) {
  const prefix = options.taskQueuePrefix ?? "workflow-test";
  const taskQueue = uniqueTaskQueue(prefix);
  let env: TestWorkflowEnvironment | undefined;
  let database: TestDatabase | undefined;
  let worker: Worker | undefined;
  let client: Client | undefined;
  let running: Promise<void> | undefined;

  beforeAll(async () => {
    const server = options.server === "time-skipping" ? startTimeSkippingServer() : startTemporalDevServer();
    [env, database] = await Promise.all([server, createTestDatabase()]);
    worker = await createConversationWorker({ ...options.worker, payloadCodec: options.payloadCodec, connection: env.nativeConnection, taskQueue, db: database.db });
    client = options.payloadCodec
      ? new Client({ connection: env.connection, namespace: env.namespace ?? "default", dataConverter: { payloadCodecs: [options.payloadCodec] } })
      : env.client;
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.close();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("conversationHarness: used before its beforeAll ran");
    return value;
  };

  const harness = {
    get env() {
      return ready(env);
    },
    get database() {
      return ready(database);
    },
    /** The test's Temporal client (with the harness's payload codec, if any). */
    get client() {
      return ready(client);
    },
    taskQueue,

    /** Stores `graph` as a new flow with one published version. */
    async publishFlow(graph: FlowGraph, name = `${prefix} ${randomUUID()}`): Promise<{ flowId: string; versionId: string }> {
      const { db, seed } = harness.database;
      const flow = await db.flow.create({
        data: {
          workspaceId: seed.workspaceId,
          name,
          versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(graph), published: true } },
        },
        include: { versions: true },
      });
      return { flowId: flow.id, versionId: flow.versions[0]!.id };
    },

    /** As publishFlow; returns the published version's id. */
    async publish(graph: FlowGraph, name?: string): Promise<string> {
      return (await harness.publishFlow(graph, name)).versionId;
    },

    /**
     * Creates the rows a conversation needs (a contact, the conversation), as the API does, and
     * starts its workflow with update-with-start, so the opening replies come back at once.
     */
    async start(flowVersionId: string, input: Partial<ConversationInput> = {}) {
      const { db, seed } = harness.database;
      const id = randomUUID();
      const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId } });
      await db.conversation.create({
        data: { id, workflowId: id, workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId },
      });
      const operation = new WithStartWorkflowOperation<typeof conversation>("conversation", {
        workflowId: id,
        taskQueue,
        args: [{ conversationId: id, flowVersionId, ...input }],
        workflowIdConflictPolicy: "FAIL",
        workflowTaskTimeout: CONVERSATION_WORKFLOW_TASK_TIMEOUT,
      });
      const opening = await harness.client.workflow.executeUpdateWithStart(openingUpdate, { startWorkflowOperation: operation });
      const handle = await operation.workflowHandle();
      /** One customer message; resolves with the bot's turn. */
      const say = (text: string) => sendCustomerMessage(handle, { text });
      return { id, opening, handle, say };
    },

    /** Publishes `graph` and starts a conversation on it. */
    async run(graph: FlowGraph, input: Partial<ConversationInput> = {}) {
      return harness.start(await harness.publish(graph), input);
    },
  };
  return harness;
}

export type ConversationHarness = ReturnType<typeof conversationHarness>;
