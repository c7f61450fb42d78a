// SMS and WhatsApp channels in the browser: an admin sets up a Twilio SMS channel and a WhatsApp
// Cloud API channel in Settings → Channels (credentials write-only, the webhook URL and verify
// token to copy), a customer's signed text arrives at the webhook, and the inbox shows the SMS
// conversation with the answer's delivery retrying (the browser tests' provider is unreachable;
// apps/api/test/sms-channel.test.ts covers sending against a Twilio peer).
import { beforeAll, describe, expect, it } from "vitest";
import { twilioSigns } from "../apps/api/test/support/provider-peers";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";
import { publishFlow, topicFlow } from "./support/flows";

const e2e = e2eSession();
let flowId: string;
const ACCOUNT_SID = `AC${"12ab".repeat(8)}`;
const AUTH_TOKEN = "0123456789abcdef0123456789abcdef";

beforeAll(async () => {
  flowId = await publishFlow(e2e.stack, "Texts", "Answers SMS and WhatsApp.", topicFlow);
});

describe("SMS and WhatsApp channels", () => {
  it("are set up in Settings → Channels and an SMS reaches the inbox", async () => {
    const admin = await e2e.newPage();
    await admin.setViewportSize({ width: 1440, height: 1000 });
    await admin.goto(`${e2e.stack.builderUrl}/settings/channels`);
    await admin.getByTestId("channel-new-sms").click();
    await admin.getByTestId("channel-name").fill("Support SMS");
    await admin.getByTestId("channel-flow").selectOption(flowId);
    await admin.getByTestId("twilio-account-sid").fill(ACCOUNT_SID);
    await admin.getByTestId("twilio-auth-token").fill(AUTH_TOKEN);
    await admin.getByTestId("twilio-from").fill("+14155550100");
    await admin.getByTestId("channel-save").click();
    const webhookUrl = admin.getByTestId("phone-webhook-url");
    await webhookUrl.waitFor();
    const sms = await e2e.stack.database.db.workspaceChannel.findFirstOrThrow({ where: { name: "Support SMS" } });
    expect(await webhookUrl.textContent()).toBe(`${e2e.stack.apiUrl}/channels/twilio/${sms.publicId}`);
    expect(sms).toMatchObject({ kind: "twilio", config: { accountSid: ACCOUNT_SID, from: "+14155550100" } });
    expect(Buffer.from(sms.secretData!).toString("utf8")).not.toContain(AUTH_TOKEN);
    await expect(admin.getByTestId("twilio-auth-token").inputValue()).resolves.toBe("");
    await screenshot(admin, "phone-1-sms-settings-1440");
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, "phone-2-sms-settings-390");
    await admin.getByRole("button", { name: "Close" }).click();

    await admin.setViewportSize({ width: 1440, height: 1000 });
    await admin.getByTestId("channel-new-whatsapp").click();
    await admin.getByTestId("channel-name").fill("Support WhatsApp");
    await admin.getByTestId("channel-flow").selectOption(flowId);
    await admin.getByTestId("whatsapp-phone-number-id").fill("106540352242922");
    await admin.getByTestId("whatsapp-access-token").fill(`EAAG${"x".repeat(40)}`);
    await admin.getByTestId("whatsapp-app-secret").fill("fedcba9876543210fedcba9876543210");
    await admin.getByTestId("whatsapp-template-name").fill("follow_up");
    await admin.getByTestId("channel-save").click();
    await admin.getByTestId("phone-verify-token").waitFor();
    const whatsapp = await e2e.stack.database.db.workspaceChannel.findFirstOrThrow({ where: { name: "Support WhatsApp" } });
    expect(whatsapp).toMatchObject({ kind: "whatsapp", config: { phoneNumberId: "106540352242922", template: { name: "follow_up", language: "en_US" } } });
    // Meta's handshake answers with the token shown on the page.
    const token = (await admin.getByTestId("phone-verify-token").textContent()) ?? "";
    const handshake = await fetch(`${e2e.stack.apiUrl}/channels/whatsapp/${whatsapp.publicId}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=771`);
    expect(await handshake.text()).toBe("771");
    await screenshot(admin, "phone-3-whatsapp-settings-1440");
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, "phone-4-whatsapp-settings-390");
    await admin.getByRole("button", { name: "Close" }).click();
    await admin.getByTestId(`channel-${sms.id}`).getByText("SMS / WhatsApp (Twilio) · Texts · +14155550100").waitFor();
    await screenshot(admin, "phone-5-channels-list-390");
    await admin.close();

    // --- A customer texts the number: Twilio posts the signed webhook. -------------------------
    const url = `${e2e.stack.apiUrl}/channels/twilio/${sms.publicId}`;
    const params = { MessageSid: `SM${"5".repeat(32)}`, AccountSid: ACCOUNT_SID, From: "+14155550177", To: "+14155550100", Body: "Hello", NumMedia: "0" };
    const posted = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSigns(AUTH_TOKEN, url, params) }, body: new URLSearchParams(params) });
    expect(posted.status).toBe(200);
    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { workspaceChannelId: sms.id } });
    const inbox = await e2e.newPage();
    await inbox.setViewportSize({ width: 1440, height: 900 });
    await inbox.goto(`${e2e.stack.builderUrl}/inbox/${conversation.id}`);
    await expect.poll(() => inbox.getByTestId("detail-channel").textContent()).toBe("SMS · Support SMS");
    // The provider cannot be reached here: the delivery shows it is retrying, with why.
    await inbox.getByTestId("message-delivery").first().getByText("retrying: Twilio could not be reached", { exact: false }).waitFor();
    await screenshot(inbox, "phone-6-inbox-sms-1440");
    await inbox.setViewportSize({ width: 390, height: 844 });
    await screenshot(inbox, "phone-7-inbox-sms-390");
    await inbox.close();
  });
});
