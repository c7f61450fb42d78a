/**
 * Routing under chaos: conversations hand off to one team while agents accept every offer they
 * see, and the worker is killed (SIGKILL) and restarted 4 times and the Temporal server once.
 * Every conversation must end up assigned to exactly one agent, within capacity: no waiting
 * conversation lost, none assigned twice (checked in the database). Prints recovery figures.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { Connection } from "@temporalio/client";
import { appRouter, createCallerFactory, signalAgentAvailability } from "@parley/api";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { CONVERSATION_WORKFLOW_TASK_TIMEOUT } from "@parley/workflows";
import { testServices } from "../support/api";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TemporalServerProcess, startWorkerProcess, stopProcess } from "../support/processes";
import { testPayloadKeys } from "../support/payload-keys";
import { uniqueTaskQueue } from "../support/temporal";

const HANDOFFS = 30;
const AGENTS = 5;
const CAPACITY = 6;
const WORKER_KILLS = 4;
/** After this kill the Temporal server is restarted too. */
const SERVER_RESTART_AFTER = 2;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-routing-chaos-"));
let temporal: TemporalServerProcess | undefined;
let database: TestDatabase | undefined;
let worker: ChildProcess | undefined;
let connection: Connection | undefined;

afterAll(async () => {
  if (worker) await stopProcess(worker, "SIGKILL");
  await connection?.close();
  await temporal?.stop("SIGKILL");
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("chaos: worker kills and a Temporal restart while routing", () => {
  it("assigns every handed-off conversation to exactly one agent", { timeout: 900_000 }, async () => {
    temporal = await TemporalServerProcess.start(dir);
    database = await createTestDatabase();
    const { db, seed } = database;
    const taskQueue = uniqueTaskQueue("routing-chaos");
    const payloadKeys = testPayloadKeys();
    const workerEnv = { ...payloadKeys.env, DATABASE_URL: database.url, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: taskQueue };
    worker = await startWorkerProcess(workerEnv);
    connection = await Connection.connect({ address: temporal.address });
    const client = payloadKeys.client(connection);
    const services = testServices(database, client, taskQueue);

    const team = await db.team.create({ data: { workspaceId: seed.workspaceId, name: "Chaos routing", offerTimeoutSeconds: 20 } });
    const agents: string[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const user = await db.user.create({ data: { email: `chaos-agent-${i}@parley.dev`, name: `Chaos agent ${i}`, emailVerified: true } });
      const member = await db.member.create({ data: { workspaceId: seed.workspaceId, userId: user.id, role: "agent", presence: "online", presenceAt: new Date(), chatCapacity: CAPACITY } });
      await db.teamMember.create({ data: { teamId: team.id, memberId: member.id } });
      agents.push(user.id);
    }
    const createCaller = createCallerFactory(appRouter);
    const as = (userId: string) =>
      createCaller({
        ...services,
        request: { headers: new Headers(), method: "POST", ip: "127.0.0.1" },
        caller: { kind: "user", userId, name: "Chaos agent", email: "chaos@parley.dev", workspaceId: seed.workspaceId, role: "agent", sessionId: "chaos" },
      });

    const graph: FlowGraph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
        { id: "human", kind: "handoff", position: { x: 0, y: 150 }, config: { message: "", team: team.name } },
        { id: "end", kind: "end", position: { x: 0, y: 300 }, config: { status: "resolved" } },
      ],
      edges: [
        { id: "e1", source: "start", sourcePort: "next", target: "human" },
        { id: "e2", source: "human", sourcePort: "resolved", target: "end" },
        { id: "e3", source: "human", sourcePort: "returned", target: "end" },
      ],
    };
    const flow = await db.flow.create({
      data: { workspaceId: seed.workspaceId, name: "Routing chaos", versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(graph), published: true } } },
      include: { versions: true },
    });
    const flowVersionId = flow.versions[0]!.id;

    /** Hands one conversation off (started directly on Temporal, as the API does), retrying through restarts. */
    async function handOff(): Promise<string> {
      const id: string = randomUUID();
      const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId } });
      await db.conversation.create({ data: { id, workflowId: id, workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId } });
      for (;;) {
        try {
          await client.workflow.start("conversation", { workflowId: id, taskQueue, args: [{ conversationId: id, flowVersionId }], workflowTaskTimeout: CONVERSATION_WORKFLOW_TASK_TIMEOUT });
          return id;
        } catch (err) {
          if ((err as { name?: string }).name === "WorkflowExecutionAlreadyStartedError") return id;
          await sleep(250);
        }
      }
    }

    let chaosOver = false;
    let acceptErrors = 0;
    /** The agents accept every offer they see, twice at once; the API refuses the second. */
    async function accepting(ids: Set<string>) {
      for (;;) {
        const assigned = await db.conversation.count({ where: { id: { in: [...ids] }, assigneeId: { not: null } } });
        if (chaosOver && assigned === HANDOFFS) return;
        const pending = await db.routingOffer.findMany({ where: { state: "pending" } });
        await Promise.all(
          pending.flatMap((offer) => [0, 1].map(() => as(offer.agentId).routing.accept({ offerId: offer.id }).catch(() => acceptErrors++))),
        );
        // A presence signal lost in a restart is made good by the queue's rescan; this nudges it sooner.
        if (pending.length === 0) await Promise.all(agents.map((userId) => signalAgentAvailability(services, { workspaceId: seed.workspaceId, userId, available: true }).catch(() => undefined)));
        await sleep(200);
      }
    }

    const ids = new Set<string>();
    const recoveries: number[] = [];
    async function chaos() {
      for (let kill = 1; kill <= WORKER_KILLS; kill++) {
        for (let i = 0; i < Math.floor(HANDOFFS / WORKER_KILLS); i++) ids.add(await handOff());
        await sleep((kill * 613) % 1000);
        await stopProcess(worker!, "SIGKILL");
        if (kill === SERVER_RESTART_AFTER) {
          await temporal!.stop("SIGTERM");
          await temporal!.start();
        }
        const booting = Date.now();
        worker = await startWorkerProcess(workerEnv);
        recoveries.push(Date.now() - booting);
      }
      while (ids.size < HANDOFFS) ids.add(await handOff());
      chaosOver = true;
    }
    await Promise.all([chaos(), accepting(ids)]);

    const conversations = await db.conversation.findMany({ where: { id: { in: [...ids] } } });
    const accepted = await db.routingOffer.findMany({ where: { conversationId: { in: [...ids] }, state: "accepted" } });
    const perAgent = agents.map((agent) => conversations.filter((c) => c.assigneeId === agent).length);
    console.log(
      `routing chaos: ${HANDOFFS} handoffs, ${AGENTS} agents × ${CAPACITY}, ${WORKER_KILLS} worker SIGKILLs, 1 Temporal restart; ` +
        `assigned ${conversations.filter((c) => c.assigneeId).length}, accepted offers ${accepted.length}, refused double accepts ${acceptErrors}; ` +
        `per agent ${perAgent.join("/")}; worker restarts ${recoveries.map((ms) => (ms / 1000).toFixed(1)).join(", ")} s`,
    );
    expect(conversations.every((c) => c.assigneeId !== null)).toBe(true);
    expect(accepted).toHaveLength(HANDOFFS);
    expect(new Set(accepted.map((offer) => offer.conversationId)).size).toBe(HANDOFFS);
    for (const offer of accepted) expect(conversations.find((c) => c.id === offer.conversationId)!.assigneeId).toBe(offer.agentId);
    expect(Math.max(...perAgent)).toBeLessThanOrEqual(CAPACITY);
  });
});
