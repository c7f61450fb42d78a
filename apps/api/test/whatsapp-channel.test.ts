// The WhatsApp Cloud API channel end to end on loopback: Meta's webhook verification, signed
// webhook POSTs (X-Hub-Signature-256) with text, button replies, media and statuses, and the
// bot's answers sent by the worker to a stand-in for the Graph API (bearer token checked, the
// first send refused with 429 + Retry-After): reply buttons, and the template outside the
// 24-hour customer-service window.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPhoneHarness, type PhoneHarness } from "./support/phone-harness";
import { metaSigns, startMetaPeer, type Peer } from "./support/provider-peers";

const VERSION = "v21.0";
const PHONE_NUMBER_ID = "106540352242922";
const ACCESS_TOKEN = `EAAG${"x".repeat(40)}`;
const APP_SECRET = "0123456789abcdef0123456789abcdef";
const VERIFY_TOKEN = "parley-verify-token-123";
const GRACE = "447700900123";

let meta: Peer<Record<string, unknown>>;
let harness: PhoneHarness;
let webhookUrl: string;
let channelId: string;

const wamid = () => `wamid.${randomBytes(18).toString("base64url")}`;
const change = (value: Record<string, unknown>) => ({
  object: "whatsapp_business_account",
  entry: [{ id: "WABA_ID", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550100", phone_number_id: PHONE_NUMBER_ID }, ...value } }] }],
});
const inbound = (message: Record<string, unknown>) =>
  change({ contacts: [{ profile: { name: "Grace Hopper" }, wa_id: GRACE }], messages: [{ from: GRACE, id: wamid(), timestamp: String(Math.floor(Date.now() / 1000)), ...message }] });

/** Posts as Meta does: the raw JSON signed with the app secret. */
function post(payload: unknown, signature?: string | null) {
  const body = JSON.stringify(payload);
  const header = signature === undefined ? metaSigns(APP_SECRET, body) : signature;
  return fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json", ...(header ? { "x-hub-signature-256": header } : {}) }, body });
}

const conversations = () => harness.database.db.conversation.findMany({ where: { workspaceChannelId: channelId }, orderBy: { createdAt: "asc" }, include: { contact: true } });

beforeAll(async () => {
  meta = await startMetaPeer(VERSION, PHONE_NUMBER_ID, ACCESS_TOKEN);
  harness = await startPhoneHarness("whatsapp-channel", { twilio: "http://127.0.0.1:9", whatsapp: meta.url });
  const channel = await harness.api.channels.create({
    kind: "whatsapp",
    name: "Support WhatsApp",
    flowId: harness.flowId,
    config: { phoneNumberId: PHONE_NUMBER_ID, apiVersion: VERSION, verifyToken: VERIFY_TOKEN, template: { name: "follow_up", language: "en_US" } },
    credentials: { accessToken: ACCESS_TOKEN, appSecret: APP_SECRET },
  });
  expect(JSON.stringify(channel)).not.toContain(ACCESS_TOKEN);
  channelId = channel.id;
  webhookUrl = channel.kind === "whatsapp" ? channel.webhookUrl : "";
});

afterAll(async () => {
  await harness?.close();
  await meta?.close();
});

describe("WhatsApp channel (Cloud API)", () => {
  it("answers Meta's verification with the challenge only for the right verify token", async () => {
    const verify = (token: string) => fetch(`${webhookUrl}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`);
    const ok = await verify(VERIFY_TOKEN);
    expect([ok.status, await ok.text()]).toEqual([200, "1158201444"]);
    expect((await verify("wrong-token-wrong-token")).status).toBe(403);
  });

  it("opens a conversation from a text and answers with reply buttons, after a 429", async () => {
    meta.failNext = 1;
    expect((await post(inbound({ type: "text", text: { body: "Order 77" } }))).status).toBe(200);
    const [conversation] = await conversations();
    expect(conversation).toMatchObject({ channel: "whatsapp", contact: { phone: `+${GRACE}`, name: "Grace Hopper" } });
    await harness.dispatcher.poll();
    await expect.poll(() => meta.sends.length, { timeout: 20_000 }).toBe(3);
    expect(meta.refused).toBe(1);
    expect(meta.sends.map((send) => [send.to, send.type])).toEqual([
      [GRACE, "text"],
      [GRACE, "text"],
      [GRACE, "interactive"],
    ]);
    expect(meta.sends[0]).toMatchObject({ text: { body: "Hi from Parley." } });
    expect(meta.sends[2]!.interactive).toEqual({
      type: "button",
      body: { text: "What is it about?" },
      action: { buttons: ["Billing", "Shipping", "Returns"].map((title, index) => ({ type: "reply", reply: { id: `option-${index + 1}`, title } })) },
    });
  });

  it("maps a tapped button to its option and follows the statuses of our messages", async () => {
    const [conversation] = await conversations();
    const reply = { type: "interactive", interactive: { type: "button_reply", button_reply: { id: "option-3", title: "Returns" } } };
    expect((await post(inbound(reply))).status).toBe(200);
    const last = await harness.database.db.message.findFirst({ where: { conversationId: conversation!.id, author: "contact" }, orderBy: { seq: "desc" } });
    expect(last?.text).toBe("Returns");
    await harness.dispatcher.poll();
    await expect.poll(() => meta.sends.length, { timeout: 20_000 }).toBe(5);
    expect(meta.sends[3]).toMatchObject({ type: "text", text: { body: "Noted: Returns for Order 77." } });

    const [first] = await harness.database.db.channelMessageRef.findMany({ where: { workspaceChannelId: channelId, deliveryId: { not: null } }, orderBy: { createdAt: "asc" } });
    const statuses = [{ id: first!.externalId, status: "read", timestamp: "1", recipient_id: GRACE }];
    expect((await post(change({ statuses }))).status).toBe(200);
    const bot = await harness.database.db.message.findMany({ where: { conversationId: conversation!.id, author: "bot", deliveryId: first!.deliveryId }, orderBy: { seq: "asc" } });
    expect(bot.map((message) => message.deliveryStatus)).toEqual(["delivered", "delivered", "delivered"]);
  });

  it("stores a media message's file and a replayed webhook once", async () => {
    const [conversation] = await conversations();
    const photo = randomBytes(4096);
    meta.media.set("1037543291543636", { content: photo, contentType: "image/jpeg" });
    const payload = inbound({ type: "image", image: { id: "1037543291543636", mime_type: "image/jpeg", sha256: "x", caption: "the broken lid" } });
    const count = () => harness.database.db.message.count({ where: { conversationId: conversation!.id, author: "contact" } });
    const before = await count();
    expect((await post(payload)).status).toBe(200);
    expect((await post(payload)).status).toBe(200);
    expect(await count()).toBe(before + 1);
    const attachments = await harness.database.db.messageAttachment.findMany({ where: { conversationId: conversation!.id } });
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ fileName: "image-1.jpeg", contentType: "image/jpeg", bytes: photo.length });
    expect(harness.audioCipher.open({ iv: attachments[0]!.iv, tag: attachments[0]!.tag, data: attachments[0]!.data }).equals(photo)).toBe(true);
  });

  it("sends the template instead of free text outside the 24-hour window, and says so", async () => {
    const [conversation] = await conversations();
    await harness.database.db.message.updateMany({ where: { conversationId: conversation!.id, author: "contact" }, data: { createdAt: new Date(Date.now() - 25 * 3_600_000) } });
    const before = meta.sends.length;
    await harness.api.conversations.reply({ conversationId: conversation!.id, text: "We have news about your return." });
    await expect.poll(() => harness.database.db.message.count({ where: { conversationId: conversation!.id, author: "agent" } })).toBe(1);
    await harness.dispatcher.poll();
    await expect.poll(() => meta.sends.length, { timeout: 20_000 }).toBe(before + 1);
    expect(meta.sends.at(-1)).toMatchObject({ to: GRACE, type: "template", template: { name: "follow_up", language: { code: "en_US" } } });
    const agent = await harness.database.db.message.findFirst({ where: { conversationId: conversation!.id, author: "agent" } });
    await expect.poll(async () => (await harness.database.db.message.findUnique({ where: { id: agent!.id } }))?.deliveryStatus).toBe("sent");
    expect((await harness.database.db.message.findUnique({ where: { id: agent!.id } }))?.deliveryError).toContain('template "follow_up"');
  });

  it("refuses bad signatures (403, nothing stored), unknown channels (404) and bodies that are not Meta's (400)", async () => {
    const before = { messages: await harness.database.db.message.count(), refs: await harness.database.db.channelMessageRef.count() };
    const payload = inbound({ type: "text", text: { body: "forged" } });
    expect((await post(payload, metaSigns("f".repeat(32), JSON.stringify(payload)))).status).toBe(403);
    expect((await post(payload, null)).status).toBe(403);
    const unknown = await fetch(webhookUrl.replace(/[^/]+$/, "nosuchchannel"), { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
    expect((await post({ object: "page", entry: [] })).status).toBe(400);
    const raw = "{not json";
    const malformed = await fetch(webhookUrl, { method: "POST", headers: { "x-hub-signature-256": metaSigns(APP_SECRET, raw) }, body: raw });
    expect(malformed.status).toBe(400);
    expect({ messages: await harness.database.db.message.count(), refs: await harness.database.db.channelMessageRef.count() }).toEqual(before);
  });
});
