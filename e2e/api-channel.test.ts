// The custom (API) channel in the browser: an admin creates it in Settings → Channels and sees
// the signing secret once (with the inbound URL and a curl example to copy), rotates it, an
// integration posts a message signed with the secret shown, and the inbox shows the conversation
// with the answer's delivery refused by the SSRF guard (a loopback callback URL the browser
// tests' worker may not call; apps/api/test/api-channel.test.ts covers delivery to a receiver).
import { beforeAll, describe, expect, it } from "vitest";
import { parleySigns } from "../apps/api/test/support/provider-peers";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";
import { publishFlow, topicFlow } from "./support/flows";

const e2e = e2eSession();
let flowId: string;

beforeAll(async () => {
  flowId = await publishFlow(e2e.stack, "Bridge", "Answers the Telegram bridge.", topicFlow);
});

describe("custom (API) channel", () => {
  it("is set up in Settings → Channels, shows its secret once, and a signed post reaches the inbox", async () => {
    const admin = await e2e.newPage();
    await admin.setViewportSize({ width: 1440, height: 1000 });
    await admin.goto(`${e2e.stack.builderUrl}/settings/channels`);
    await admin.getByTestId("channel-new-api").click();
    await admin.getByTestId("channel-name").fill("Telegram bridge");
    await admin.getByTestId("channel-flow").selectOption(flowId);
    await admin.getByTestId("api-callback-url").fill("http://example.com/callback");
    await admin.getByTestId("channel-save").click();
    await admin.getByText("the callback URL must use https", { exact: false }).waitFor();
    await admin.getByTestId("api-callback-url").fill("https://127.0.0.1:9/parley");
    await admin.getByTestId("channel-save").click();
    const secretShown = admin.getByTestId("api-secret");
    await secretShown.waitFor();
    const channel = await e2e.stack.database.db.workspaceChannel.findFirstOrThrow({ where: { name: "Telegram bridge" } });
    const inboundUrl = `${e2e.stack.apiUrl}/channels/api/${channel.publicId}/messages`;
    expect(await admin.getByTestId("api-inbound-url").textContent()).toBe(inboundUrl);
    expect(await admin.getByTestId("api-curl").textContent()).toContain(`curl -sS -X POST '${inboundUrl}'`);
    const first = (await secretShown.textContent()) ?? "";
    expect(first).toMatch(/^pcs_/);
    expect(Buffer.from(channel.secretData!).toString("utf8")).not.toContain(first);
    await screenshot(admin, "api-1-settings-1440");
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, "api-2-settings-390");

    await admin.setViewportSize({ width: 1440, height: 1000 });
    await admin.getByTestId("api-rotate").click();
    await admin.getByRole("button", { name: "Rotate secret" }).last().click();
    await expect.poll(() => secretShown.textContent()).not.toBe(first);
    const secret = (await secretShown.textContent()) ?? "";
    await admin.getByRole("button", { name: "Close" }).click();
    await admin.getByTestId(`channel-${channel.id}`).getByText("Custom (API) · Bridge · https://127.0.0.1:9/parley").waitFor();
    // Shown once: reopening the channel no longer shows it.
    await admin.getByTestId(`channel-${channel.id}`).getByTestId("channel-edit").click();
    await admin.getByTestId("api-inbound-url").waitFor();
    expect(await admin.getByTestId("api-secret").count()).toBe(0);
    await admin.close();

    // --- The integration posts a customer's message, signed with the rotated secret. ----------
    const body = JSON.stringify({ conversation: "tg-chat-9", sender: { id: "tg-user-9", name: "Grace Hopper" }, message: { id: "tg-1", text: "Billing" } });
    expect((await fetch(inboundUrl, { method: "POST", headers: { "content-type": "application/json", "x-parley-signature": parleySigns(first, body) }, body })).status).toBe(401);
    const posted = await fetch(inboundUrl, { method: "POST", headers: { "content-type": "application/json", "x-parley-signature": parleySigns(secret, body) }, body });
    expect(posted.status).toBe(200);
    const answer = (await posted.json()) as { conversationId: string; replies: { text: string }[] };
    expect(answer.replies.map((reply) => reply.text)).toEqual(["Hi! Is it about billing or shipping?", "Noted: Billing. Anything else?"]);
    const inbox = await e2e.newPage();
    await inbox.setViewportSize({ width: 1440, height: 900 });
    await inbox.goto(`${e2e.stack.builderUrl}/inbox/${answer.conversationId}`);
    await expect.poll(() => inbox.getByTestId("detail-channel").textContent()).toBe("API · Telegram bridge");
    // The SSRF guard refuses the loopback callback here: the delivery shows as failed, with why.
    await inbox.getByTestId("message-delivery").first().getByText("127.0.0.1 is a loopback address", { exact: false }).waitFor({ timeout: 30_000 });
    await screenshot(inbox, "api-3-inbox-1440");
    await inbox.setViewportSize({ width: 390, height: 844 });
    await screenshot(inbox, "api-4-inbox-390");
    await inbox.close();
  });
});
