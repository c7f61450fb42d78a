// The email channel against real SMTP peers on loopback: customers' mail sent with nodemailer into
// the API's inbound smtp-server endpoint (new conversation, a threaded reply with quoted text and
// an attachment, bad input), and the bot's answers delivered by the worker's channel dispatcher and
// delivery workflow (real Temporal dev server) into a second smtp-server acting as the channel's
// relay, which checks the sealed password, fails one attempt and refuses one recipient for good.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { createSecretBox } from "@parley/db";
import { ChannelDispatcher, deliveryMessageId } from "@parley/activities";
import { createAudioCipher } from "@parley/activities/voice";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { appRouter, createCallerFactory, type ApiServices } from "@parley/api";
import { createConversationWorker } from "@parley/worker";
import { createSmtpInbound } from "../src/email/smtp-inbound";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

const DOMAIN = "inbound.parley.test";
const CHANNEL_ADDRESS = "support@shop.test";
const MAX_BYTES = 256 * 1024;

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let services: ApiServices;
let dispatcher: ChannelDispatcher;
let inbound: SMTPServer;
let inboundPort: number;
let relay: SMTPServer;
let channelId: string;
let publicId: string;
const createCaller = createCallerFactory(appRouter);
let api: ReturnType<typeof createCaller>;
const secretsKey = randomBytes(32);
const audioCipher = createAudioCipher(randomBytes(32));

/** What the relay took (parsed), and how many attempts it refused with 451 before taking one. */
const relayed: ParsedMail[] = [];
let refuseNext = 0;
let refused = 0;

const topicsFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "hello", kind: "message", position: { x: 0, y: 100 }, config: { text: "Thanks for writing to us." } },
    { id: "order", kind: "ask", position: { x: 0, y: 200 }, config: { question: "What is your order number?", variable: "order" } },
    { id: "topic", kind: "ask", position: { x: 0, y: 300 }, config: { question: "Is it about billing or shipping?", variable: "topic", inputType: "choice", choices: "Billing\nShipping" } },
    { id: "routed", kind: "message", position: { x: 0, y: 400 }, config: { text: "Noted: {{topic}} for order {{order}}." } },
    { id: "more", kind: "ask", position: { x: 0, y: 500 }, config: { question: "Anything else?", variable: "more" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "hello" },
    { id: "e2", source: "hello", sourcePort: "next", target: "order" },
    { id: "e3", source: "order", sourcePort: "answered", target: "topic" },
    { id: "e4", source: "topic", sourcePort: "answered", target: "routed" },
    { id: "e5", source: "routed", sourcePort: "next", target: "more" },
    { id: "e6", source: "more", sourcePort: "answered", target: "more" },
    { id: "e7", source: "topic", sourcePort: "invalid", target: "more" },
  ],
};

function listen(server: SMTPServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port)));
}

/** A customer's mail client: plain SMTP to the inbound endpoint. */
function customerMail(mail: nodemailer.SendMailOptions) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: inboundPort, secure: false, ignoreTLS: true });
  return transport.sendMail({ from: "Ada Lovelace <ada@customer.test>", to: `${publicId}@${DOMAIN}`, ...mail }).finally(() => transport.close());
}

const conversationsOfChannel = () => database.db.conversation.findMany({ where: { workspaceChannelId: channelId }, orderBy: { createdAt: "asc" }, include: { contact: true } });

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("email-channel");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db, activityDeps: { secretBox: createSecretBox(secretsKey) } });
  running = worker.run();
  services = { ...testServices(database, env.client, taskQueue, { secretsKey }), emailDomain: DOMAIN };
  // Polled by hand once a turn is in, so nothing needs to settle first.
  dispatcher = new ChannelDispatcher({ db: database.db, client: env.client, taskQueue, settleMs: 0 });

  relay = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "relay-user" && auth.password === "relay-pass") return callback(null, { user: auth.username });
      callback(Object.assign(new Error("bad credentials"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      callback(address.address === "gone@customer.test" ? Object.assign(new Error("5.1.1 no such user"), { responseCode: 550 }) : undefined);
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refuseNext > 0) {
          refuseNext -= 1;
          refused += 1;
          return callback(Object.assign(new Error("4.3.2 try again later"), { responseCode: 451 }));
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          relayed.push(mail);
          callback();
        });
      });
    },
  });
  const relayPort = await listen(relay);
  inbound = createSmtpInbound({ services, seal: (plain) => audioCipher.seal(plain), maxBytes: MAX_BYTES });
  inboundPort = await listen(inbound);

  api = createCaller(asPerson(services, database));
  const flow = await api.flows.create({ name: "Email topics" });
  await api.flows.saveDraft({ id: flow.id, graph: topicsFlow });
  await api.flows.publish({ id: flow.id, note: "email" });
  const channel = await api.channels.create({
    kind: "email",
    name: "Support mail",
    flowId: flow.id,
    config: { address: CHANNEL_ADDRESS, fromName: "Shop support", relay: { host: "127.0.0.1", port: relayPort, secure: false, user: "relay-user" } },
    relayPassword: "relay-pass",
  });
  channelId = channel.id;
  publicId = channel.publicId;
  expect(channel).toMatchObject({ inboundAddress: `${publicId}@${DOMAIN}`, hasRelayPassword: true });
});

afterAll(async () => {
  await new Promise((resolve) => inbound?.close(() => resolve(undefined)));
  await new Promise((resolve) => relay?.close(() => resolve(undefined)));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

describe("email channel", () => {
  it("opens a conversation from a new mail and answers with one threaded email (HTML + text, numbered options)", async () => {
    await customerMail({ subject: "Help with my order", messageId: "<first@customer.test>", text: "Order 1234 please\n\n-- \nAda Lovelace\nAnalytical Engines Ltd" });
    const [conversation] = await conversationsOfChannel();
    expect(conversation).toMatchObject({ channel: "email", contact: { email: "ada@customer.test", name: "Ada Lovelace" } });
    const messages = await database.db.message.findMany({ where: { conversationId: conversation!.id }, orderBy: { seq: "asc" } });
    // The signature is gone; the opening and the first answer wait for delivery.
    expect(messages.find((message) => message.author === "contact")?.text).toBe("Order 1234 please");
    expect(messages.filter((message) => message.author === "bot").every((message) => message.deliveryStatus === "queued")).toBe(true);

    await dispatcher.poll();
    await expect.poll(() => relayed.length).toBe(1);
    const mail = relayed[0]!;
    expect(mail.from?.value[0]).toMatchObject({ address: CHANNEL_ADDRESS, name: "Shop support" });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe("ada@customer.test");
    expect(mail.subject).toBe("Re: Help with my order");
    expect(mail.inReplyTo).toBe("<first@customer.test>");
    expect(mail.references).toEqual("<first@customer.test>");
    const firstBot = messages.find((message) => message.author === "bot")!;
    expect(mail.messageId).toBe(`<${deliveryMessageId(`channel-delivery-${firstBot.id}`, CHANNEL_ADDRESS)}>`);
    // One turn (here: the opening and the answer to the first mail) is one email.
    expect(mail.text).toContain("Thanks for writing to us.");
    expect(mail.text).toContain("What is your order number?");
    expect(mail.text).toContain("Is it about billing or shipping?\n\n1. Billing\n2. Shipping");
    expect(mail.html).toContain("<ol");
    expect(mail.html).toContain("<li>Shipping</li>");
    await expect.poll(async () => (await database.db.message.findMany({ where: { conversationId: conversation!.id, author: "bot" } })).map((message) => message.deliveryStatus)).toEqual(["sent", "sent", "sent"]);
  });

  it("threads a reply into its conversation, strips the quote, maps the number to the option, keeps the attachment and retries a refused delivery once", async () => {
    const [conversation] = await conversationsOfChannel();
    const ours = relayed[0]!.messageId!;
    refuseNext = 1;
    const invoice = Buffer.from("INVOICE 1234\nTotal: 42 EUR\n");
    await customerMail({
      subject: "Re: Help with my order",
      messageId: "<second@customer.test>",
      inReplyTo: ours,
      references: ["<first@customer.test>", ours],
      text: `2\n\nOn Mon, Dec 7, 2026 at 10:00 AM Shop support <${CHANNEL_ADDRESS}> wrote:\n> Is it about billing or shipping?\n> 1. Billing\n> 2. Shipping\n`,
      attachments: [{ filename: "invoice.txt", content: invoice, contentType: "text/plain" }],
    });
    expect(await conversationsOfChannel()).toHaveLength(1);
    const contact = await database.db.message.findFirst({ where: { conversationId: conversation!.id, author: "contact" }, orderBy: { seq: "desc" } });
    expect(contact?.text).toBe("Shipping");
    const [attachment] = await database.db.messageAttachment.findMany({ where: { conversationId: conversation!.id } });
    expect(attachment).toMatchObject({ fileName: "invoice.txt", contentType: "text/plain", bytes: invoice.length, messageId: contact!.id });
    expect(audioCipher.open({ iv: attachment!.iv, tag: attachment!.tag, data: attachment!.data }).equals(invoice)).toBe(true);

    await dispatcher.poll();
    await expect.poll(() => relayed.length).toBe(2);
    expect(refused).toBe(1);
    const answer = relayed[1]!;
    expect(answer.text).toContain("Noted: Shipping for order Order 1234 please.");
    expect(answer.inReplyTo).toBe("<second@customer.test>");
    expect(answer.references).toEqual(["<first@customer.test>", ours, "<second@customer.test>"]);
    const routed = await database.db.message.findFirst({ where: { conversationId: conversation!.id, text: { startsWith: "Noted:" } } });
    await expect.poll(async () => (await database.db.message.findUnique({ where: { id: routed!.id } }))?.deliveryStatus).toBe("sent");
    // The retry delivered it once: no third mail turns up for the same delivery.
    await dispatcher.poll();
    expect(relayed.filter((mail) => mail.messageId === answer.messageId)).toHaveLength(1);
  });

  it("sends an agent's reply from the inbox as an email in the same thread", async () => {
    const [conversation] = await conversationsOfChannel();
    const ours = relayed.map((mail) => mail.messageId!);
    await api.conversations.reply({ conversationId: conversation!.id, text: "A person here: your parcel ships today." });
    await expect.poll(() => database.db.message.count({ where: { conversationId: conversation!.id, author: "agent" } })).toBe(1);
    await dispatcher.poll();
    await expect.poll(() => relayed.length).toBe(3);
    const mail = relayed[2]!;
    expect(mail.text).toContain("A person here: your parcel ships today.");
    expect(mail.subject).toBe("Re: Help with my order");
    expect(mail.inReplyTo).toBe(ours[1]);
    expect(mail.references).toEqual(["<first@customer.test>", ours[0], "<second@customer.test>", ours[1]]);
    await expect.poll(async () => (await database.db.message.findFirst({ where: { conversationId: conversation!.id, author: "agent" } }))?.deliveryStatus).toBe("sent");
  });

  it("takes a mail the sender delivers again (our answer was lost) once", async () => {
    const [conversation] = await conversationsOfChannel();
    const count = () => database.db.message.count({ where: { conversationId: conversation!.id, author: "contact" } });
    const before = { conversations: (await conversationsOfChannel()).length, messages: await count(), attachments: await database.db.messageAttachment.count() };
    await customerMail({ subject: "Re: Help with my order", messageId: "<second@customer.test>", inReplyTo: relayed[0]!.messageId!, text: "2", attachments: [{ filename: "invoice.txt", content: "INVOICE 1234\nTotal: 42 EUR\n" }] });
    await customerMail({ subject: "Help with my order", messageId: "<first@customer.test>", text: "Order 1234 please" });
    expect({ conversations: (await conversationsOfChannel()).length, messages: await count(), attachments: await database.db.messageAttachment.count() }).toEqual(before);
  });

  it("marks a delivery failed, with the relay's answer, when the relay refuses the recipient for good", async () => {
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: inboundPort, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: "gone@customer.test", to: CHANNEL_ADDRESS, subject: "Hi", text: "Order 99" }).finally(() => transport.close());
    const conversation = (await conversationsOfChannel()).find((row) => row.contact.email === "gone@customer.test")!;
    await dispatcher.poll();
    await expect
      .poll(async () => (await database.db.message.findMany({ where: { conversationId: conversation.id, author: "bot" } })).map((message) => message.deliveryStatus))
      .toEqual(["failed", "failed", "failed"]);
    const failed = await database.db.message.findFirst({ where: { conversationId: conversation.id, author: "bot" } });
    expect(failed?.deliveryError).toContain("550");
  });

  it("refuses unknown recipients, oversized and malformed mail with SMTP errors, and keeps serving", async () => {
    const unknown = customerMail({ to: `nobody1234@${DOMAIN}`, subject: "x", text: "x" });
    await expect(unknown).rejects.toMatchObject({ responseCode: 550 });
    const huge = customerMail({ subject: "big", text: "x".repeat(MAX_BYTES + 10_000) });
    await expect(huge).rejects.toMatchObject({ responseCode: 552 });
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: inboundPort, secure: false, ignoreTLS: true });
    const malformed = transport.sendMail({ envelope: { from: "x@customer.test", to: [`${publicId}@${DOMAIN}`] }, raw: "this is not a mail at all\r\n" });
    await expect(malformed).rejects.toMatchObject({ responseCode: 550 });
    transport.close();
    // Still serving: a fresh mail still opens a conversation.
    const before = (await conversationsOfChannel()).length;
    await customerMail({ from: "grace@customer.test", subject: "Another", text: "Order 77" });
    expect(await conversationsOfChannel()).toHaveLength(before + 1);
  });
});
