import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { Client } from "@temporalio/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { asJson, createSecretBox } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { AesGcmPayloadCodec } from "@parley/workflows/codec";
import { createConversationWorker } from "@parley/worker";
import type { AnyCustomActivity } from "@parley/activities/custom";
import { appRouter, createCallerFactory, type ApiServices, type Role } from "../../src";
import { asPerson, testServices } from "../../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/database";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../../test/support/temporal";

const createCaller = createCallerFactory(appRouter);

/**
 * The whole server side for one test file, as production runs it: a real Temporal dev server, a
 * fresh database, the conversation worker (payloads encrypted, the secrets key, loopback calls
 * allowed for a local "API") and the API's services with the same keys. Registers its own hooks.
 */
export function serverStack(prefix: string, options: { customActivities?: readonly AnyCustomActivity[] } = {}) {
  const taskQueue = uniqueTaskQueue(prefix);
  const codec = new AesGcmPayloadCodec([{ id: "test", key: randomBytes(32) }]);
  const secretsKey = randomBytes(32);
  let env: TestWorkflowEnvironment | undefined;
  let database: TestDatabase | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let client: Client | undefined;
  let services: ApiServices | undefined;

  beforeAll(async () => {
    [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
    worker = await createConversationWorker({
      connection: env.nativeConnection,
      taskQueue,
      db: database.db,
      payloadCodec: codec,
      activityDeps: {
        httpAllowedNetworks: ["127.0.0.1/32"],
        secretBox: createSecretBox(secretsKey),
        ...(options.customActivities ? { customActivities: options.customActivities } : {}),
      },
    });
    running = worker.run();
    client = new Client({ connection: env.connection, namespace: "default", dataConverter: { payloadCodecs: [codec] } });
    services = { ...testServices(database, client, taskQueue), secretBox: createSecretBox(secretsKey) };
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.close();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("serverStack: used before its beforeAll ran");
    return value;
  };

  const stack = {
    taskQueue,
    codec,
    get env() {
      return ready(env);
    },
    get database() {
      return ready(database);
    },
    /** The API's Temporal client (same payload codec as the worker). */
    get client() {
      return ready(client);
    },
    /** The API as a seeded person of the demo workspace. */
    as(role: Role = "owner") {
      return createCaller(asPerson(ready(services), ready(database), role));
    },
    /** Stores `graph` as a published flow of the demo workspace; its id. */
    async publish(graph: FlowGraph, name = `${prefix} ${randomBytes(4).toString("hex")}`): Promise<{ flowId: string; versionId: string }> {
      const { db, seed } = stack.database;
      const flow = await db.flow.create({
        data: { workspaceId: seed.workspaceId, name, versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(graph), published: true } } },
        include: { versions: true },
      });
      return { flowId: flow.id, versionId: flow.versions[0]!.id };
    },
  };
  return stack;
}

/** A flow graph from nodes in a line (each node's `port` leads to the next). */
export function line(nodes: { id: string; kind: string; config: Record<string, unknown>; port?: string; ports?: string[] }[]): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: nodes.map((node, index) => ({ id: node.id, kind: node.kind, position: { x: 0, y: index * 120 }, config: node.config })) as FlowGraph["nodes"],
    edges: nodes.slice(0, -1).flatMap((node, index) =>
      (node.ports ?? [node.port ?? "next"]).map((port) => ({ id: `${node.id}-${port}`, source: node.id, sourcePort: port, target: nodes[index + 1]!.id })),
    ),
  };
}
