// The email channel in the browser: an admin sets it up in Settings → Channels (address, relay,
// password), a customer's mail arrives over SMTP at the channel's inbound address, the bot's
// answer goes out through a loopback relay, and the inbox shows each message's delivery and the
// customer's attachment.
import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { createSmtpInbound } from "@parley/api-server";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";
import { EMAIL_DOMAIN } from "./support/stack";

const e2e = e2eSession();
let flowId: string;
let relay: SMTPServer;
let relayPort: number;
let inbound: SMTPServer;
let inboundPort: number;
/** Mail the relay took: the raw message per recipient. */
const relayed: { to: string; raw: string }[] = [];
/** Attempts the relay still refuses with 451 (the delivery retries them). */
let refuseNext = 0;

const ordersFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "order", kind: "ask", position: { x: 0, y: 140 }, config: { question: "Thanks for writing! What is your order number?", variable: "order" } },
    { id: "topic", kind: "ask", position: { x: 0, y: 280 }, config: { question: "Got {{order}}. Is it about billing or shipping?", variable: "topic", inputType: "choice", choices: "Billing\nShipping" } },
    { id: "done", kind: "ask", position: { x: 0, y: 420 }, config: { question: "Noted: {{topic}}. Anything else?", variable: "more" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "order" },
    { id: "e2", source: "order", sourcePort: "answered", target: "topic" },
    { id: "e3", source: "topic", sourcePort: "answered", target: "done" },
    { id: "e4", source: "topic", sourcePort: "invalid", target: "done" },
    { id: "e5", source: "done", sourcePort: "answered", target: "done" },
  ],
};

function listen(server: SMTPServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  relay = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        if (refuseNext > 0) {
          refuseNext -= 1;
          return callback(Object.assign(new Error("4.3.2 mailbox busy, try again"), { responseCode: 451 }));
        }
        for (const to of session.envelope.rcptTo) relayed.push({ to: to.address, raw });
        callback();
      });
    },
  });
  relayPort = await listen(relay);
  inbound = createSmtpInbound({ services: e2e.stack.services, seal: (plain) => e2e.stack.audioCipher.seal(plain), maxBytes: 1024 * 1024 });
  inboundPort = await listen(inbound);
  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Order mail", description: "Answers the support mailbox." }));
  await api.flows.saveDraft.mutate({ id: flowId, graph: ordersFlow });
  await api.flows.publish.mutate({ id: flowId });
});

afterAll(async () => {
  await new Promise((resolve) => inbound?.close(() => resolve(undefined)));
  await new Promise((resolve) => relay?.close(() => resolve(undefined)));
});

describe("the email channel", () => {
  it("is set up in Settings → Channels, takes a customer's mail and shows the answer's delivery in the inbox", async () => {
    const admin = await e2e.newPage();
    await admin.setViewportSize({ width: 1440, height: 1000 });
    await admin.goto(`${e2e.stack.builderUrl}/settings/channels`);
    await admin.getByTestId("channels-empty").waitFor();
    await admin.getByTestId("channel-new-email").click();
    await admin.getByTestId("channel-name").fill("Support mailbox");
    await admin.getByTestId("channel-flow").selectOption(flowId);
    await admin.getByTestId("email-address").fill("support@acme.test");
    await admin.getByTestId("email-from-name").fill("Acme support");
    await admin.getByTestId("email-relay-host").fill("127.0.0.1");
    await admin.getByTestId("email-relay-port").fill(String(relayPort));
    await admin.getByTestId("email-relay-user").fill("acme");
    await admin.getByTestId("email-relay-password").fill("relay-secret");
    await admin.getByTestId("channel-save").click();
    const address = admin.getByTestId("email-inbound-address");
    await address.waitFor();
    const channel = await e2e.stack.database.db.workspaceChannel.findFirstOrThrow({ where: { name: "Support mailbox" } });
    expect(await address.textContent()).toBe(`${channel.publicId}@${EMAIL_DOMAIN}`);
    expect(channel).toMatchObject({ kind: "email", config: { address: "support@acme.test", fromName: "Acme support", relay: { host: "127.0.0.1", port: relayPort, secure: false, user: "acme" } } });
    // The password is sealed, never stored or shown in the clear.
    expect(channel.secretData).not.toBeNull();
    expect(Buffer.from(channel.secretData!).toString("utf8")).not.toContain("relay-secret");
    await expect(admin.getByTestId("email-relay-password").inputValue()).resolves.toBe("");
    await expect(admin.getByTestId("email-relay-password").getAttribute("placeholder")).resolves.toBe("••••••••");
    await screenshot(admin, "email-1-channels-settings-1440");
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, "email-2-channels-settings-390");
    await admin.getByRole("button", { name: "Close" }).click();
    await admin.getByTestId(`channel-${channel.id}`).getByText("Email · Order mail · support@acme.test").waitFor();
    await screenshot(admin, "email-3-channels-list-390");
    await admin.close();

    // --- A customer writes; the bot answers by email through the relay (busy at first). -------
    refuseNext = 1;
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: inboundPort, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: "Grace Hopper <grace@customer.test>",
      to: `${channel.publicId}@${EMAIL_DOMAIN}`,
      subject: "Where is my parcel?",
      text: "Order A-1001\n\n-- \nGrace",
      attachments: [{ filename: "receipt.txt", content: "Receipt A-1001" }],
    });
    transport.close();
    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { workspaceChannelId: channel.id } });
    const inbox = await e2e.newPage();
    await inbox.setViewportSize({ width: 1440, height: 900 });
    await inbox.goto(`${e2e.stack.builderUrl}/inbox/${conversation.id}`);
    await inbox.getByTestId("message-files").getByText("receipt.txt").waitFor();
    // The file opens from the inbox: the API decrypts it for the signed-in agent (their cookie goes along).
    const [file] = await Promise.all([inbox.waitForEvent("popup"), inbox.getByTestId("message-file").click()]);
    await file.getByText("Receipt A-1001").waitFor();
    await file.close();
    const deliveries = inbox.getByTestId("message-delivery");
    // The relay's refusal shows while the delivery waits for its retry, then the page turns to
    // "sent" by itself: delivery progress is a live change, no reload.
    await deliveries.first().getByText("retrying: the relay answered 451", { exact: false }).waitFor();
    await screenshot(inbox, "email-4-inbox-retrying-1440");
    await expect.poll(() => deliveries.allTextContents()).toEqual(["Sent", "Sent"]);
    expect(relayed).toHaveLength(1);
    expect(relayed[0]!.to).toBe("grace@customer.test");
    expect(relayed[0]!.raw).toContain("1. Billing");
    await expect(inbox.getByTestId("detail-channel").textContent()).resolves.toBe("Email · Support mailbox");
    await screenshot(inbox, "email-5-inbox-delivery-1440");
    await inbox.setViewportSize({ width: 390, height: 844 });
    await deliveries.last().scrollIntoViewIfNeeded();
    await screenshot(inbox, "email-6-inbox-delivery-390");
    await inbox.close();
  });
});
