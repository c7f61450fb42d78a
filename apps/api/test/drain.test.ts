// SIGTERM on the real API process (apps/api/src/main.ts, started with tsx like the worker crash
// test starts a worker): a request in flight completes, new connections are refused, exit 0.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { createConversationWorker } from "@parley/worker";
import { childEnv, repoRoot } from "../../../test/support/env";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { TEST_AUTH_SECRET } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { freePort } from "../../../test/support/processes";
import { testPayloadKeys } from "../../../test/support/payload-keys";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
// The API process encrypts Temporal payloads: the in-process worker holds the same key.
const payloadKeys = testPayloadKeys();
let running: Promise<void>;
const taskQueue = uniqueTaskQueue("drain");
let api: ChildProcess | null = null;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db, payloadCodec: payloadKeys.codec });
  running = worker.run();
}, 60_000);

afterAll(async () => {
  api?.kill("SIGKILL");
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

/** The API entry point as its own OS process; resolves once it listens. */
function startApiProcess(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "apps/api/src/main.ts")], {
    cwd: repoRoot,
    env: childEnv({
      ...payloadKeys.env,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
      API_DRAIN_GRACE_MS: "20000",
      PARLEY_AUTH_SECRET: TEST_AUTH_SECRET,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  api = child;
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      if (output.includes("api listening")) resolve({ child, output: () => output });
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`the API exited with ${code} before listening:\n${output}`)));
  });
}

function post(port: number, procedure: string, input: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method: "POST", path: `/trpc/${procedure}`, headers: { "content-type": "application/json" } }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body }));
    });
    request.on("error", reject);
    request.end(JSON.stringify(input));
  });
}

/** Whether a TCP connection to the port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("SIGTERM on the API process", () => {
  it("finishes the request in flight, refuses new connections, closes everything and exits 0", async () => {
    const port = await freePort();
    const { child, output } = await startApiProcess(port);
    const started = JSON.parse((await post(port, "conversations.start", { flowId: database.seed.flowId })).body) as { result: { data: { conversationId: string; token: string } } };
    const { conversationId, token } = started.result.data;

    // A customer's message whose body is still arriving when the signal comes: the request is in flight.
    const body = JSON.stringify({ conversationId, text: "Ada" });
    let answered!: (answer: { status: number; body: string }) => void;
    const inFlight = new Promise<{ status: number; body: string }>((resolve) => (answered = resolve));
    const request = http.request(
      { host: "127.0.0.1", port, method: "POST", path: "/trpc/conversations.send", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-parley-conversation-token": token } },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk));
        response.on("end", () => answered({ status: response.statusCode!, body: text }));
      },
    );
    request.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    for (let attempt = 0; (await accepts(port)) && attempt < 100; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await accepts(port)).toBe(false);
    expect(child.exitCode).toBeNull();

    request.end(body.slice(10));
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ result: { data: { replies: [{ text: "Thanks Ada. What can I help you with today?" }] } } });
    expect(await exited).toBe(0);
    expect(output()).toMatch(/SIGTERM: draining[\s\S]*drained/);
    const messages = await database.db.message.findMany({ where: { conversationId, author: "contact" } });
    expect(messages.map((message) => message.text)).toEqual(["Ada"]);
  }, 90_000);
});
