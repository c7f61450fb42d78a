import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@temporalio/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import type { ApiServices } from "@parley/api";
import { createConversationWorker } from "@parley/worker";
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from "@parley/workflows/codec";
import { createApiServer, createCodecRoute, temporalClient } from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { signIn, testClient, testServices } from "../../../test/support/api";
import { CLEAR_BY_DESIGN, rawHistory, scanHistory, utf8, type FoundPayload } from "../../../test/support/history";

/**
 * Conversation data in Temporal is ciphertext: the API's Client and the worker both run the
 * AES-GCM payload codec, the conversation works end to end through the API, and the history
 * Temporal keeps holds neither the customer's words nor the bot's replies. The codec endpoint
 * opens that history's payloads for people who see every conversation (by their session, as the
 * Temporal UI sends it with "include cross-origin credentials") and for whoever holds its token.
 */
const TOKEN = randomBytes(24).toString("hex");
const UI_ORIGIN = "http://localhost:8233";
const codec = new AesGcmPayloadCodec([{ id: "test-2026", key: randomBytes(32) }]);

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let temporal: Client;
let services: ApiServices;
let server: ReturnType<typeof createApiServer>;
let baseUrl: string;
let api: ReturnType<typeof testClient>;
/** The customer's name, encrypted, in the accepted update's arguments: the codec endpoint's test material. */
let foundPayload: FoundPayload | undefined;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("encryption-test");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db, payloadCodec: codec });
  running = worker.run();
  temporal = temporalClient({ connection: env.connection, namespace: env.namespace ?? "default", payloadCodec: codec });
  services = testServices(database, temporal, taskQueue);
  server = createApiServer({
    services,
    standaloneRoutes: [createCodecRoute({ codec, services, token: TOKEN, corsOrigins: [UI_ORIGIN] })],
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api = testClient(baseUrl);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

async function codecCall(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-namespace": "default", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { payloads?: { metadata?: Record<string, string>; data?: string }[]; error?: string } };
}

describe("conversation data in Temporal is encrypted", () => {
  const name = `Ada-${randomUUID().slice(0, 8)}`;
  const topic = `My invoice ${randomUUID()} is wrong`;
  let conversationId: string;

  it("runs a conversation through the API with the codec on both sides", async () => {
    const started = await api.conversations.start.mutate({ flowId: database.seed.flowId, contact: { name: "Grace", email: "grace@example.com" } });
    conversationId = started.conversationId;
    expect(started.replies.map((reply) => reply.text)).toEqual(["Hi! I'm Parley, the support assistant.", "What's your name?"]);
    const first = await api.conversations.send.mutate({ conversationId, text: name });
    expect(first.replies.map((reply) => reply.text)).toEqual([`Thanks ${name}. What can I help you with today?`]);
    const second = await api.conversations.send.mutate({ conversationId, text: topic });
    expect(second.status).toBe("resolved");
    expect(second.replies[0]?.text).toContain(topic);
    // Results and queries come back decrypted through the API's Client.
    const result = await temporal.workflow.getHandle(conversationId).result();
    expect(result).toMatchObject({ status: "resolved", variables: { name, topic } });
  });

  it("leaves no customer message and no bot reply in plain text in the history", async () => {
    const events = await rawHistory(env.client, conversationId);
    const { payloads, blobs } = scanHistory(events);
    // Workflow input (the compiled flow with it), update arguments and results (with the turns
    // the API stores), activity inputs and results, the result: eight of them for this
    // conversation, each encrypted.
    const encrypted = payloads.filter((payload) => utf8(payload.metadata.encoding) === ENCRYPTED_ENCODING);
    expect(encrypted.length).toBeGreaterThanOrEqual(8);
    expect(payloads.filter((payload) => !encrypted.includes(payload)).map((payload) => payload.path).filter((path) => !CLEAR_BY_DESIGN.test(path))).toEqual([]);
    for (const payload of encrypted) expect(utf8(payload.metadata[KEY_ID_METADATA])).toBe("test-2026");
    for (const secret of [name, topic, "What can I help you with today?", "support assistant"]) {
      expect(blobs.filter((blob) => blob.includes(secret)).length, secret).toBe(0);
    }
    // The customer's name, encrypted, in the accepted update's arguments: the codec endpoint's test material.
    foundPayload = encrypted.find((payload) => payload.path.includes("workflowExecutionUpdateAcceptedEventAttributes"));
    expect(foundPayload).toBeDefined();
  });

  it("opens a payload of that history at the codec endpoint, for the token's holder only", async () => {
    const body = encryptedBody();
    const decoded = await codecCall("/codec/decode", body, { authorization: `Bearer ${TOKEN}` });
    expect(decoded.status).toBe(200);
    const plain = decoded.body.payloads![0]!;
    expect(Buffer.from(plain.metadata!.encoding!, "base64").toString()).toBe("json/plain");
    const opened = Buffer.from(plain.data!, "base64").toString();
    expect([name, topic].some((secret) => opened.includes(secret))).toBe(true);
    // The Temporal UI cannot send a static header: the token in the endpoint's path works too.
    expect((await codecCall(`/codec/${TOKEN}/decode`, body)).status).toBe(200);
    // And encode answers ciphertext the codec reads back.
    const encoded = await codecCall("/codec/encode", decoded.body, { authorization: `Bearer ${TOKEN}` });
    expect(Buffer.from(encoded.body.payloads![0]!.metadata!.encoding!, "base64").toString()).toBe(ENCRYPTED_ENCODING);

    const wrongHeaders: Record<string, string>[] = [{}, { authorization: "Bearer wrong-token-wrong-token-wrong" }, { authorization: TOKEN }];
    for (const headers of wrongHeaders) {
      const refused = await codecCall("/codec/decode", body, headers);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(JSON.stringify(refused.body)).not.toContain(name);
    }
    expect((await codecCall("/codec/not-the-token/decode", body)).status).toBe(401);
    // Garbage is a 400, a payload under an unknown key a 422 that says so.
    expect((await codecCall("/codec/decode", { nope: true }, { authorization: `Bearer ${TOKEN}` })).status).toBe(400);
    const foreign = await new AesGcmPayloadCodec([{ id: "elsewhere", key: randomBytes(32) }]).encode([{ metadata: {}, data: new Uint8Array([1]) }]);
    const unknownKey = await codecCall(
      "/codec/decode",
      { payloads: foreign.map((item) => ({ metadata: Object.fromEntries(Object.entries(item.metadata!).map(([key, value]) => [key, Buffer.from(value).toString("base64")])), data: Buffer.from(item.data!).toString("base64") })) },
      { authorization: `Bearer ${TOKEN}` },
    );
    expect(unknownKey.status).toBe(422);
    expect(unknownKey.body.error).toMatch(/unknown key id "elsewhere"/);
  });

  it("answers the Temporal UI's preflight for its origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${baseUrl}/codec/decode`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-namespace" },
      });
    const allowed = await preflight(UI_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(UI_ORIGIN);
    expect(allowed.headers.get("access-control-allow-headers")).toContain("x-namespace");
    expect((await preflight("https://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("opens payloads for owners, admins and supervisors by their session, from the UI's origin", async () => {
    const body = encryptedBody();
    for (const email of ["admin@parley.dev", "supervisor@parley.dev"]) {
      const cookie = await signIn(baseUrl, email);
      const since = new Date();
      const decoded = await codecCall("/codec/decode", body, { cookie, origin: UI_ORIGIN });
      expect(decoded.status, email).toBe(200);
      expect(decoded.headers.get("access-control-allow-credentials")).toBe("true");
      expect(decoded.headers.get("access-control-allow-origin")).toBe(UI_ORIGIN);
      const opened = Buffer.from(decoded.body.payloads![0]!.data!, "base64").toString();
      expect([name, topic].some((secret) => opened.includes(secret))).toBe(true);
      // A person's decoding is a sensitive read: it is in the audit log.
      const audited = await database.db.auditEvent.findFirst({ where: { action: "payloads.decode", actorLabel: email, at: { gte: since } } });
      expect(audited?.details).toEqual({ payloads: 1 });
      // The CLI (no Origin) may use a session too.
      expect((await codecCall("/codec/decode", body, { cookie })).status).toBe(200);
    }
  });

  it("refuses agents and analysts (403), anonymous callers (401) and a session used from another page (403)", async () => {
    const body = encryptedBody();
    for (const email of ["agent@parley.dev", "analyst@parley.dev"]) {
      const refused = await codecCall("/codec/decode", body, { cookie: await signIn(baseUrl, email), origin: UI_ORIGIN });
      expect(refused.status, email).toBe(403);
      expect(JSON.stringify(refused.body)).not.toContain(name);
    }
    const anonymous = await codecCall("/codec/decode", body, { origin: UI_ORIGIN });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await codecCall("/codec/decode", body, { cookie: "parley.session_token=forged.forged" })).status).toBe(401);
    const owner = await signIn(baseUrl);
    const elsewhere = await codecCall("/codec/decode", body, { cookie: owner, origin: "https://evil.example" });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.headers.get("access-control-allow-origin")).toBeNull();
    expect(JSON.stringify(elsewhere.body)).not.toContain(name);
    // A wrong token is refused even next to a good session: a credential shown must be right.
    expect((await codecCall("/codec/decode", body, { cookie: owner, authorization: "Bearer wrong-token-wrong-token-wrong" })).status).toBe(401);
  });

  it("lets the Temporal UI's origin send credentials, and no other", async () => {
    const preflight = (origin: string) =>
      fetch(`${baseUrl}/codec/decode`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST" } });
    expect((await preflight(UI_ORIGIN)).headers.get("access-control-allow-credentials")).toBe("true");
    expect((await preflight("https://evil.example")).headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("is on without a token, for sessions only (a token shown is refused); `*` never lends the session", async () => {
    const open = createApiServer({
      services,
      standaloneRoutes: [createCodecRoute({ codec, services, token: undefined, corsOrigins: ["*"] })],
    });
    await new Promise<void>((resolve) => open.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(open.address() as AddressInfo).port}/codec/decode`;
      const post = (headers: Record<string, string>) =>
        fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(encryptedBody()) });
      expect((await post({ authorization: `Bearer ${TOKEN}` })).status).toBe(401);
      expect((await post({})).status).toBe(401);
      const cookie = await signIn(baseUrl, "supervisor@parley.dev");
      expect((await post({ cookie })).status).toBe(200);
      const fromAnyPage = await post({ cookie, origin: "https://evil.example" });
      expect(fromAnyPage.status).toBe(403);
      expect(fromAnyPage.headers.get("access-control-allow-credentials")).toBeNull();
    } finally {
      await new Promise((resolve) => open.close(resolve));
    }
  });
});

/** The encrypted payload the history test found, as the codec protocol carries it. */
function encryptedBody() {
  const payload = foundPayload!;
  return {
    payloads: [{ metadata: Object.fromEntries(Object.entries(payload.metadata).map(([key, value]) => [key, Buffer.from(value).toString("base64")])), data: Buffer.from(payload.data).toString("base64") }],
  };
}
