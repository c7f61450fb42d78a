// The custom (API) channel end to end on loopback: an integration posts signed JSON to the API's
// route, gets the bot's answers in the response, and the worker's delivery workflow posts the same
// answers, signed, to a callback receiver that verifies X-Parley-Signature and refuses the first
// post with 429 + Retry-After. Threads, idempotent retries, bad/stale signatures, bad bodies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPhoneHarness, type PhoneHarness } from "./support/phone-harness";
import { parleySigns, startCallbackReceiver, type CallbackReceiver } from "./support/provider-peers";

let receiver: CallbackReceiver;
let harness: PhoneHarness;
let inboundUrl: string;
let channelId: string;

interface Answer {
  conversationId: string;
  messageId: string | null;
  replies: { id: string; author: string; text: string; options?: string[] }[];
}

const body = (thread: string, messageId: string, text: string, sender: Record<string, string> = { id: "tg-42", name: "Ada Lovelace", email: "ada@customer.test" }) =>
  JSON.stringify({ conversation: thread, sender, message: { id: messageId, text } });

/** Posts as an integration does: the raw JSON signed with the channel's secret (or the signature given). */
function post(raw: string, signature: string | null = parleySigns(receiver.secret, raw), url = inboundUrl) {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(signature ? { "x-parley-signature": signature } : {}) }, body: raw });
}

const conversations = () => harness.database.db.conversation.findMany({ where: { workspaceChannelId: channelId }, orderBy: { createdAt: "asc" }, include: { contact: { include: { identities: true } } } });
const customerMessages = () => harness.database.db.message.count({ where: { author: "contact", conversation: { workspaceChannelId: channelId } } });

beforeAll(async () => {
  receiver = await startCallbackReceiver();
  harness = await startPhoneHarness("api-channel", { twilio: "http://127.0.0.1:9", whatsapp: "http://127.0.0.1:9" });
  const channel = await harness.api.channels.create({ kind: "api", name: "Telegram bridge", flowId: harness.flowId, config: { callbackUrl: `${receiver.url}/parley` } });
  expect(channel).toMatchObject({ kind: "api", hasCredential: true, inboundUrl: `${harness.baseUrl}/channels/api/${channel.publicId}/messages` });
  expect("signingSecret" in channel && channel.signingSecret).toMatch(/^pcs_[A-Za-z0-9_-]{43}$/);
  receiver.secret = ("signingSecret" in channel && channel.signingSecret) || "";
  expect(JSON.stringify(await harness.api.channels.list())).not.toContain(receiver.secret);
  channelId = channel.id;
  inboundUrl = channel.kind === "api" ? channel.inboundUrl : "";
});

afterAll(async () => {
  await harness?.close();
  await receiver?.close();
});

describe("custom (API) channel", () => {
  it("opens a conversation for a new thread, answers in the response and at the callback after a 429", async () => {
    receiver.failNext = 1;
    const response = await post(body("chat-1", "m-1", "Order 1234"));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    expect(answer.messageId).toEqual(expect.any(String));
    expect(answer.replies.map((reply) => reply.text)).toEqual(["Hi from Parley.", "What is your order number?", "What is it about?"]);
    expect(answer.replies[2]!.options).toEqual(["Billing", "Shipping", "Returns"]);
    const [conversation] = await conversations();
    expect(conversation).toMatchObject({ id: answer.conversationId, channel: "api", contact: { email: "ada@customer.test", name: "Ada Lovelace" } });
    expect(conversation!.contact.identities.map((identity) => `${identity.kind}:${identity.value}`)).toEqual(expect.arrayContaining(["external:tg-42", "email:ada@customer.test"]));

    await harness.dispatcher.poll();
    await expect.poll(() => receiver.sends.length, { timeout: 20_000 }).toBe(3);
    expect(receiver.refused).toBe(1);
    expect(receiver.unsigned).toBe(0);
    expect(receiver.sends.map(({ body }) => ({ id: body.id, type: body.type, conversation: body.conversation, text: body.text, options: body.options }))).toEqual(
      answer.replies.map((reply) => ({ id: reply.id, type: "message", conversation: "chat-1", text: reply.text, options: reply.options })),
    );
    expect(receiver.sends.every(({ body, idempotencyKey }) => idempotencyKey === body.id && typeof body.createdAt === "string")).toBe(true);
    const statuses = async () => (await harness.database.db.message.findMany({ where: { conversationId: answer.conversationId, author: "bot" } })).map((message) => message.deliveryStatus);
    await expect.poll(statuses).toEqual(["sent", "sent", "sent"]);
  });

  it("continues the thread's conversation and maps an answer of \"2\" to the second option", async () => {
    const response = await post(body("chat-1", "m-2", "2"));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    const [conversation, ...others] = await conversations();
    expect(others).toHaveLength(0);
    expect(answer.conversationId).toBe(conversation!.id);
    expect(answer.replies.map((reply) => reply.text)).toEqual(["Noted: Shipping for Order 1234.", "Anything else?"]);
    const last = await harness.database.db.message.findFirst({ where: { conversationId: conversation!.id, author: "contact" }, orderBy: { seq: "desc" } });
    expect(last?.text).toBe("Shipping");
    await harness.dispatcher.poll();
    await expect.poll(() => receiver.sends.length, { timeout: 20_000 }).toBe(5);
  });

  it("stores a retried post once and answers it the same way", async () => {
    const before = await customerMessages();
    const raw = body("chat-1", "m-3", "Where is my parcel?");
    const first = (await (await post(raw)).json()) as Answer;
    const again = await post(raw);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Answer).messageId).toBe(first.messageId);
    expect(await customerMessages()).toBe(before + 1);
  });

  it("posts an agent's reply to the callback, signed, with the thread id", async () => {
    const [conversation] = await conversations();
    const before = receiver.sends.length;
    await harness.api.conversations.reply({ conversationId: conversation!.id, text: "A person here: your parcel ships today." });
    await expect.poll(() => harness.database.db.message.count({ where: { conversationId: conversation!.id, author: "agent" } })).toBe(1);
    const agent = await harness.database.db.message.findFirstOrThrow({ where: { conversationId: conversation!.id, author: "agent" } });
    await harness.dispatcher.poll();
    await expect.poll(() => receiver.sends.find(({ body }) => body.id === agent.id)?.body, { timeout: 20_000 }).toMatchObject({ type: "message", conversation: "chat-1", text: "A person here: your parcel ships today." });
    expect(receiver.sends.length).toBeGreaterThan(before);
    await expect.poll(async () => (await harness.database.db.message.findUniqueOrThrow({ where: { id: agent.id } })).deliveryStatus).toBe("sent");
  });

  it("opens another conversation for another thread of the same sender, on the same contact", async () => {
    const answer = (await (await post(body("chat-2", "m-4", "Hello again", { id: "tg-42" }))).json()) as Answer;
    const all = await conversations();
    expect(all).toHaveLength(2);
    expect(all[1]!.id).toBe(answer.conversationId);
    expect(all[1]!.contactId).toBe(all[0]!.contactId);
  });

  it("refuses missing, wrong and stale signatures with nothing stored", async () => {
    const [beforeMessages, beforeConversations] = [await customerMessages(), (await conversations()).length];
    const raw = body("chat-3", "m-5", "let me in");
    const stale = parleySigns(receiver.secret, raw, Math.floor(Date.now() / 1000) - 301);
    for (const signature of [null, parleySigns("not-the-secret", raw), stale, "v1=abc", parleySigns(receiver.secret, `${raw} `)]) {
      const response = await post(raw, signature);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(/X-Parley-Signature/);
    }
    expect([await customerMessages(), (await conversations()).length]).toEqual([beforeMessages, beforeConversations]);
  });

  it("answers 400 naming the field for a malformed body, and 404 for an unknown channel", async () => {
    const cases: [string, RegExp][] = [
      ["{not json", /not JSON/],
      [JSON.stringify({ conversation: "chat-1", sender: { id: "tg-42" }, message: { text: "hi" } }), /^message\.id:/],
      [JSON.stringify({ conversation: "", sender: { id: "tg-42" }, message: { id: "x", text: "hi" } }), /^conversation:/],
      [JSON.stringify({ conversation: "c", sender: { id: "tg-42", email: "nope" }, message: { id: "x", text: "hi" } }), /^sender\.email:/],
    ];
    for (const [raw, error] of cases) {
      const response = await post(raw);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(error);
    }
    const raw = body("chat-1", "m-6", "hi");
    expect((await post(raw, parleySigns(receiver.secret, raw), inboundUrl.replace(/api\/[^/]+\//, "api/nosuchchannel/"))).status).toBe(404);
  });

  it("rotates the secret: the old one stops verifying, the new one works", async () => {
    const old = receiver.secret;
    const { signingSecret } = await harness.api.channels.rotateSecret({ id: channelId });
    expect(signingSecret).not.toBe(old);
    const raw = body("chat-1", "m-7", "after rotation");
    expect((await post(raw, parleySigns(old, raw))).status).toBe(401);
    receiver.secret = signingSecret;
    expect((await post(raw)).status).toBe(200);
  });
});
