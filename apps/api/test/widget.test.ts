// The embeddable widget's HTTP side as a third-party page uses it: /widget.js and /widget/v1
// against a real Temporal dev server, worker and SQLite database. Unknown channels are 404,
// pages of origins the channel does not allow 403 (without CORS headers), tokens stay within
// their channel's workspace, bad input is a 4xx, never a 500; starts are rate limited.
import { execFileSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import type { ApiServices } from "@parley/api";
import { createConversationWorker } from "@parley/worker";
import { createApiServer, createRateLimiter, parseTrustProxy } from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { TEST_APP_ORIGIN, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { repoRoot } from "../../../test/support/env";

const SHOP = "https://shop.example.com";
const EVIL = "https://evil.example.net";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let services: ApiServices;
const servers: ReturnType<typeof createApiServer>[] = [];
let base: string;
let shopChannel: string;
let otherChannel: string;

async function listen(server: ReturnType<typeof createApiServer>): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function widgetChannel(workspaceId: string, flowId: string, publicId: string, allowedOrigins: string[]) {
  await database.db.workspaceChannel.create({
    data: { workspaceId, kind: "web_widget", name: publicId, flowId, publicId, allowedOrigins, config: { color: "#0F766E", preChatForm: true } },
  });
  return publicId;
}

beforeAll(async () => {
  // The bundle /widget.js serves (CI builds it before the tests; this keeps the file runnable alone).
  execFileSync("npm", ["run", "--silent", "build", "-w", "@parley/widget"], { cwd: repoRoot, stdio: "ignore" });
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("widget");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  services = testServices(database, env.client, taskQueue);
  base = await listen(createApiServer({ services, corsOrigins: [] }));
  const { workspaceId, flowId } = database.seed;
  shopChannel = await widgetChannel(workspaceId, flowId, "shop-widget-0001", [SHOP]);
  const other = await database.db.workspace.create({ data: { name: "Elsewhere", slug: "elsewhere-widget" } });
  const otherFlow = await database.db.flow.create({ data: { workspaceId: other.id, name: "Other" } });
  otherChannel = await widgetChannel(other.id, otherFlow.id, "other-widget-0001", ["*"]);
});

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

async function call(method: string, path: string, options: { origin?: string | null; token?: string; body?: unknown; raw?: string; at?: string } = {}) {
  const origin = options.origin === undefined ? SHOP : options.origin;
  const response = await fetch(`${options.at ?? base}${path}`, {
    method,
    headers: {
      ...(origin ? { origin } : {}),
      ...(options.token ? { "x-parley-conversation-token": options.token } : {}),
      ...(options.body !== undefined || options.raw !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  // Loosely typed on purpose: the assertions read whatever the server sent.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}

const channelPath = (channel: string) => `/widget/v1/channels/${channel}`;

describe("the widget's API", () => {
  it("serves the script with caching headers, revalidated by ETag", async () => {
    const response = await fetch(`${base}/widget.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toContain("max-age=300");
    expect((await response.text()).length).toBeGreaterThan(1000);
    const etag = response.headers.get("etag")!;
    expect((await fetch(`${base}/widget.js`, { headers: { "if-none-match": etag } })).status).toBe(304);
  });

  it("answers the channel's settings to its allowed origins (and the app's own), with CORS for them only", async () => {
    const settings = await call("GET", channelPath(shopChannel));
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ color: "#0f766e", preChatForm: true, online: true, position: "right" });
    expect(settings.body).not.toHaveProperty("businessHours");
    expect(settings.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect((await call("GET", channelPath(shopChannel), { origin: TEST_APP_ORIGIN })).status).toBe(200);

    const preflight = await call("OPTIONS", `${channelPath(shopChannel)}/conversations`);
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("x-parley-conversation-token");

    for (const origin of [EVIL, null]) {
      const refused = await call("GET", channelPath(shopChannel), { origin });
      expect(refused.status).toBe(403);
      expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    }
    expect((await call("OPTIONS", `${channelPath(shopChannel)}/conversations`, { origin: EVIL })).status).toBe(403);
    expect((await call("POST", `${channelPath(shopChannel)}/conversations`, { origin: EVIL, body: {} })).status).toBe(403);
  });

  it("says 404 for unknown or malformed channel ids and paths, never 500", async () => {
    for (const path of [channelPath("no-such-widget-1"), channelPath("x"), channelPath("%E0%A4%A"), `${channelPath("no-such-widget-1")}/conversations`, "/widget/v1/nothing"]) {
      const answer = await call(path.endsWith("conversations") ? "POST" : "GET", path, { body: path.endsWith("conversations") ? {} : undefined });
      expect([path, answer.status]).toEqual([path, 404]);
    }
  });

  it("opens a conversation with the pre-chat contact, talks with its token, resumes it, and refuses bad input with a 4xx", async () => {
    const started = await call("POST", `${channelPath(shopChannel)}/conversations`, { body: { contact: { name: "Ada Shopper", email: "ada@example.com" } } });
    expect(started.status).toBe(200);
    expect(started.body!.replies.length).toBeGreaterThan(0);
    const { conversationId, token } = started.body as { conversationId: string; token: string };
    const row = await database.db.conversation.findUniqueOrThrow({ where: { id: conversationId }, include: { contact: true } });
    const shop = await database.db.workspaceChannel.findUniqueOrThrow({ where: { publicId: shopChannel } });
    expect([row.channel, row.workspaceChannelId, row.workspaceId, row.contact.name, row.contact.email]).toEqual(["web", shop.id, database.seed.workspaceId, "Ada Shopper", "ada@example.com"]);

    const messages = `${channelPath(shopChannel)}/conversations/${conversationId}/messages`;
    const sent = await call("POST", messages, { token, body: { text: "Where is my order?", clientMessageId: "widget-test-1" } });
    expect(sent.status).toBe(200);
    expect(sent.body!.accepted.seq).toBeGreaterThan(0);
    const since = await call("GET", `${messages}?after=0`, { token });
    expect(since.status).toBe(200);
    expect(since.body!.messages.map((message: { text: string }) => message.text)).toContain("Where is my order?");
    const resumed = await call("POST", `${channelPath(shopChannel)}/conversations/${conversationId}/resume`, { token });
    expect(resumed.status).toBe(200);
    expect(resumed.body!.messages.length).toBe(since.body!.messages.length);
    expect(typeof resumed.body!.token).toBe("string");

    expect((await call("POST", messages, { body: { text: "no token" } })).status).toBe(401);
    expect((await call("POST", messages, { token: "forged", body: { text: "forged" } })).status).toBe(401);
    expect((await call("POST", messages, { token, origin: EVIL, body: { text: "from elsewhere" } })).status).toBe(403);
    // The token is good, but not for this channel's workspace.
    expect((await call("POST", `${channelPath(otherChannel)}/conversations/${conversationId}/messages`, { token, body: { text: "hop" } })).status).toBe(403);
    expect((await call("POST", messages, { token, raw: "{not json" })).status).toBe(400);
    expect((await call("POST", messages, { token, body: { text: "x".repeat(5000) } })).status).toBe(400);
    expect((await call("POST", messages, { token, body: { text: 42 } })).status).toBe(400);
    expect((await call("GET", `${messages}?after=soon`, { token })).status).toBe(400);
    expect((await call("POST", `${channelPath(shopChannel)}/conversations`, { body: { contact: { email: "not an email" } } })).status).toBe(400);
    expect((await call("PUT", `${channelPath(shopChannel)}/conversations`, { body: {} })).status).toBe(405);
    // The other workspace's flow has no published version: a clear 412, not a 500.
    expect((await call("POST", `${channelPath(otherChannel)}/conversations`, { body: {} })).status).toBe(412);
  });

  it("counts starts against the rate limit: 429 with Retry-After past the budget", async () => {
    const rateLimiter = await createRateLimiter({ budgets: { reads: 0, starts: 1, sends: 0, uploads: 0 }, trustProxy: parseTrustProxy("") });
    const at = await listen(createApiServer({ services, rateLimiter }));
    expect((await call("POST", `${channelPath(shopChannel)}/conversations`, { at, body: {} })).status).toBe(200);
    const limited = await call("POST", `${channelPath(shopChannel)}/conversations`, { at, body: {} });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("says it is offline outside the channel's business hours", async () => {
    const closed = { timeZone: "Europe/Paris", weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] };
    await database.db.workspaceChannel.create({
      data: { workspaceId: database.seed.workspaceId, kind: "web_widget", name: "closed", flowId: database.seed.flowId, publicId: "closed-widget-01", allowedOrigins: ["*"], config: { businessHours: closed } },
    });
    const settings = await call("GET", channelPath("closed-widget-01"));
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ online: false, offlineMessage: expect.stringContaining("We're away") });
  });

  it("stops answering once the channel is deleted", async () => {
    const gone = await widgetChannel(database.seed.workspaceId, database.seed.flowId, "doomed-widget-01", ["*"]);
    expect((await call("GET", channelPath(gone))).status).toBe(200);
    const opened = await call("POST", `${channelPath(gone)}/conversations`, { body: {} });
    expect(opened.status).toBe(200);
    await database.db.workspaceChannel.delete({ where: { publicId: gone } });
    expect((await call("GET", channelPath(gone))).status).toBe(404);
    // Its conversation stays, no longer linked to a channel.
    const kept = await database.db.conversation.findUniqueOrThrow({ where: { id: opened.body!.conversationId as string } });
    expect(kept.workspaceChannelId).toBeNull();
  });
});
