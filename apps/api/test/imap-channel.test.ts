// The email channel's IMAP polling against a real IMAP peer on loopback (test/support/imap-server.ts,
// spoken to by imapflow): mail put into the mailbox is taken by the API's ImapPoller through the
// same inbound path as SMTP mail (a reply to the bot's delivered email threads into its
// conversation, a new mail opens one), each once, even when the connection drops between taking
// a message and flagging it \Seen; a malformed message is skipped without holding up the others;
// a wrong password shows as the channel's error and backs off. Real Temporal dev server, worker,
// database and an SMTP relay (smtp-server) for the bot's answers.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { createSecretBox } from "@parley/db";
import { ChannelDispatcher } from "@parley/activities";
import { createAudioCipher } from "@parley/activities/voice";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { appRouter, backoffSeconds, createCallerFactory, ImapPoller, type ApiServices } from "@parley/api";
import { createConversationWorker } from "@parley/worker";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { startImapTestServer, type ImapTestServer } from "../../../test/support/imap-server";

const CHANNEL_ADDRESS = "support@shop.test";
const IMAP_USER = "support@shop.test";
const IMAP_PASSWORD = "imap-pass";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let services: ApiServices;
let dispatcher: ChannelDispatcher;
let relay: SMTPServer;
let imap: ImapTestServer;
let poller: ImapPoller;
let channelId: string;
let imapSettings: { host: string; port: number; tls: boolean; user: string; mailbox: string; pollSeconds: number };
const createCaller = createCallerFactory(appRouter);
let api: ReturnType<typeof createCaller>;
const relayed: ParsedMail[] = [];

const orderFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "hello", kind: "message", position: { x: 0, y: 100 }, config: { text: "Thanks for writing to us." } },
    { id: "order", kind: "ask", position: { x: 0, y: 200 }, config: { question: "What is your order number?", variable: "order" } },
    { id: "more", kind: "ask", position: { x: 0, y: 300 }, config: { question: "Anything else?", variable: "more" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "hello" },
    { id: "e2", source: "hello", sourcePort: "next", target: "order" },
    { id: "e3", source: "order", sourcePort: "answered", target: "more" },
    { id: "e4", source: "more", sourcePort: "answered", target: "more" },
  ],
};

/** A raw RFC 5322 message as a customer's mail client writes it. */
function mail(fields: { from?: string; messageId: string; subject: string; text: string; inReplyTo?: string }): string {
  return [
    ...(fields.from === undefined ? [] : [`From: ${fields.from}`]),
    `To: ${CHANNEL_ADDRESS}`,
    `Subject: ${fields.subject}`,
    `Message-ID: ${fields.messageId}`,
    ...(fields.inReplyTo ? [`In-Reply-To: ${fields.inReplyTo}`, `References: ${fields.inReplyTo}`] : []),
    "Date: Mon, 07 Dec 2026 10:00:00 +0000",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    fields.text,
    "",
  ].join("\r\n");
}

const conversationsOfChannel = () => database.db.conversation.findMany({ where: { workspaceChannelId: channelId }, orderBy: { createdAt: "asc" }, include: { contact: true } });
const contactTexts = (conversationId: string) => database.db.message.findMany({ where: { conversationId, author: "contact" }, orderBy: { seq: "asc" } }).then((rows) => rows.map((row) => row.text));
const mailbox = () => database.db.imapMailbox.findUniqueOrThrow({ where: { channelId } });
const seen = (uid: number) => imap.mails.find((stored) => stored.uid === uid)?.flags.has("\\Seen");
const emailView = async () => {
  const view = (await api.channels.list()).find((channel) => channel.id === channelId);
  if (view?.kind !== "email") throw new Error("the email channel is gone");
  return view;
};

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const secretsKey = randomBytes(32);
  const taskQueue = uniqueTaskQueue("imap-channel");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db, activityDeps: { secretBox: createSecretBox(secretsKey) } });
  running = worker.run();
  services = testServices(database, env.client, taskQueue, { secretsKey });
  dispatcher = new ChannelDispatcher({ db: database.db, client: env.client, taskQueue, settleMs: 0 });
  relay = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      void simpleParser(stream).then((parsed) => {
        relayed.push(parsed);
        callback();
      });
    },
  });
  const relayPort = await new Promise<number>((resolve) => relay.listen(0, "127.0.0.1", () => resolve((relay.server.address() as AddressInfo).port)));
  imap = await startImapTestServer({ user: IMAP_USER, password: IMAP_PASSWORD });
  imapSettings = { host: "127.0.0.1", port: imap.port, tls: false, user: IMAP_USER, mailbox: "INBOX", pollSeconds: 60 };
  const audioCipher = createAudioCipher(randomBytes(32));
  poller = new ImapPoller(services, { seal: (plain) => audioCipher.seal(plain), maxBytes: 256 * 1024 });

  api = createCaller(asPerson(services, database));
  const flow = await api.flows.create({ name: "Email orders" });
  await api.flows.saveDraft({ id: flow.id, graph: orderFlow });
  await api.flows.publish({ id: flow.id, note: "imap" });
  const channel = await api.channels.create({
    kind: "email",
    name: "Support mailbox",
    flowId: flow.id,
    config: { address: CHANNEL_ADDRESS, fromName: "Shop support", relay: { host: "127.0.0.1", port: relayPort, secure: false, user: null }, inbound: "imap", imap: imapSettings },
    imapPassword: IMAP_PASSWORD,
  });
  channelId = channel.id;
  expect(channel).toMatchObject({ config: { inbound: "imap", imap: imapSettings }, imap: { hasPassword: true, lastError: null } });
});

afterAll(async () => {
  await poller?.stop();
  await imap?.close();
  await new Promise((resolve) => relay?.close(() => resolve(undefined)));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

describe("email channel over IMAP", () => {
  it("tests a connection: the mailbox's message count with the stored password, a clear refusal with a wrong one", async () => {
    imap.deliver(mail({ from: "Old <old@customer.test>", messageId: "<old@customer.test>", subject: "Already read", text: "old" }));
    imap.mails[0]!.flags.add("\\Seen");
    await expect(api.channels.testImap({ id: channelId, imap: imapSettings })).resolves.toEqual({ ok: true, messages: 1, unseen: 0 });
    const refused = await api.channels.testImap({ imap: imapSettings, password: "wrong" });
    expect(refused).toEqual({ ok: false, error: expect.stringContaining(`127.0.0.1:${imap.port} refused the user name or password for ${IMAP_USER}`) });
    const missing = await api.channels.testImap({ id: channelId, imap: { ...imapSettings, mailbox: "Support" } });
    expect(missing).toEqual({ ok: false, error: expect.stringContaining('has no mailbox "Support"') });
    const closed = await api.channels.testImap({ imap: { ...imapSettings, port: 1 }, password: "x" });
    expect(closed).toMatchObject({ ok: false, error: expect.stringMatching(/127\.0\.0\.1:1/) });
  });

  it("opens a conversation from a new mail in the mailbox, flags it \\Seen and leaves mail that was read before alone", async () => {
    const uid = imap.deliver(mail({ from: "Ada Lovelace <ada@customer.test>", messageId: "<first@customer.test>", subject: "Help with my order", text: "Where is my parcel?" }));
    await expect(poller.pollChannel(channelId)).resolves.toEqual({ taken: 1, skipped: 0, error: null });
    const [conversation] = await conversationsOfChannel();
    expect(conversation).toMatchObject({ channel: "email", contact: { email: "ada@customer.test", name: "Ada Lovelace" } });
    expect(await contactTexts(conversation!.id)).toEqual(["Where is my parcel?"]);
    expect(seen(uid)).toBe(true);
    expect(await mailbox()).toMatchObject({ uidValidity: BigInt(imap.uidValidity), lastUid: BigInt(uid), failures: 0, lastError: null, taken: 1 });
    // The bot's answer goes out through the relay as usual: the customer replies to it below.
    await dispatcher.poll();
    await expect.poll(() => relayed.length).toBe(1);
    expect(relayed[0]!.inReplyTo).toBe("<first@customer.test>");
  });

  it("threads a reply to the bot's email, opens another conversation for a new mail and skips a malformed one in between", async () => {
    const [first] = await conversationsOfChannel();
    const ours = relayed[0]!.messageId!;
    const reply = imap.deliver(mail({ from: "Ada Lovelace <ada@customer.test>", messageId: "<second@customer.test>", subject: "Re: Help with my order", inReplyTo: ours, text: `Order 1234\n\nOn Mon, Dec 7, 2026 Shop support <${CHANNEL_ADDRESS}> wrote:\n> What is your order number?\n` }));
    const broken = imap.deliver(mail({ messageId: "<broken@nowhere.test>", subject: "no sender", text: "who am I?" }));
    const fresh = imap.deliver(mail({ from: "Grace Hopper <grace@customer.test>", messageId: "<grace@customer.test>", subject: "Refund", text: "I would like a refund." }));
    await expect(poller.pollChannel(channelId)).resolves.toEqual({ taken: 2, skipped: 1, error: null });
    const conversations = await conversationsOfChannel();
    expect(conversations).toHaveLength(2);
    expect(await contactTexts(first!.id)).toEqual(["Where is my parcel?", "Order 1234"]);
    expect(conversations[1]).toMatchObject({ contact: { email: "grace@customer.test" } });
    expect(await contactTexts(conversations[1]!.id)).toEqual(["I would like a refund."]);
    expect([reply, broken, fresh].map(seen)).toEqual([true, true, true]);
    expect(await mailbox()).toMatchObject({ lastUid: BigInt(fresh), taken: 3, skipped: 1 });
    expect((await emailView()).imap).toMatchObject({ hasPassword: true, lastError: null, taken: 3, skipped: 1 });
    // Nothing new: a poll takes nothing and sends nothing again.
    await expect(poller.pollChannel(channelId)).resolves.toEqual({ taken: 0, skipped: 0, error: null });
  });

  it("takes a message once when the connection drops after taking it and before flagging it", async () => {
    const [first] = await conversationsOfChannel();
    const uid = imap.deliver(mail({ from: "Ada Lovelace <ada@customer.test>", messageId: "<third@customer.test>", subject: "Re: Help with my order", inReplyTo: relayed[0]!.messageId!, text: "Also: gift wrap, please." }));
    imap.dropOnStore = 1;
    const crashed = await poller.pollChannel(channelId);
    expect(crashed).toMatchObject({ taken: 1, error: expect.stringContaining("closed the connection") });
    expect(seen(uid)).toBe(false);
    expect((await mailbox()).lastUid).toBe(BigInt(uid - 1));
    expect((await emailView()).imap.lastError).toContain("closed the connection");
    // The next poll takes it again: the inbound path knows its Message-ID, so it is one message.
    await expect(poller.pollChannel(channelId)).resolves.toEqual({ taken: 1, skipped: 0, error: null });
    expect(seen(uid)).toBe(true);
    expect((await contactTexts(first!.id)).filter((text) => text === "Also: gift wrap, please.")).toHaveLength(1);
    expect(await mailbox()).toMatchObject({ lastUid: BigInt(uid), failures: 0, lastError: null });
  });

  it("shows a wrong password as the channel's error, backs off, and polls again at once when the password is fixed", async () => {
    const channel = await emailView();
    const settings = { name: channel.name, flowId: channel.flow!.id, config: channel.config };
    await api.channels.update({ id: channelId, kind: "email", ...settings, imapPassword: "not-the-password" });
    const uid = imap.deliver(mail({ from: "Ada Lovelace <ada@customer.test>", messageId: "<fourth@customer.test>", subject: "Still there?", text: "Hello?" }));
    for (const failures of [1, 2]) {
      const outcome = await poller.pollChannel(channelId);
      expect(outcome).toMatchObject({ taken: 0, error: expect.stringContaining(`refused the user name or password for ${IMAP_USER}`) });
      const row = await mailbox();
      expect(row.failures).toBe(failures);
      expect(row.nextPollAt.getTime() - row.lastPolledAt!.getTime()).toBe(backoffSeconds(60, failures - 1) * 1000);
    }
    expect((await emailView()).imap).toMatchObject({ lastError: expect.stringContaining("refused the user name or password"), failures: 2 });
    expect(seen(uid)).toBe(false);
    // Another poller process holds the lease: this one leaves the mailbox alone.
    await database.db.imapMailbox.update({ where: { channelId }, data: { leaseOwner: "another-process", leaseUntil: new Date(Date.now() + 60_000) } });
    await expect(poller.pollChannel(channelId)).resolves.toBeNull();
    await database.db.imapMailbox.update({ where: { channelId }, data: { leaseOwner: null, leaseUntil: null } });

    await api.channels.update({ id: channelId, kind: "email", ...settings, imapPassword: IMAP_PASSWORD });
    expect((await mailbox()).nextPollAt.getTime()).toBeLessThanOrEqual(Date.now());
    await expect(poller.tick()).resolves.toBe(1);
    expect(seen(uid)).toBe(true);
    expect((await emailView()).imap).toMatchObject({ lastError: null, failures: 0 });
  });

  it("refuses inbound IMAP without the mailbox's settings (400) and stops polling a channel switched back to SMTP", async () => {
    const channel = await emailView();
    const settings = { name: channel.name, flowId: channel.flow!.id };
    await expect(api.channels.update({ id: channelId, kind: "email", ...settings, config: { ...channel.config, imap: null } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await api.channels.update({ id: channelId, kind: "email", ...settings, config: { ...channel.config, inbound: "smtp" } });
    imap.deliver(mail({ from: "Ada Lovelace <ada@customer.test>", messageId: "<fifth@customer.test>", subject: "SMTP now", text: "Hi" }));
    await database.db.imapMailbox.update({ where: { channelId }, data: { nextPollAt: new Date(0) } });
    await expect(poller.pollChannel(channelId)).resolves.toBeNull();
    expect(imap.mails.at(-1)!.flags.size).toBe(0);
  });
});
