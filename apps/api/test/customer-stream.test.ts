// The customer's side of live updates: their conversation pushed over server-sent events, on the
// widget's route (/widget/v1/.../stream) and as the tRPC subscription the web chat uses, against
// a real Temporal dev server, worker and SQLite database. Asserted: who may open a stream (the
// conversation's token only: no token, a bad one, another conversation's or a staff session are
// refused), what arrives (agents' replies, the rating request after resolving), and the catch-up after a dropped connection.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { createTRPCClient, httpSubscriptionLink, TRPCClientError } from "@trpc/client";
import { EventSource } from "eventsource";
import type { AppRouter } from "@parley/api";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../src";
import { SEEDED_ROLE_EMAIL, signIn, testClient, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { openCustomerStream } from "../../../test/support/live";

const SHOP = "https://shop.example.com";
const CHANNEL = "stream-widget-0001";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;
let baseUrl: string;
let ownerCookie: string;
let agentCookie: string;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("customer-stream");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  server = createApiServer({ services: testServices(database, env.client, taskQueue, { livePollMs: 50 }), corsOrigins: [] });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  [ownerCookie, agentCookie] = await Promise.all([signIn(baseUrl), signIn(baseUrl, SEEDED_ROLE_EMAIL.agent)]);
  const flow = await database.db.flow.findFirstOrThrow({ where: { workspaceId: database.seed.workspaceId, name: "Support with a human" } });
  await database.db.workspaceChannel.create({
    data: { workspaceId: database.seed.workspaceId, kind: "web_widget", name: "Stream shop", flowId: flow.id, publicId: CHANNEL, allowedOrigins: [SHOP], config: {} },
  });
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

const conversationsPath = `/widget/v1/channels/${CHANNEL}/conversations`;

async function widgetCall(path: string, body: unknown, token?: string) {
  const response = await fetch(`${baseUrl}${conversationsPath}${path}`, {
    method: "POST",
    headers: { origin: SHOP, "content-type": "application/json", ...(token ? { "x-parley-conversation-token": token } : {}) },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { conversationId: string; token: string };
}

/** A widget visitor whose billing question hands the conversation to Support, assigned to the seeded agent. */
async function handedOff(): Promise<{ conversationId: string; token: string }> {
  const started = await widgetCall("", { visitorId: crypto.randomUUID().replaceAll("-", "") });
  await widgetCall(`/${started.conversationId}/messages`, { text: "Billing question" }, started.token);
  const owner = testClient(baseUrl, { cookie: ownerCookie });
  await owner.conversations.assign.mutate({ conversationId: started.conversationId, agentId: database.seed.agentId, override: true });
  return started;
}

const agentReply = (conversationId: string, text: string) => testClient(baseUrl, { cookie: agentCookie }).conversations.reply.mutate({ conversationId, text });

const widgetStream = (conversationId: string, headers: Record<string, string>) =>
  openCustomerStream(`${baseUrl}${conversationsPath}/${conversationId}/stream`, { origin: SHOP, ...headers });

describe("the widget's stream", () => {
  it("is refused without the conversation's own token: none, a forged one, another conversation's, a staff session", async () => {
    const [mine, theirs] = await Promise.all([handedOff(), handedOff()]);
    const attempts = {
      none: {},
      forged: { "x-parley-conversation-token": `${mine.token.slice(0, -4)}AAAA` },
      another: { "x-parley-conversation-token": theirs.token },
      staff: { cookie: ownerCookie },
    };
    const outcomes = Object.fromEntries(
      await Promise.all(Object.entries(attempts).map(async ([name, headers]) => [name, (await widgetStream(mine.conversationId, headers).response).status] as const)),
    );
    expect(outcomes).toEqual({ none: 401, forged: 401, another: 403, staff: 401 });
    // A conversation id that does not exist (with a valid token of another): refused, not a 500.
    expect((await widgetStream("no-such-conversation", { "x-parley-conversation-token": mine.token }).response).status).toBe(403);
  });

  it("pushes an agent's reply and the rating request after resolving, and catches up after a dropped connection from the last seen message", async () => {
    const { conversationId, token } = await handedOff();
    const auth = { "x-parley-conversation-token": token };
    const first = widgetStream(conversationId, auth);
    expect((await first.response).status).toBe(200);
    // The first event comes at once: the transcript so far and the status.
    const [opening] = await first.until((events) => events.length >= 1);
    expect(opening!.status).toBe("handoff");
    expect(opening!.texts).toContain("Billing question");

    await agentReply(conversationId, "Hello from a person");
    const [, pushed] = await first.until((events) => events.length >= 2);
    expect(pushed!.texts).toEqual(["Hello from a person"]);
    first.stop();

    // While the customer is away, two replies; the reconnect names the last seq it saw.
    await agentReply(conversationId, "Are you still there?");
    await agentReply(conversationId, "I have refunded the charge.");
    // Both recorded (the workflow writes them) before the customer comes back: a pure catch-up.
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await database.db.message.count({ where: { conversationId, author: "agent" } })) === 3) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const again = widgetStream(conversationId, { ...auth, "last-event-id": String(pushed!.id) });
    const [caughtUp] = await again.until((events) => events.length >= 1);
    expect(caughtUp!.texts).toEqual(["Are you still there?", "I have refunded the charge."]);
    expect(caughtUp!.id).toBeGreaterThan(pushed!.id);

    await testClient(baseUrl, { cookie: agentCookie }).conversations.resolve.mutate({ conversationId });
    // Resolving hands the conversation back to the flow's rating question: pushed too.
    await again.until((events) => events.some((event) => event.texts.includes("How did we do today?")));
    again.stop();
  });
});

/** The web chat's client: subscriptions over server-sent events with the token header, no cookie. */
function customerClient(headers: Record<string, string>) {
  return createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${baseUrl}/trpc`,
        EventSource,
        eventSourceOptions: { fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }) },
      }),
    ],
  });
}

function subscribeStream(headers: Record<string, string>, conversationId: string) {
  const texts: string[] = [];
  const errors: unknown[] = [];
  const subscription = customerClient(headers).conversations.stream.subscribe(
    { conversationId },
    { onData: ({ data }) => texts.push(...data.messages.map((m) => m.text)), onError: (err) => errors.push(err) },
  );
  return {
    texts,
    errors,
    stop: () => subscription.unsubscribe(),
    async until(ok: () => boolean) {
      for (let attempt = 0; attempt < 300 && !ok(); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
      if (!ok()) throw new Error(`never matched; texts ${JSON.stringify(texts)}; errors ${String(errors)}`);
    },
  };
}

describe("conversations.stream (the web chat's subscription)", () => {
  it("delivers the customer's conversation to their token and refuses another conversation's token and a staff session", async () => {
    const [mine, theirs] = await Promise.all([handedOff(), handedOff()]);
    const customer = subscribeStream({ "x-parley-conversation-token": mine.token }, mine.conversationId);
    await customer.until(() => customer.texts.includes("Billing question"));
    await agentReply(mine.conversationId, "Streaming to the web chat");
    await customer.until(() => customer.texts.includes("Streaming to the web chat"));
    customer.stop();

    const foreign = subscribeStream({ "x-parley-conversation-token": theirs.token }, mine.conversationId);
    const staff = subscribeStream({ cookie: ownerCookie }, mine.conversationId);
    await foreign.until(() => foreign.errors.length > 0);
    await staff.until(() => staff.errors.length > 0);
    foreign.stop();
    staff.stop();
    expect(foreign.texts).toEqual([]);
    expect(staff.texts).toEqual([]);
    expect((foreign.errors[0] as TRPCClientError<AppRouter>).data?.code).toBe("FORBIDDEN");
    expect((staff.errors[0] as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
  });
});
