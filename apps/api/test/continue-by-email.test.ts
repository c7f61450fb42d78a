// "Continue by email": a conversation that starts in the embeddable widget (the real API server's
// /widget/v1 routes) collects a variable, moves to the workspace's email channel, and goes on by
// email with the same conversation, workflow and variables. Real Temporal dev server and worker,
// the worker's channel dispatcher delivering into a loopback smtp-server acting as the channel's
// relay, and the customer's reply sent with nodemailer into the API's inbound SMTP endpoint.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { createSecretBox } from "@parley/db";
import { ChannelDispatcher } from "@parley/activities";
import { createAudioCipher } from "@parley/activities/voice";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { appRouter, createCallerFactory, type ApiServices } from "@parley/api";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../src";
import { createSmtpInbound } from "../src/email/smtp-inbound";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

const DOMAIN = "inbound.parley.test";
const CHANNEL_ADDRESS = "support@shop.test";
const SHOP = "https://shop.example.com";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let services: ApiServices;
let dispatcher: ChannelDispatcher;
let server: ReturnType<typeof createApiServer>;
let base: string;
let inbound: SMTPServer;
let inboundPort: number;
let relay: SMTPServer;
let emailChannelId: string;
let flowId: string;
const createCaller = createCallerFactory(appRouter);
let staff: ReturnType<typeof createCaller>;
const secretsKey = randomBytes(32);
const relayed: ParsedMail[] = [];

const orderFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "order", kind: "ask", position: { x: 0, y: 100 }, config: { question: "What is your order number?", variable: "order" } },
    { id: "wish", kind: "ask", position: { x: 0, y: 200 }, config: { question: "What should we change about it?", variable: "wish" } },
    { id: "noted", kind: "message", position: { x: 0, y: 300 }, config: { text: "Order {{order}}: noted \"{{wish}}\"." } },
    { id: "more", kind: "ask", position: { x: 0, y: 400 }, config: { question: "Anything else?", variable: "more" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "order" },
    { id: "e2", source: "order", sourcePort: "answered", target: "wish" },
    { id: "e3", source: "wish", sourcePort: "answered", target: "noted" },
    { id: "e4", source: "noted", sourcePort: "next", target: "more" },
    { id: "e5", source: "more", sourcePort: "answered", target: "more" },
  ],
};

function listenSmtp(smtp: SMTPServer): Promise<number> {
  return new Promise((resolve) => smtp.listen(0, "127.0.0.1", () => resolve((smtp.server.address() as AddressInfo).port)));
}

async function call(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { origin: SHOP, ...(options.token ? { "x-parley-conversation-token": options.token } : {}), ...(options.body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  // Loosely typed on purpose: the assertions read whatever the server sent.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}

async function widgetChannel(publicId: string, config: { continueByEmailChannelId?: string } = {}) {
  await database.db.workspaceChannel.create({ data: { workspaceId: database.seed.workspaceId, kind: "web_widget", name: publicId, flowId, publicId, allowedOrigins: [SHOP], config } });
  return `/widget/v1/channels/${publicId}`;
}

/** A widget conversation that has answered the order question; its path, id and token. */
async function widgetConversation(channelPath: string, order: string) {
  const started = await call("POST", `${channelPath}/conversations`, { body: {} });
  expect(started.status).toBe(200);
  const path = `${channelPath}/conversations/${started.body!.conversationId}`;
  const sent = await call("POST", `${path}/messages`, { token: started.body!.token, body: { text: order, clientMessageId: `order-${order}` } });
  expect(sent.status).toBe(200);
  return { path, id: started.body!.conversationId as string, token: started.body!.token as string };
}

/** Hands queued messages to delivery once the workflow has written `count` queued bot messages for the conversation. */
async function deliver(conversationId: string, count: number) {
  await expect.poll(() => database.db.message.count({ where: { conversationId, author: "bot", deliveryStatus: { not: null } } })).toBe(count);
  await dispatcher.poll();
}

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("continue-by-email");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db, activityDeps: { secretBox: createSecretBox(secretsKey) } });
  running = worker.run();
  services = { ...testServices(database, env.client, taskQueue, { secretsKey }), emailDomain: DOMAIN };
  dispatcher = new ChannelDispatcher({ db: database.db, client: env.client, taskQueue, settleMs: 0 });
  server = createApiServer({ services, corsOrigins: [] });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  relay = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "relay-user" && auth.password === "relay-pass") return callback(null, { user: auth.username });
      callback(Object.assign(new Error("bad credentials"), { responseCode: 535 }));
    },
    onData(stream, _session, callback) {
      void simpleParser(stream).then((mail) => {
        relayed.push(mail);
        callback();
      });
    },
  });
  const relayPort = await listenSmtp(relay);
  const audioCipher = createAudioCipher(randomBytes(32));
  inbound = createSmtpInbound({ services, seal: (plain) => audioCipher.seal(plain), maxBytes: 256 * 1024 });
  inboundPort = await listenSmtp(inbound);

  staff = createCaller(asPerson(services, database));
  const flow = await staff.flows.create({ name: "Order changes" });
  flowId = flow.id;
  await staff.flows.saveDraft({ id: flow.id, graph: orderFlow });
  await staff.flows.publish({ id: flow.id, note: "continue by email" });
  const channel = await staff.channels.create({
    kind: "email",
    name: "Support mail",
    flowId: flow.id,
    config: { address: CHANNEL_ADDRESS, fromName: "Shop support", relay: { host: "127.0.0.1", port: relayPort, secure: false, user: "relay-user" } },
    relayPassword: "relay-pass",
  });
  emailChannelId = channel.id;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => inbound?.close(() => resolve(undefined)));
  await new Promise((resolve) => relay?.close(() => resolve(undefined)));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

describe("continue by email", () => {
  it("moves a widget conversation to email; the reply threads back and the bot's next message uses the variable, by email", async () => {
    const channelPath = await widgetChannel("move-widget-0001");
    expect((await call("GET", channelPath)).body).toMatchObject({ continueByEmail: true });
    const conversation = await widgetConversation(channelPath, "A-1234");
    const { runId } = await env.client.workflow.getHandle(conversation.id).describe();

    const moved = await call("POST", `${conversation.path}/continue-by-email`, { token: conversation.token, body: { email: " Ada@Customer.test " } });
    expect(moved).toMatchObject({ status: 200, body: { channel: "email", address: "ada@customer.test" } });
    const row = await database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id }, include: { contact: { include: { identities: true } } } });
    expect(row).toMatchObject({ channel: "email", workspaceChannelId: emailChannelId, contact: { email: "ada@customer.test" } });
    expect(row.contact.identities.map((identity) => `${identity.kind}:${identity.value}`)).toContain("email:ada@customer.test");

    // Asked again (a second click): already on email, nothing more happens.
    expect(await call("POST", `${conversation.path}/continue-by-email`, { token: conversation.token, body: { email: "ada@customer.test" } })).toMatchObject({ status: 409, body: { code: "CONFLICT" } });

    // The first email: a new thread with the greeting and the bot's pending question.
    await deliver(conversation.id, 1);
    await expect.poll(() => relayed.length).toBe(1);
    const first = relayed[0]!;
    expect(first.to && !Array.isArray(first.to) ? first.to.value[0]?.address : null).toBe("ada@customer.test");
    expect(first.subject).toBe("Your conversation continues by email");
    expect(first.inReplyTo).toBeUndefined();
    expect(first.text).toContain("Your conversation continues here");
    expect(first.text).toContain("What should we change about it?");
    // The widget shows the same note; the transcript and the audit log record the move.
    const since = await call("GET", `${conversation.path}/messages?after=0`, { token: conversation.token });
    expect(since.body!.messages.at(-1).text).toContain("Your conversation continues here");
    const system = await database.db.message.findFirst({ where: { conversationId: conversation.id, author: "system" } });
    expect(system?.text).toBe("Moved from Web widget to Email (ada@customer.test) by the customer");
    const audit = await database.db.auditEvent.findFirst({ where: { action: "conversation.channel_moved", targetId: conversation.id } });
    expect(audit).toMatchObject({ actorType: "customer", actorLabel: "ada@customer.test" });

    // The customer answers the email: same conversation, same workflow run, variable intact.
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: inboundPort, secure: false, ignoreTLS: true });
    await transport
      .sendMail({ from: "Ada <ada@customer.test>", to: CHANNEL_ADDRESS, subject: `Re: ${first.subject}`, messageId: "<reply-1@customer.test>", inReplyTo: first.messageId, references: [first.messageId!], text: "Gift wrap it please\n\n> What should we change about it?\n" })
      .finally(() => transport.close());
    expect(await database.db.conversation.count({ where: { workspaceChannelId: emailChannelId } })).toBe(1);
    await deliver(conversation.id, 3);
    await expect.poll(() => relayed.length).toBe(2);
    const answer = relayed[1]!;
    expect(answer.text).toContain('Order A-1234: noted "Gift wrap it please".');
    expect(answer.text).toContain("Anything else?");
    expect(answer.inReplyTo).toBe("<reply-1@customer.test>");
    expect((await env.client.workflow.getHandle(conversation.id).describe()).runId).toBe(runId);
  });

  it("refuses a bad address, a closed conversation, one already on email and a widget whose email channel cannot send, changing nothing", async () => {
    const channelPath = await widgetChannel("move-widget-0002");
    const conversation = await widgetConversation(channelPath, "B-1");
    const unchanged = async () => {
      const row = await database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id }, include: { contact: true } });
      return { channel: row.channel, workspaceChannelId: row.workspaceChannelId, email: row.contact.email, messages: await database.db.message.count({ where: { conversationId: conversation.id } }) };
    };
    const before = await unchanged();
    const move = (body: unknown, path = conversation.path, token = conversation.token) => call("POST", `${path}/continue-by-email`, { token, body });
    expect(await move({ email: "not an address" })).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
    expect(await move({})).toMatchObject({ status: 400 });
    expect((await move({ email: "x@customer.test" }, conversation.path, "")).status).toBe(401);
    expect(await unchanged()).toEqual(before);

    // A widget that names an email channel without a relay: 412.
    const mute = await staff.channels.create({ kind: "email", name: "No relay", flowId, config: { address: "norelay@shop.test" } });
    const namedPath = await widgetChannel("move-widget-0003", { continueByEmailChannelId: mute.id });
    expect((await call("GET", namedPath)).body).toMatchObject({ continueByEmail: false });
    const named = await widgetConversation(namedPath, "C-1");
    expect(await move({ email: "grace@customer.test" }, named.path, named.token)).toMatchObject({ status: 412, body: { code: "PRECONDITION_FAILED" } });
    expect(await database.db.conversation.findUniqueOrThrow({ where: { id: named.id } })).toMatchObject({ channel: "web" });
    // With two email channels and none named, the widget cannot choose: 412.
    expect(await move({ email: "grace@customer.test" })).toMatchObject({ status: 412 });
    await database.db.workspaceChannel.delete({ where: { id: mute.id } });

    // Closed: resolved by an agent, then asked to move: 409.
    await staff.conversations.resolve({ conversationId: conversation.id });
    await expect.poll(async () => (await database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).not.toBe("active");
    const closedBefore = await unchanged();
    expect(await move({ email: "grace@customer.test" })).toMatchObject({ status: 409, body: { code: "CONFLICT" } });
    expect(await unchanged()).toEqual(closedBefore);
  });
});
