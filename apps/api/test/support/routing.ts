import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { WorkflowNotFoundError, type Client } from "@temporalio/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { appRouter, createCallerFactory, signalAgentAvailability, type ApiServices } from "@parley/api";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { createConversationWorker } from "@parley/worker";
import { CONVERSATION_WORKFLOW_TASK_TIMEOUT, teamQueueStateQuery, teamQueueWorkflowId, type Priority, type conversation } from "@parley/workflows";
import { testServices } from "../../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/database";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../../test/support/temporal";

const createCaller = createCallerFactory(appRouter);

/**
 * A Temporal dev server, a fresh database, a conversation worker and the API's services for a
 * routing test file, with helpers to make teams and agents and to hand conversations off.
 */
export function routingHarness() {
  const taskQueue = uniqueTaskQueue("routing");
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  let services: ApiServices;

  const startWorker = async () => {
    worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
    running = worker.run();
  };

  beforeAll(async () => {
    [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
    services = testServices(database, env.client, taskQueue);
    await startWorker();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.close();
  });

  const h = {
    get db() {
      return database.db;
    },
    get seed() {
      return database.seed;
    },
    get client(): Client {
      return env.client;
    },
    /** Stops the worker (as a crash would leave things: mid-routing) and starts a new one. */
    async restartWorker() {
      worker.shutdown();
      await running;
      await startWorker();
    },

    async team(distribution: "least_busy" | "round_robin" = "least_busy", offerTimeoutSeconds = 300) {
      const team = await database.db.team.create({ data: { workspaceId: database.seed.workspaceId, name: `Team ${randomUUID()}`, distribution, offerTimeoutSeconds } });
      // Before the first handoff the queue does not run yet: nobody waits.
      const queue = () =>
        env.client.workflow
          .getHandle(teamQueueWorkflowId(team.id))
          .query(teamQueueStateQuery)
          .catch((err: unknown) => {
            if (err instanceof WorkflowNotFoundError) return { waiting: [], cursor: null };
            throw err;
          });
      return { ...team, queue };
    },

    /** A new agent in `teamId` (online unless said otherwise) holding `skills`. */
    async agent(teamId: string, options: { skills?: string[]; chatCapacity?: number; online?: boolean; name?: string } = {}) {
      const { workspaceId } = database.seed;
      const name = options.name ?? `Agent ${randomUUID().slice(0, 8)}`;
      const user = await database.db.user.create({ data: { email: `${randomUUID()}@routing.test`, name, emailVerified: true } });
      const member = await database.db.member.create({
        data: { workspaceId, userId: user.id, role: "agent", presence: options.online === false ? "offline" : "online", presenceAt: new Date(), chatCapacity: options.chatCapacity ?? 3 },
      });
      await database.db.teamMember.create({ data: { teamId, memberId: member.id } });
      for (const skillName of options.skills ?? []) {
        const skill = await database.db.skill.upsert({ where: { workspaceId_name: { workspaceId, name: skillName } }, update: {}, create: { workspaceId, name: skillName } });
        await database.db.agentSkill.create({ data: { memberId: member.id, skillId: skill.id } });
      }
      return user.id;
    },

    /** Sets the agent's presence as the presence screen will, and tells their queues. */
    async setOnline(userId: string, online: boolean) {
      await database.db.member.updateMany({ where: { userId }, data: { presence: online ? "online" : "offline", presenceAt: new Date() } });
      await signalAgentAvailability(services, { workspaceId: database.seed.workspaceId, userId, available: online });
    },

    /** The API as the given agent, or person of another role (tRPC caller, the same procedures the inbox calls). */
    as(userId: string, role: "agent" | "supervisor" | "admin" = "agent") {
      const caller = { kind: "user" as const, userId, name: "Agent", email: "agent@routing.test", workspaceId: database.seed.workspaceId, role, sessionId: "routing-test" };
      return createCaller({ ...services, request: { headers: new Headers(), method: "POST", ip: "127.0.0.1" }, caller });
    },

    /** The API as the customer holding the conversation's token (what the web chat shows them). */
    asCustomer(conversationId: string) {
      const caller = { kind: "customer" as const, conversationId, workspaceId: database.seed.workspaceId };
      return createCaller({ ...services, request: { headers: new Headers(), method: "POST", ip: "127.0.0.1" }, caller });
    },

    /** A published flow that hands off to `team` at once and ends when resolved; handed back, it hands off `again` (or ends). */
    async handoffFlow(team: string, options: { skills?: string; priority?: Priority; again?: boolean } = {}) {
      const graph: FlowGraph = {
        schemaVersion: FLOW_SCHEMA_VERSION,
        nodes: [
          { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
          { id: "human", kind: "handoff", position: { x: 0, y: 150 }, config: { message: "", team, skills: options.skills ?? "", priority: options.priority ?? "normal" } },
          { id: "again", kind: "handoff", position: { x: 300, y: 150 }, config: { message: "", team, skills: options.skills ?? "", priority: options.priority ?? "normal" } },
          { id: "end", kind: "end", position: { x: 0, y: 300 }, config: { status: "resolved" } },
        ],
        edges: [
          { id: "e1", source: "start", sourcePort: "next", target: "human" },
          { id: "e2", source: "human", sourcePort: "resolved", target: "end" },
          { id: "e3", source: "human", sourcePort: "returned", target: options.again ? "again" : "end" },
          { id: "e4", source: "again", sourcePort: "resolved", target: "end" },
          { id: "e5", source: "again", sourcePort: "returned", target: "end" },
        ],
      };
      const flow = await database.db.flow.create({
        data: {
          workspaceId: database.seed.workspaceId,
          name: `Routing ${randomUUID()}`,
          versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(graph), published: true } },
        },
        include: { versions: true },
      });
      return flow.versions[0]!.id;
    },

    /** Creates the conversation's rows and starts its workflow: it hands off at once. */
    async handOff(flowVersionId: string) {
      const { workspaceId } = database.seed;
      const id: string = randomUUID();
      const contact = await database.db.contact.create({ data: { workspaceId } });
      await database.db.conversation.create({ data: { id, workflowId: id, workspaceId, contactId: contact.id, flowVersionId } });
      await env.client.workflow.start<typeof conversation>("conversation", {
        workflowId: id,
        taskQueue,
        args: [{ conversationId: id, flowVersionId }],
        workflowTaskTimeout: CONVERSATION_WORKFLOW_TASK_TIMEOUT,
      });
      return id;
    },

    offers: (where: { conversationId?: string; agentId?: string; state?: "pending" | "accepted" | "declined" | "expired" | "withdrawn" }) =>
      database.db.routingOffer.findMany({ where, orderBy: { createdAt: "asc" } }),

    notes: async (conversationId: string) =>
      (await database.db.message.findMany({ where: { conversationId, author: "system" }, orderBy: { seq: "asc" } })).map((message) => message.text),
  };
  return h;
}

/** Signals and offers are asynchronous: polls until `ok` holds (never a timed assertion: it fails only if it never holds). */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, attempts = 400): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < attempts && !ok(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  if (!ok(value)) throw new Error(`condition not reached; last value: ${JSON.stringify(value).slice(0, 500)}`);
  return value;
}
