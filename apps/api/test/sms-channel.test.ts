// The Twilio channel (SMS) end to end on loopback: signed webhooks posted to the API's route as
// Twilio posts them, the bot's answers sent by the worker's delivery workflow to a stand-in for
// Twilio's REST API (basic auth checked, the first send refused with 429 + Retry-After), status
// callbacks, media, bad signatures, replays, and one contact across SMS and email.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPhoneHarness, MEDIA_MAX_BYTES, type PhoneHarness } from "./support/phone-harness";
import { startTwilioPeer, twilioSigns, type Peer } from "./support/provider-peers";

const ACCOUNT_SID = `AC${"ab12".repeat(8)}`;
const AUTH_TOKEN = "f".repeat(8) + "0123456789abcdef0123456789ab".slice(0, 24);
const FROM = "+14155550100";
const ADA = "+14155550111";

let twilio: Peer<URLSearchParams>;
let harness: PhoneHarness;
let webhookUrl: string;
let channelId: string;

const sid = (prefix = "SM") => `${prefix}${randomBytes(16).toString("hex")}`;

/** Posts a webhook as Twilio does: form-encoded, signed over the full URL and the sorted parameters. */
function post(params: Record<string, string>, options: { signature?: string | null; url?: string } = {}) {
  const url = options.url ?? webhookUrl;
  const signature = options.signature === undefined ? twilioSigns(AUTH_TOKEN, url, params) : options.signature;
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(signature ? { "x-twilio-signature": signature } : {}) },
    body: new URLSearchParams(params),
  });
}

const sms = (body: string, extra: Record<string, string> = {}) => post({ MessageSid: sid(), AccountSid: ACCOUNT_SID, From: ADA, To: FROM, Body: body, NumMedia: "0", SmsStatus: "received", ...extra });
const conversations = () => harness.database.db.conversation.findMany({ where: { workspaceChannelId: channelId }, orderBy: { createdAt: "asc" }, include: { contact: true } });
const botStatuses = async (conversationId: string) => (await harness.database.db.message.findMany({ where: { conversationId, author: { not: "contact" } }, orderBy: { seq: "asc" } })).map((message) => message.deliveryStatus);

beforeAll(async () => {
  twilio = await startTwilioPeer(ACCOUNT_SID, AUTH_TOKEN);
  harness = await startPhoneHarness("sms-channel", { twilio: twilio.url, whatsapp: "http://127.0.0.1:9" });
  // Ada is known from email with her phone number: her texts land on the same contact.
  await harness.api.contacts.upsert({ email: "ada@customer.test", phone: "+1 415 555 0111", name: "Ada Lovelace" });
  const channel = await harness.api.channels.create({ kind: "twilio", name: "Support SMS", flowId: harness.flowId, config: { accountSid: ACCOUNT_SID, from: FROM }, authToken: AUTH_TOKEN });
  expect(channel).toMatchObject({ kind: "twilio", hasCredential: true, webhookUrl: `${harness.baseUrl}/channels/twilio/${channel.publicId}` });
  expect(JSON.stringify(channel)).not.toContain(AUTH_TOKEN);
  channelId = channel.id;
  webhookUrl = channel.kind === "twilio" ? channel.webhookUrl : "";
});

afterAll(async () => {
  await harness?.close();
  await twilio?.close();
});

describe("SMS channel (Twilio)", () => {
  it("opens a conversation from a text on the contact known by that number and answers with numbered options, after a 429", async () => {
    twilio.failNext = 1;
    const answer = await sms("Order 1234");
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("<Response>");
    const [conversation] = await conversations();
    expect(conversation).toMatchObject({ channel: "sms", contact: { email: "ada@customer.test", phone: ADA, name: "Ada Lovelace" } });

    await harness.dispatcher.poll();
    await expect.poll(() => twilio.sends.length, { timeout: 20_000 }).toBe(1);
    expect(twilio.refused).toBe(1);
    const sent = twilio.sends[0]!;
    expect({ from: sent.get("From"), to: sent.get("To"), callback: sent.get("StatusCallback") }).toEqual({ from: FROM, to: ADA, callback: webhookUrl });
    expect(sent.get("Body")).toBe("Hi from Parley.\n\nWhat is your order number?\n\nWhat is it about?\n\n1. Billing\n2. Shipping\n3. Returns\nReply 1, 2 or 3.");
    await expect.poll(() => botStatuses(conversation!.id)).toEqual(["sent", "sent", "sent"]);
  });

  it("maps an answer of \"2\" to the second option", async () => {
    const [conversation] = await conversations();
    expect((await sms("2")).status).toBe(200);
    const last = await harness.database.db.message.findFirst({ where: { conversationId: conversation!.id, author: "contact" }, orderBy: { seq: "desc" } });
    expect(last?.text).toBe("Shipping");
    await harness.dispatcher.poll();
    await expect.poll(() => twilio.sends.length, { timeout: 20_000 }).toBe(2);
    expect(twilio.sends[1]!.get("Body")).toBe("Noted: Shipping for Order 1234.\n\nAnything else?");
    expect(await conversations()).toHaveLength(1);
  });

  it("follows Twilio's status callbacks, never backwards", async () => {
    const [conversation] = await conversations();
    const refs = await harness.database.db.channelMessageRef.findMany({ where: { workspaceChannelId: channelId, deliveryId: { not: null } }, orderBy: { createdAt: "asc" } });
    expect(refs).toHaveLength(2);
    const status = (messageSid: string, MessageStatus: string, extra: Record<string, string> = {}) => post({ MessageSid: messageSid, AccountSid: ACCOUNT_SID, From: FROM, To: ADA, MessageStatus, ...extra });
    expect((await status(refs[0]!.externalId, "delivered")).status).toBe(200);
    expect((await status(refs[0]!.externalId, "sent")).status).toBe(200);
    expect((await status(refs[1]!.externalId, "undelivered", { ErrorCode: "30003" })).status).toBe(200);
    const messages = await harness.database.db.message.findMany({ where: { conversationId: conversation!.id, author: "bot" }, orderBy: { seq: "asc" } });
    expect(messages.map((message) => [message.deliveryStatus, message.deliveryError])).toEqual([
      ["delivered", null],
      ["delivered", null],
      ["delivered", null],
      ["failed", "Twilio error 30003"],
      ["failed", "Twilio error 30003"],
    ]);
  });

  it("stores a replayed webhook once", async () => {
    const [conversation] = await conversations();
    const count = () => harness.database.db.message.count({ where: { conversationId: conversation!.id, author: "contact" } });
    const before = await count();
    const params = { MessageSid: sid(), AccountSid: ACCOUNT_SID, From: ADA, To: FROM, Body: "Where is my parcel?", NumMedia: "0" };
    expect((await post(params)).status).toBe(200);
    expect((await post(params)).status).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it("keeps an MMS picture as a sealed attachment and leaves out one over the size limit", async () => {
    const [conversation] = await conversations();
    const picture = randomBytes(2048);
    const messageSid = sid("MM");
    const path = (media: string) => `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${messageSid}/Media/${media}`;
    twilio.media.set(path("ME1"), { content: picture, contentType: "image/jpeg" });
    twilio.media.set(path("ME2"), { content: randomBytes(MEDIA_MAX_BYTES + 1), contentType: "video/mp4" });
    const params = { MessageSid: messageSid, AccountSid: ACCOUNT_SID, From: ADA, To: FROM, Body: "", NumMedia: "2", MediaUrl0: `${twilio.url}${path("ME1")}`, MediaContentType0: "image/jpeg", MediaUrl1: `${twilio.url}${path("ME2")}`, MediaContentType1: "video/mp4" };
    expect((await post(params)).status).toBe(200);
    const [attachment, ...others] = await harness.database.db.messageAttachment.findMany({ where: { conversationId: conversation!.id } });
    expect(others).toHaveLength(0);
    expect(attachment).toMatchObject({ fileName: "image-1.jpeg", contentType: "image/jpeg", bytes: picture.length });
    expect(harness.audioCipher.open({ iv: attachment!.iv, tag: attachment!.tag, data: attachment!.data }).equals(picture)).toBe(true);
    const message = await harness.database.db.message.findUnique({ where: { id: attachment!.messageId! } });
    expect(message?.text).toBe("[sent image-1.jpeg]");
  });

  it("refuses wrong and missing signatures (403, nothing stored), unknown channels (404) and malformed bodies (400)", async () => {
    const before = { messages: await harness.database.db.message.count(), refs: await harness.database.db.channelMessageRef.count(), conversations: (await conversations()).length };
    const params = { MessageSid: sid(), AccountSid: ACCOUNT_SID, From: "+14155550122", To: FROM, Body: "hi" };
    expect((await post(params, { signature: twilioSigns("0".repeat(32), webhookUrl, params) })).status).toBe(403);
    expect((await post(params, { signature: null })).status).toBe(403);
    // Signed for another URL (a replay against another channel) does not pass either.
    expect((await post(params, { signature: twilioSigns(AUTH_TOKEN, `${webhookUrl}x`, params) })).status).toBe(403);
    expect((await post(params, { url: `${harness.baseUrl}/channels/twilio/nosuchchannel` })).status).toBe(404);
    expect((await post({ AccountSid: ACCOUNT_SID, From: "+14155550122", Body: "no sid" })).status).toBe(400);
    expect((await post({ ...params, From: "not-a-number" })).status).toBe(400);
    expect({ messages: await harness.database.db.message.count(), refs: await harness.database.db.channelMessageRef.count(), conversations: (await conversations()).length }).toEqual(before);
  });
});
