// "Continue by email": a conversation that starts in the embeddable widget (the real API server's
// /widget/v1 routes) collects a variable, moves to the workspace's email channel, and goes on by
// email with the same conversation, workflow and variables. Real Temporal dev server and worker,
// the worker's channel dispatcher delivering into a loopback smtp-server acting as the channel's
// relay (it checks the relay's credentials), and the customer's reply sent with nodemailer into
// the API's inbound SMTP endpoint (support/continuation-harness.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startContinuationHarness, type ContinuationHarness } from "./support/continuation-harness";

let harness: ContinuationHarness;

beforeAll(async () => {
  harness = await startContinuationHarness("continue-by-email");
});

afterAll(async () => {
  await harness?.close();
});

/** A widget conversation that has answered the order question; its path, id and token. */
async function widgetConversation(channelPath: string, order: string) {
  const started = await harness.call("POST", `${channelPath}/conversations`, { body: {} });
  expect(started.status).toBe(200);
  const path = `${channelPath}/conversations/${started.body!.conversationId}`;
  const sent = await harness.call("POST", `${path}/messages`, { token: started.body!.token, body: { text: order, clientMessageId: `order-${order}` } });
  expect(sent.status).toBe(200);
  return { path, id: started.body!.conversationId as string, token: started.body!.token as string };
}

describe("continue by email", () => {
  it("moves a widget conversation to email; the reply threads back and the bot's next message uses the variable, by email", async () => {
    const channelPath = await harness.widget("move-widget-0001");
    expect((await harness.call("GET", channelPath)).body).toMatchObject({ continueByEmail: true });
    const conversation = await widgetConversation(channelPath, "A-1234");
    const { runId } = await harness.env.client.workflow.getHandle(conversation.id).describe();

    const moved = await harness.call("POST", `${conversation.path}/continue-by-email`, { token: conversation.token, body: { email: " Ada@Customer.test " } });
    expect(moved).toMatchObject({ status: 200, body: { channel: "email", address: "ada@customer.test" } });
    const row = await harness.database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id }, include: { contact: { include: { identities: true } } } });
    expect(row).toMatchObject({ channel: "email", workspaceChannelId: harness.emailChannelId, contact: { email: "ada@customer.test" } });
    expect(row.contact.identities.map((identity) => `${identity.kind}:${identity.value}`)).toContain("email:ada@customer.test");

    // Asked again (a second click): already on email, nothing more happens.
    expect(await harness.call("POST", `${conversation.path}/continue-by-email`, { token: conversation.token, body: { email: "ada@customer.test" } })).toMatchObject({ status: 409, body: { code: "CONFLICT" } });

    // The first email: a new thread with the greeting and the bot's pending question.
    await harness.deliver(conversation.id, 1);
    await expect.poll(() => harness.relayed.length).toBe(1);
    const first = harness.relayed[0]!;
    expect(first.to && !Array.isArray(first.to) ? first.to.value[0]?.address : null).toBe("ada@customer.test");
    expect(first.subject).toBe("Your conversation continues by email");
    expect(first.inReplyTo).toBeUndefined();
    expect(first.text).toContain("Your conversation continues here");
    expect(first.text).toContain("What should we change about it?");
    // The widget shows the same note; the transcript and the audit log record the move.
    const since = await harness.call("GET", `${conversation.path}/messages?after=0`, { token: conversation.token });
    expect(since.body!.messages.at(-1).text).toContain("Your conversation continues here");
    const system = await harness.database.db.message.findFirst({ where: { conversationId: conversation.id, author: "system" } });
    expect(system?.text).toBe("Moved from Web widget to Email (ada@customer.test) by the customer");
    const audit = await harness.database.db.auditEvent.findFirst({ where: { action: "conversation.channel_moved", targetId: conversation.id } });
    expect(audit).toMatchObject({ actorType: "customer", actorLabel: "ada@customer.test" });

    // The customer answers the email: same conversation, same workflow run, variable intact.
    await harness.mail({ from: "Ada <ada@customer.test>", subject: `Re: ${first.subject}`, messageId: "<reply-1@customer.test>", inReplyTo: first.messageId!, text: "Gift wrap it please\n\n> What should we change about it?\n" });
    expect(await harness.database.db.conversation.count({ where: { workspaceChannelId: harness.emailChannelId } })).toBe(1);
    await harness.deliver(conversation.id, 3);
    await expect.poll(() => harness.relayed.length).toBe(2);
    const answer = harness.relayed[1]!;
    expect(answer.text).toContain('Order A-1234: noted "Gift wrap it please".');
    expect(answer.text).toContain("Anything else?");
    expect(answer.inReplyTo).toBe("<reply-1@customer.test>");
    expect((await harness.env.client.workflow.getHandle(conversation.id).describe()).runId).toBe(runId);
  });

  it("refuses a bad address, a closed conversation, one already on email and a widget whose email channel cannot send, changing nothing", async () => {
    const channelPath = await harness.widget("move-widget-0002");
    const conversation = await widgetConversation(channelPath, "B-1");
    const unchanged = async () => {
      const row = await harness.database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id }, include: { contact: true } });
      return { channel: row.channel, workspaceChannelId: row.workspaceChannelId, email: row.contact.email, messages: await harness.database.db.message.count({ where: { conversationId: conversation.id } }) };
    };
    const before = await unchanged();
    const move = (body: unknown, path = conversation.path, token = conversation.token) => harness.call("POST", `${path}/continue-by-email`, { token, body });
    expect(await move({ email: "not an address" })).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
    expect(await move({})).toMatchObject({ status: 400 });
    expect((await move({ email: "x@customer.test" }, conversation.path, "")).status).toBe(401);
    expect(await unchanged()).toEqual(before);

    // A widget that names an email channel without a relay: 412.
    const mute = await harness.staff.channels.create({ kind: "email", name: "No relay", flowId: harness.flowId, config: { address: "norelay@shop.test" } });
    const namedPath = await harness.widget("move-widget-0003", { continueByEmailChannelId: mute.id });
    expect((await harness.call("GET", namedPath)).body).toMatchObject({ continueByEmail: false });
    const named = await widgetConversation(namedPath, "C-1");
    expect(await move({ email: "grace@customer.test" }, named.path, named.token)).toMatchObject({ status: 412, body: { code: "PRECONDITION_FAILED" } });
    expect(await harness.database.db.conversation.findUniqueOrThrow({ where: { id: named.id } })).toMatchObject({ channel: "web" });
    // With two email channels and none named, the widget cannot choose: 412.
    expect(await move({ email: "grace@customer.test" })).toMatchObject({ status: 412 });
    await harness.database.db.workspaceChannel.delete({ where: { id: mute.id } });

    // Closed: resolved by an agent, then asked to move: 409.
    await harness.staff.conversations.resolve({ conversationId: conversation.id });
    await expect.poll(async () => (await harness.database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).not.toBe("active");
    const closedBefore = await unchanged();
    expect(await move({ email: "grace@customer.test" })).toMatchObject({ status: 409, body: { code: "CONFLICT" } });
    expect(await unchanged()).toEqual(closedBefore);
  });
});
