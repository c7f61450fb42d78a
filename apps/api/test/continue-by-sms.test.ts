// "Continue by SMS" and dropped calls: a conversation that starts in the embeddable widget (the
// real API server's /widget/v1 routes) or on a voice call (the real voice gateway, over a real
// WebSocket) goes on by SMS with the same conversation, workflow run and variables. Real Temporal
// dev server and worker, the worker's channel dispatcher sending through a loopback Twilio peer,
// and the customer's texts posted to the API's Twilio webhook, signed as Twilio signs them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallClient } from "./support/call-client";
import { startContinuationHarness, SMS_FROM, type ContinuationHarness } from "./support/continuation-harness";

const ADA = "+14155550111";
let h: ContinuationHarness;

beforeAll(async () => {
  h = await startContinuationHarness("continue-by-sms");
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** A widget conversation that has answered the order question; its path, id and token. */
async function widgetConversation(channelPath: string, order: string) {
  const started = await h.call("POST", `${channelPath}/conversations`, { body: {} });
  expect(started.status).toBe(200);
  const path = `${channelPath}/conversations/${started.body!.conversationId}`;
  const sent = await h.call("POST", `${path}/messages`, { token: started.body!.token, body: { text: order, clientMessageId: `order-${order}` } });
  expect(sent.status).toBe(200);
  return { path, id: started.body!.conversationId as string, token: started.body!.token as string };
}

const sendsTo = (phone: string) => h.twilio.sends.filter((send) => send.get("To") === phone).map((send) => send.get("Body") ?? "");

describe("continue by SMS", () => {
  it("moves a widget conversation to SMS; the first text carries the bot's question, the reply threads back with the variable intact", async () => {
    const channelPath = await h.widget("sms-widget-0001");
    expect((await h.call("GET", channelPath)).body).toMatchObject({ continueByEmail: true, continueBySms: true });
    const conversation = await widgetConversation(channelPath, "A-1234");
    const { runId } = await h.env.client.workflow.getHandle(conversation.id).describe();

    const moved = await h.call("POST", `${conversation.path}/continue-by-sms`, { token: conversation.token, body: { phone: "+1 (415) 555-0111" } });
    expect(moved).toMatchObject({ status: 200, body: { channel: "sms", address: ADA } });
    const row = await h.database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id }, include: { contact: { include: { identities: true } } } });
    expect(row).toMatchObject({ channel: "sms", workspaceChannelId: h.smsChannelId, contact: { phone: ADA } });
    expect(row.contact.identities.map((identity) => `${identity.kind}:${identity.value}`)).toContain(`phone:${ADA}`);
    // A second click: already on SMS.
    expect(await h.call("POST", `${conversation.path}/continue-by-sms`, { token: conversation.token, body: { phone: ADA } })).toMatchObject({ status: 409, body: { code: "CONFLICT" } });

    await h.deliver(conversation.id, 1);
    await expect.poll(() => sendsTo(ADA).length, { timeout: 20_000 }).toBe(1);
    expect(h.twilio.sends.at(-1)!.get("From")).toBe(SMS_FROM);
    expect(sendsTo(ADA)[0]).toBe("Your conversation continues here: reply to this message to go on.\n\nWhat should we change about it?");
    const system = await h.database.db.message.findFirst({ where: { conversationId: conversation.id, author: "system" } });
    expect(system?.text).toBe(`Moved from Web widget to SMS (${ADA}) by the customer`);
    const audit = await h.database.db.auditEvent.findFirst({ where: { action: "conversation.channel_moved", targetId: conversation.id } });
    expect(audit).toMatchObject({ actorType: "customer", actorLabel: ADA });

    // Ada texts back: the same conversation and workflow run, the order number still known.
    expect(await h.text(ADA, "Gift wrap it please")).toBe(200);
    expect(await h.database.db.conversation.count({ where: { workspaceChannelId: h.smsChannelId } })).toBe(1);
    await h.deliver(conversation.id, 3);
    await expect.poll(() => sendsTo(ADA).length, { timeout: 20_000 }).toBe(2);
    expect(sendsTo(ADA)[1]).toBe('Order A-1234: noted "Gift wrap it please".\n\nAnything else?');
    expect((await h.env.client.workflow.getHandle(conversation.id).describe()).runId).toBe(runId);
  });

  it("refuses a bad number, a missing one, a closed conversation and a widget whose SMS channel cannot send, changing nothing", async () => {
    const channelPath = await h.widget("sms-widget-0002");
    const conversation = await widgetConversation(channelPath, "B-1");
    const unchanged = async () => {
      const row = await h.database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id }, include: { contact: true } });
      return { channel: row.channel, workspaceChannelId: row.workspaceChannelId, phone: row.contact.phone, messages: await h.database.db.message.count({ where: { conversationId: conversation.id } }) };
    };
    const before = await unchanged();
    const move = (body: unknown, path = conversation.path, token = conversation.token) => h.call("POST", `${path}/continue-by-sms`, { token, body });
    expect(await move({ phone: "0415 555 0111" })).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
    expect(await move({ phone: "+1 555" })).toMatchObject({ status: 400 });
    expect(await move({})).toMatchObject({ status: 400 });
    expect((await move({ phone: ADA }, conversation.path, "")).status).toBe(401);
    expect(await unchanged()).toEqual(before);

    // A widget naming a Twilio channel without credentials: no SMS on offer, and 412.
    const mute = await h.staff.channels.create({ kind: "twilio", name: "No token", flowId: h.flowId, config: { from: "+14155550199" } });
    const namedPath = await h.widget("sms-widget-0003", { continueBySmsChannelId: mute.id });
    expect((await h.call("GET", namedPath)).body).toMatchObject({ continueByEmail: true, continueBySms: false });
    const named = await widgetConversation(namedPath, "C-1");
    expect(await move({ phone: ADA }, named.path, named.token)).toMatchObject({ status: 412, body: { code: "PRECONDITION_FAILED" } });
    expect(await h.database.db.conversation.findUniqueOrThrow({ where: { id: named.id } })).toMatchObject({ channel: "web" });
    // Two SMS channels and none named: the widget cannot choose.
    expect(await move({ phone: ADA })).toMatchObject({ status: 412 });
    await h.database.db.workspaceChannel.delete({ where: { id: mute.id } });

    await h.staff.conversations.resolve({ conversationId: conversation.id });
    await expect.poll(async () => (await h.database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).not.toBe("active");
    const closedBefore = await unchanged();
    expect(await move({ phone: ADA })).toMatchObject({ status: 409, body: { code: "CONFLICT" } });
    expect(await unchanged()).toEqual(closedBefore);
  });
});

describe("after a dropped call", () => {
  const GRACE = "+14155550122";

  /** A call on the flow; `answer`: what the caller already said (as text) before this connection. */
  async function voiceCall(contact: Record<string, string>, answer?: string) {
    const started = await h.staff.conversations.start({ flowId: h.flowId, channel: "voice", ...(Object.keys(contact).length > 0 ? { contact } : {}) });
    if (answer) {
      const sent = await fetch(`${h.baseUrl}/trpc/conversations.send`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-parley-conversation-token": started.token },
        body: JSON.stringify({ conversationId: started.conversationId, text: answer }),
      });
      expect(sent.status).toBe(200);
    }
    const caller = new CallClient(`${h.wsBase}/voice/calls/${started.conversationId}?token=${started.token}`);
    await caller.opened();
    caller.send({ type: "hello", capabilities: { sampleRate: 16_000 } });
    await caller.next("ready");
    // A first connect speaks the opening; a caller who already answered hears nothing new.
    if (!answer) await caller.next("reply", (m) => m.text.includes("What is your order number?"));
    return { conversationId: started.conversationId, caller };
  }

  it("continues by SMS when the caller's connection drops mid-call, with the same workflow run", async () => {
    const { conversationId, caller } = await voiceCall({ phone: GRACE, name: "Grace" });
    const { runId } = await h.env.client.workflow.getHandle(conversationId).describe();
    const continued = h.gateway.counters.callsContinuedByText;
    // The caller's network goes away: no hang-up, no close handshake.
    caller.socket.terminate();
    await expect.poll(async () => (await h.database.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).channel, { timeout: 20_000 }).toBe("sms");
    await expect.poll(() => h.gateway.counters.callsContinuedByText).toBe(continued + 1);
    await h.deliver(conversationId, 1);
    await expect.poll(() => sendsTo(GRACE).length, { timeout: 20_000 }).toBe(1);
    expect(sendsTo(GRACE)[0]).toBe("We were cut off — you can continue here.\n\nWhat is your order number?");
    const system = await h.database.db.message.findFirst({ where: { conversationId, author: "system" } });
    expect(system?.text).toBe(`Moved from Voice to SMS (${GRACE}) after the call was cut off`);
    expect(await h.database.db.auditEvent.findFirst({ where: { action: "conversation.channel_moved", targetId: conversationId } })).toMatchObject({ actorType: "system" });

    expect(await h.text(GRACE, "B-77")).toBe(200);
    await h.deliver(conversationId, 2);
    await expect.poll(() => sendsTo(GRACE).length, { timeout: 20_000 }).toBe(2);
    expect(sendsTo(GRACE)[1]).toBe("What should we change about it?");
    expect((await h.env.client.workflow.getHandle(conversationId).describe()).runId).toBe(runId);
  });

  it("continues by email when only an address is known, by SMS to a number the flow collected; stays on voice after a hang-up or with the setting off", async () => {
    const byMail = await voiceCall({ email: "linus@customer.test" });
    const dropped = h.gateway.counters.callsDropped;
    // A clean close of the socket is still no hang-up.
    byMail.caller.socket.close(1000);
    await expect.poll(async () => (await h.database.db.conversation.findUniqueOrThrow({ where: { id: byMail.conversationId } })).channel, { timeout: 20_000 }).toBe("email");
    await h.deliver(byMail.conversationId, 1);
    await expect.poll(() => h.relayed.find((mail) => mail.text?.includes("We were cut off"))?.text ?? "", { timeout: 20_000 }).toContain("What is your order number?");
    await expect.poll(() => h.gateway.counters.callsDropped).toBe(dropped + 1);

    const hungUp = await voiceCall({ phone: "+14155550133" });
    hungUp.caller.send({ type: "hangup" });
    await hungUp.caller.next("ended");
    await expect.poll(() => h.gateway.activeCalls()).toBe(0);
    expect(h.gateway.counters.callsDropped).toBe(dropped + 1);

    // The SMS channel's setting turned off (as the settings page saves it): a caller known only by phone stays on voice.
    await h.staff.channels.update({ id: h.smsChannelId, kind: "twilio", name: "Support SMS", flowId: h.flowId, config: { accountSid: `AC${"cd34".repeat(8)}`, from: SMS_FROM, continueDroppedCalls: false } });
    const off = await voiceCall({ phone: "+14155550144" });
    const { callsDropped, callsContinuedByText } = h.gateway.counters;
    off.caller.socket.terminate();
    await expect.poll(() => h.gateway.counters.callsDropped, { timeout: 20_000 }).toBe(callsDropped + 1);
    expect(h.gateway.counters.callsContinuedByText).toBe(callsContinuedByText);
    // SMS back on, and a caller with no contact details who gave the flow a number: the text goes there.
    await h.staff.channels.update({ id: h.smsChannelId, kind: "twilio", name: "Support SMS", flowId: h.flowId, config: { accountSid: `AC${"cd34".repeat(8)}`, from: SMS_FROM } });
    const collected = await voiceCall({}, "+14155550155");
    expect((await h.database.db.conversation.findUniqueOrThrow({ where: { id: collected.conversationId } })).variables).toMatchObject({ order: "+14155550155" });
    collected.caller.socket.terminate();
    await expect.poll(async () => (await h.database.db.conversation.findUniqueOrThrow({ where: { id: collected.conversationId }, include: { contact: true } })).contact.phone, { timeout: 20_000 }).toBe("+14155550155");
    expect(await h.database.db.conversation.findUniqueOrThrow({ where: { id: collected.conversationId } })).toMatchObject({ channel: "sms", workspaceChannelId: h.smsChannelId });
    for (const id of [hungUp.conversationId, off.conversationId]) {
      expect(await h.database.db.conversation.findUniqueOrThrow({ where: { id } })).toMatchObject({ channel: "voice", status: "active" });
    }
  });
});
