// One person, three channels, one contact: a customer chats in the embeddable widget (the real
// /widget/v1 routes, giving their email in the pre-chat form), writes by email from that address
// (the API's inbound SMTP endpoint), and texts from the phone number their contact has (a signed
// Twilio webhook), and the agent's contact view (the contacts and contact panel procedures the
// inbox uses) shows one contact with all three conversations. Real Temporal dev server and
// worker; the bot's answers go out through a loopback SMTP relay and a loopback Twilio peer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startContinuationHarness, type ContinuationHarness } from "./support/continuation-harness";

const ADA = { name: "Ada Lovelace", email: "ada@customer.test", phone: "+14155550177" };
let h: ContinuationHarness;

beforeAll(async () => {
  h = await startContinuationHarness("one-contact");
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe("one contact across widget, email and SMS", () => {
  it("shows the agent one contact with the three conversations on three channels", async () => {
    // 1. The widget, with the pre-chat form's name and email.
    const channelPath = await h.widget("three-widget-01");
    const started = await h.call("POST", `${channelPath}/conversations`, { body: { contact: { name: ADA.name, email: ADA.email }, visitorId: "visitor-ada-0001" } });
    expect(started.status).toBe(200);
    const web = started.body!.conversationId as string;
    const said = await h.call("POST", `${channelPath}/conversations/${web}/messages`, { token: started.body!.token, body: { text: "W-100", clientMessageId: "ada-web-1" } });
    expect(said).toMatchObject({ status: 200, body: { replies: [{ text: "What should we change about it?" }] } });
    const { contactId } = await h.database.db.conversation.findUniqueOrThrow({ where: { id: web } });

    // 2. An email from the same address: a new conversation on the email channel, the same contact.
    await h.mail({ from: `Ada <${ADA.email}>`, subject: "Another order", text: "E-200\n\nYou can text me at +1 415 555 0177.", messageId: "<ada-1@customer.test>" });
    await expect.poll(() => h.database.db.conversation.findFirst({ where: { workspaceChannelId: h.emailChannelId, contactId } })).not.toBeNull();
    const email = (await h.database.db.conversation.findFirstOrThrow({ where: { workspaceChannelId: h.emailChannelId, contactId } })).id;
    await h.deliver(email, 2);
    await expect.poll(() => h.relayed.filter((mail) => mail.inReplyTo === "<ada-1@customer.test>").length, { timeout: 20_000 }).toBe(1);

    // The agent notes the number from the email in the inbox's contact panel: it becomes the contact's.
    await h.staff.contactPanel.update({ conversationId: email, phone: ADA.phone });

    // 3. A text from that number: a new conversation on the SMS channel, the same contact.
    expect(await h.text(ADA.phone, "S-300")).toBe(200);
    const sms = (await h.database.db.conversation.findFirstOrThrow({ where: { workspaceChannelId: h.smsChannelId, contactId } })).id;
    await h.deliver(sms, 2);
    await expect.poll(() => h.twilio.sends.filter((send) => send.get("To") === ADA.phone).length, { timeout: 20_000 }).toBe(1);
    expect(h.twilio.sends.find((send) => send.get("To") === ADA.phone)!.get("Body")).toBe("What is your order number?\n\nWhat should we change about it?");

    // The agent's view: one contact by that name, its identities from all three channels and the three conversations.
    const listed = await h.staff.contacts.list({ query: "Ada", limit: 20 });
    expect(listed.contacts).toEqual([expect.objectContaining({ id: contactId, name: ADA.name, email: ADA.email, phone: ADA.phone, conversations: 3 })]);
    const contact = await h.staff.contacts.get({ id: contactId });
    expect(contact.identities.map((identity) => `${identity.kind}:${identity.value}`).sort()).toEqual([`email:${ADA.email}`, `phone:${ADA.phone}`, "visitor:visitor-ada-0001"]);
    const timeline = Object.fromEntries(contact.conversations.map((conversation) => [conversation.channel, conversation]));
    expect(contact.conversations).toHaveLength(3);
    expect(timeline).toMatchObject({
      web: { id: web, channelName: "three-widget-01" },
      email: { id: email, channelName: "Support mail" },
      sms: { id: sms, channelName: "Support SMS" },
    });
    // From the SMS conversation in the inbox, the panel shows the same person and the two others.
    const panel = await h.staff.contactPanel.get({ conversationId: sms });
    expect(panel.contact).toMatchObject({ id: contactId, email: ADA.email, phone: ADA.phone });
    expect(panel.past.map((conversation) => conversation.channel).sort()).toEqual(["email", "web"]);
  });
});
