// The voice gateway's caps over real WebSockets on a real HTTP server, with a real SQLite
// database holding the conversations the gateway looks up. No call here says `hello`, so no audio
// pipeline runs: what is tested is what a socket may cost before and around a call.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { ApiServices } from "@parley/api";
import { createSpeechProviders, createVoicePipeline } from "@parley/voice";
import { attachVoiceGateway, createRateLimiter, parseTrustProxy, type RateLimiter, type VoiceGateway, type VoiceLimits } from "../src";
import { cookieHeader, testServices, TEST_APP_ORIGIN } from "../../../test/support/api";
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from "../../../test/support/database";
import { CallClient } from "./support/call-client";
import { clientFrame, upgradeWithFrames } from "./support/raw-websocket";

let database: TestDatabase;
let services: ApiServices;
/** Each conversation's token, as its caller's browser keeps it. */
const tokens = new Map<string, string>();
/** What a supervisor's browser sends when it opens a listen-in (the owner's session here). */
let listenHeaders: Record<string, string>;
const callUrl = (base: string, id: string) => `${base}/voice/calls/${id}?token=${tokens.get(id) ?? ""}`;
const stacks: { server: Server; gateway: VoiceGateway }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  // The gateway only reads the conversation row; Temporal is never reached in these tests.
  services = testServices(database, null as never, "unused");
  const signedIn = await services.auth.api.signInEmail({ body: { email: "admin@parley.dev", password: TEST_PASSWORD }, asResponse: true });
  listenHeaders = { cookie: cookieHeader(signedIn), origin: TEST_APP_ORIGIN };
});

afterAll(async () => {
  for (const { server, gateway } of stacks) {
    gateway.close();
    await new Promise((resolve) => server.close(resolve));
  }
  await database?.close();
});

async function gatewayWith(
  limits: Partial<VoiceLimits>,
  gatewayServices = services,
  rateLimiter?: RateLimiter,
  corsOrigins?: string[],
): Promise<{ base: string; port: number; gateway: VoiceGateway; server: Server }> {
  const speech = createSpeechProviders({});
  const server = createServer();
  const gateway = attachVoiceGateway(server, {
    services: gatewayServices,
    engines: { createPipeline: (options) => createVoicePipeline(options), stt: speech.stt, tts: speech.tts },
    limits,
    ...(rateLimiter ? { rateLimiter } : {}),
    ...(corsOrigins ? { corsOrigins } : {}),
  });
  stacks.push({ server, gateway });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { base: `ws://127.0.0.1:${port}`, port, gateway, server };
}

/** An open voice conversation, as conversations.start would leave it. */
async function voiceConversation(): Promise<string> {
  const contact = await database.db.contact.create({ data: { workspaceId: database.seed.workspaceId } });
  const id = `voice-${randomBytes(6).toString("hex")}`;
  await database.db.conversation.create({
    data: { id, workspaceId: database.seed.workspaceId, contactId: contact.id, flowVersionId: database.seed.publishedVersionId, channel: "voice", workflowId: id },
  });
  tokens.set(id, (await services.tokens.issue({ conversationId: id, workspaceId: database.seed.workspaceId })).token);
  return id;
}

/** An open conversation of a web widget that offers calls, on pages of `allowedOrigins`. */
async function widgetConversation(allowedOrigins: string[]): Promise<string> {
  const channel = await database.db.workspaceChannel.create({
    data: { workspaceId: database.seed.workspaceId, kind: "web_widget", name: "Shop chat", publicId: `w_${randomBytes(8).toString("hex")}`, allowedOrigins, config: { voice: true } },
  });
  const id = await voiceConversation();
  await database.db.conversation.update({ where: { id }, data: { channel: "web", workspaceChannelId: channel.id } });
  return id;
}

describe("voice gateway caps", () => {
  it("a widget's page outside the API's origin list may call only where its channel allows that origin", async () => {
    const { base, gateway } = await gatewayWith({}, services, undefined, [TEST_APP_ORIGIN]);
    const id = await widgetConversation(["https://shop.example"]);
    const shop = new CallClient(callUrl(base, id), { origin: "https://shop.example" });
    await shop.opened();
    await expect.poll(() => gateway.activeCalls()).toBe(1);
    expect(shop.closed).toBeNull();
    shop.close();

    const elsewhere = new CallClient(callUrl(base, await widgetConversation(["https://shop.example"])), { origin: "https://evil.example" });
    expect(await elsewhere.next("error")).toMatchObject({ code: "forbidden", message: expect.stringMatching(/allowed origins/) });
    expect((await elsewhere.waitClosed()).code).toBe(4403);
    // A voice channel's conversation has no widget origins: only the API's list lets a page call.
    const voice = new CallClient(callUrl(base, await voiceConversation()), { origin: "https://shop.example" });
    expect((await voice.waitClosed()).code).toBe(4403);
    // A listen-in is the inbox's: a page the list does not name is refused before the upgrade.
    const listen = new WebSocket(`${base}/voice/calls/${id}/listen`, { headers: { ...listenHeaders, origin: "https://shop.example" } });
    const status = await new Promise<number | undefined>((resolve, reject) => {
      listen.on("unexpected-response", (_req, res) => resolve(res.statusCode));
      listen.on("open", () => reject(new Error("a listen-in opened from a page the API does not allow")));
      listen.on("error", () => undefined);
    });
    expect(status).toBe(403);
  });

  it("a burst of callers cannot take more than maxCalls: the slot is reserved before the lookup", async () => {
    // Conversation lookups held until all six sockets are open, so they overlap as they do under
    // load (embedded SQLite answers too fast for a loopback burst to overlap on its own).
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const gatedDb = database.db.$extends({
      query: {
        conversation: {
          async findFirst({ args, query }) {
            await released;
            return query(args);
          },
        },
      },
    }) as unknown as ApiServices["db"];
    const { base, gateway } = await gatewayWith({ maxCalls: 2 }, { ...services, db: gatedDb });
    const ids = await Promise.all(Array.from({ length: 6 }, () => voiceConversation()));
    const callers = ids.map((id) => new CallClient(callUrl(base, id)));
    await Promise.all(callers.map((caller) => caller.opened()));
    release();
    // Whichever order the upgrades land in, exactly two calls are taken and four refused.
    const outcomes = await Promise.all(
      callers.map((caller) =>
        Promise.race([caller.waitClosed(5_000).then((closed) => closed.code), new Promise<"open">((resolve) => setTimeout(() => resolve("open"), 1500))]),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 1013)).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome === "open")).toHaveLength(2);
    expect(gateway.activeCalls()).toBe(2);
    expect(gateway.counters.callsRefused).toBe(4);
    for (const caller of callers) caller.close();
  });

  it("caps listeners per call and in total", async () => {
    const { base } = await gatewayWith({ maxListenersPerCall: 1, maxListeners: 2 });
    const [a, b, c] = await Promise.all([voiceConversation(), voiceConversation(), voiceConversation()]);
    const first = new CallClient(`${base}/voice/calls/${a}/listen`, listenHeaders);
    await first.opened();
    const second = new CallClient(`${base}/voice/calls/${a}/listen`, listenHeaders);
    expect(await second.next("error")).toMatchObject({ code: "overloaded", message: expect.stringMatching(/this call has 1 listeners/) });
    expect((await second.waitClosed()).code).toBe(1013);
    const other = new CallClient(`${base}/voice/calls/${b}/listen`, listenHeaders);
    await other.opened();
    // Give the server the moment it takes to register both listeners before the third asks.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = new CallClient(`${base}/voice/calls/${c}/listen`, listenHeaders);
    expect(await third.next("error")).toMatchObject({ code: "overloaded", message: expect.stringMatching(/2 listeners already/) });
    expect((await third.waitClosed()).code).toBe(1013);
    // A listener leaving frees its place.
    first.close();
    await first.waitClosed();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = new CallClient(`${base}/voice/calls/${a}/listen`, listenHeaders);
    await again.opened();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(again.closed).toBeNull();
    again.close();
    other.close();
  });

  it("too much audio before the call is ready closes the socket with 1009", async () => {
    const { port } = await gatewayWith({ maxEarlyBytes: 4096 });
    const id = await voiceConversation();
    const audio = clientFrame(0x2, Buffer.alloc(3000));
    expect(await upgradeWithFrames(port, `/voice/calls/${id}?token=${tokens.get(id)}`, [audio, audio])).toBe(1009);
    // Under the cap, the early audio is kept for the session (which refuses audio before hello, and goes on).
    const other = await voiceConversation();
    await expect(Promise.race([upgradeWithFrames(port, `/voice/calls/${other}?token=${tokens.get(other)}`, [audio]), new Promise((resolve) => setTimeout(() => resolve("still open"), 1000))])).resolves.toBe("still open");
  });

  it("a flood of control messages closes the call with 1008, an oversized one with 1009", async () => {
    const { base, gateway } = await gatewayWith({ maxTextFramesPerSecond: 5, maxTextFrameBytes: 1024 });
    const flooder = new CallClient(callUrl(base, await voiceConversation()));
    await flooder.opened();
    for (let i = 0; i < 20; i++) flooder.send({ type: "mute", muted: false });
    expect(await flooder.next("error", (m) => /control messages per second/.test(m.message))).toMatchObject({ code: "bad-message" });
    expect((await flooder.waitClosed()).code).toBe(1008);

    const big = new CallClient(callUrl(base, await voiceConversation()));
    await big.opened();
    big.send({ type: "mute", muted: false, padding: "x".repeat(2000) });
    expect(await big.next("error")).toMatchObject({ code: "bad-message", message: expect.stringMatching(/exceeds 1024/) });
    expect((await big.waitClosed()).code).toBe(1009);
    // The gateway itself is unaffected: the next caller gets a call.
    const fine = new CallClient(callUrl(base, await voiceConversation()));
    await fine.opened();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fine.closed).toBeNull();
    expect(gateway.activeCalls()).toBe(1);
    fine.close();
  });

  it("a peer that stops answering pings is dropped and frees its call slot; a live one stays", async () => {
    const { port, base, gateway } = await gatewayWith({ pingIntervalMs: 100, helloTimeoutMs: 60_000 });
    const live = new CallClient(callUrl(base, await voiceConversation()));
    await live.opened();
    // A hand-written peer never answers a ping: its network is gone as far as the server knows.
    const id = await voiceConversation();
    await expect(upgradeWithFrames(port, `/voice/calls/${id}?token=${tokens.get(id)}`, [])).rejects.toThrow(/closed without a close frame/);
    await expect.poll(() => gateway.activeCalls(), { timeout: 5_000, interval: 50 }).toBe(1);
    expect(live.closed).toBeNull();
    live.close();
  });

  it("opening a call or a listen-in socket draws on the client's read budget (429 past it)", async () => {
    const rateLimiter = await createRateLimiter({ budgets: { reads: 1, starts: 0, sends: 0, uploads: 0 }, trustProxy: parseTrustProxy("") });
    const { base } = await gatewayWith({}, services, rateLimiter);
    const caller = new CallClient(callUrl(base, await voiceConversation()));
    await caller.opened();
    const refused = new WebSocket(`${base}/voice/calls/${await voiceConversation()}/listen`);
    const response = await new Promise<{ status?: number; retryAfter?: string }>((resolve, reject) => {
      refused.on("unexpected-response", (_req, res) => resolve({ status: res.statusCode, retryAfter: res.headers["retry-after"] as string }));
      refused.on("open", () => reject(new Error("the socket over budget was opened")));
      refused.on("error", () => undefined);
    });
    expect(response.status).toBe(429);
    expect(Number(response.retryAfter)).toBeGreaterThan(0);
    caller.close();
  });

  it("drain: new calls are refused, live calls are told to call again (1012) after the grace period", async () => {
    const { base, gateway } = await gatewayWith({});
    const caller = new CallClient(callUrl(base, await voiceConversation()));
    await caller.opened();
    const listener = new CallClient(`${base}/voice/calls/${await voiceConversation()}/listen`, listenHeaders);
    await listener.opened();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(gateway.activeCalls()).toBe(1);
    const drained = gateway.drain(500);
    const late = new CallClient(callUrl(base, await voiceConversation()));
    await expect(late.opened()).rejects.toThrow(/503/);
    await drained;
    expect(await caller.next("error")).toMatchObject({ code: "overloaded", message: expect.stringMatching(/call again/) });
    expect((await caller.waitClosed()).code).toBe(1012);
    expect((await listener.waitClosed()).code).toBe(1001);
    expect(gateway.activeCalls()).toBe(0);
  });
});
