// The real stack for conversations that continue across channels: a Temporal dev server, a test
// database, a conversation worker whose deliveries go to a loopback Twilio peer and a loopback
// SMTP relay, the API's HTTP server (widget routes, the Twilio webhook route, the voice gateway
// with the real offline speech engines), the API's inbound SMTP endpoint, the channel dispatcher
// (polled by hand), a widget, an email channel and an SMS channel on one flow.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { createSecretBox } from "@parley/db";
import { ChannelDispatcher } from "@parley/activities";
import { createAudioCipher } from "@parley/activities/voice";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { appRouter, createCallerFactory, type ApiServices } from "@parley/api";
import { createSpeechProviders, createVoicePipeline } from "@parley/voice";
import { createConversationWorker } from "@parley/worker";
import { attachVoiceGateway, createApiServer, type VoiceGateway } from "../../src";
import { createPhoneWebhookRoute } from "../../src/channels/phone-webhooks";
import { createSmtpInbound } from "../../src/email/smtp-inbound";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../../test/support/temporal";
import { asPerson, testServices } from "../../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/database";
import { startTwilioPeer, twilioSigns, type Peer } from "./provider-peers";

export const SHOP = "https://shop.example.com";
export const CHANNEL_ADDRESS = "support@shop.test";
export const SMS_FROM = "+14155550100";
const ACCOUNT_SID = `AC${"cd34".repeat(8)}`;
const AUTH_TOKEN = "e".repeat(32);

/** Any channel: ask the order number, then what to change, confirm, then "Anything else?" forever. */
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

const createCaller = createCallerFactory(appRouter);

// Loosely typed on purpose: the assertions read whatever the server sent.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = { status: number; body: Record<string, any> | null };

function listenSmtp(smtp: SMTPServer): Promise<number> {
  return new Promise((resolve) => smtp.listen(0, "127.0.0.1", () => resolve((smtp.server.address() as AddressInfo).port)));
}

export async function startContinuationHarness(name: string) {
  const [env, database]: [Awaited<ReturnType<typeof startTemporalDevServer>>, TestDatabase] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const secretsKey = randomBytes(32);
  const audioCipher = createAudioCipher(randomBytes(32));
  const taskQueue = uniqueTaskQueue(name);
  const twilio: Peer<URLSearchParams> = await startTwilioPeer(ACCOUNT_SID, AUTH_TOKEN);
  const providerUrls = { twilio: twilio.url, whatsapp: "http://127.0.0.1:9" };
  const speech = createSpeechProviders({});

  // The webhook route needs the server's URL (Twilio signs it), so it joins once the server listens.
  const routes: ((req: IncomingMessage, res: ServerResponse) => boolean)[] = [];
  const placeholder = testServices(database, env.client, taskQueue, { secretsKey });
  const server = createApiServer({ services: placeholder, corsOrigins: [], routes: [(req, res) => routes.some((route) => route(req, res))] });
  const gateway: VoiceGateway = attachVoiceGateway(server, {
    services: placeholder,
    engines: { createPipeline: (options) => createVoicePipeline({ inputSampleRate: options.inputSampleRate }), stt: speech.stt, tts: speech.tts },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const services: ApiServices = Object.assign(placeholder, { apiPublicUrl: baseUrl, emailDomain: "inbound.parley.test" });
  routes.push(createPhoneWebhookRoute({ services, seal: (plain) => audioCipher.seal(plain), publicUrl: baseUrl, providerUrls, maxMediaBytes: 64 * 1024 }));

  const relayed: ParsedMail[] = [];
  const relay = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "relay-user" && auth.password === "relay-pass") return callback(null, { user: auth.username });
      callback(Object.assign(new Error("bad credentials"), { responseCode: 535 }));
    },
    onData: (stream, _session, callback) => void simpleParser(stream).then((mail) => (relayed.push(mail), callback())),
  });
  const relayPort = await listenSmtp(relay);
  const inbound = createSmtpInbound({ services, seal: (plain) => audioCipher.seal(plain), maxBytes: 256 * 1024 });
  const inboundPort = await listenSmtp(inbound);

  const worker = await createConversationWorker({
    connection: env.nativeConnection,
    taskQueue,
    db: database.db,
    activityDeps: { secretBox: createSecretBox(secretsKey), providerUrls, apiPublicUrl: baseUrl, speech },
  });
  const running = worker.run();
  const staff = createCaller(asPerson(services, database));
  const flow = await staff.flows.create({ name: `${name} orders` });
  await staff.flows.saveDraft({ id: flow.id, graph: orderFlow });
  await staff.flows.publish({ id: flow.id, note: name });
  const email = await staff.channels.create({
    kind: "email",
    name: "Support mail",
    flowId: flow.id,
    config: { address: CHANNEL_ADDRESS, fromName: "Shop support", relay: { host: "127.0.0.1", port: relayPort, secure: false, user: "relay-user" } },
    relayPassword: "relay-pass",
  });
  const sms = await staff.channels.create({ kind: "twilio", name: "Support SMS", flowId: flow.id, config: { accountSid: ACCOUNT_SID, from: SMS_FROM }, authToken: AUTH_TOKEN });
  const smsWebhook = `${baseUrl}/channels/twilio/${sms.publicId}`;
  const dispatcher = new ChannelDispatcher({ db: database.db, client: env.client, taskQueue, settleMs: 0 });

  async function call(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Answer> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { origin: SHOP, ...(options.token ? { "x-parley-conversation-token": options.token } : {}), ...(options.body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Answer["body"]) : null };
  }

  return {
    env,
    database,
    services,
    staff,
    twilio,
    relayed,
    gateway,
    flowId: flow.id,
    emailChannelId: email.id,
    smsChannelId: sms.id,
    baseUrl,
    wsBase: baseUrl.replace(/^http/, "ws"),
    call,
    /** A web widget on the flow; its API path. */
    async widget(publicId: string, config: Record<string, unknown> = {}) {
      await database.db.workspaceChannel.create({ data: { workspaceId: database.seed.workspaceId, kind: "web_widget", name: publicId, flowId: flow.id, publicId, allowedOrigins: [SHOP], config: config as object } });
      return `/widget/v1/channels/${publicId}`;
    },
    /** A customer's text to the SMS channel, posted and signed as Twilio does. */
    async text(from: string, body: string) {
      const params = { MessageSid: `SM${randomBytes(16).toString("hex")}`, AccountSid: ACCOUNT_SID, From: from, To: SMS_FROM, Body: body, NumMedia: "0", SmsStatus: "received" };
      const response = await fetch(smsWebhook, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSigns(AUTH_TOKEN, smsWebhook, params) },
        body: new URLSearchParams(params),
      });
      return response.status;
    },
    /** A customer's email to the email channel through the API's inbound SMTP endpoint. */
    async mail(message: { from: string; subject: string; text: string; messageId: string; inReplyTo?: string }) {
      const transport = nodemailer.createTransport({ host: "127.0.0.1", port: inboundPort, secure: false, ignoreTLS: true });
      await transport.sendMail({ to: CHANNEL_ADDRESS, ...message, ...(message.inReplyTo ? { references: [message.inReplyTo] } : {}) }).finally(() => transport.close());
    },
    /** Hands queued messages to delivery once the workflow has queued `count` bot messages for the conversation. */
    async deliver(conversationId: string, count: number) {
      const { expect } = await import("vitest");
      await expect.poll(() => database.db.message.count({ where: { conversationId, author: "bot", deliveryStatus: { not: null } } }), { timeout: 20_000 }).toBe(count);
      await dispatcher.poll();
    },
    async close() {
      gateway.close();
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => inbound.close(() => resolve(undefined)));
      await new Promise((resolve) => relay.close(() => resolve(undefined)));
      worker.shutdown();
      await running;
      await Promise.all([speech.stt.close?.(), speech.tts.close?.()]);
      await twilio.close();
      await env.teardown();
      await database.close();
    },
  };
}

export type ContinuationHarness = Awaited<ReturnType<typeof startContinuationHarness>>;
