// An email channel that polls an IMAP mailbox, in the browser: the admin picks "IMAP mailbox" in
// Settings → Channels, tests the connection (a wrong password's clear refusal, then the mailbox's
// message count), saves; mail in the loopback IMAP mailbox (test/support/imap-server.ts) becomes a
// conversation once the API's poller runs, and the channel shows its last check, then the error
// once the password stops working.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { ImapPoller } from "@parley/api";
import { createAudioCipher } from "@parley/activities/voice";
import { startImapTestServer, type ImapTestServer } from "../test/support/imap-server";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();
let flowId: string;
let imap: ImapTestServer;
let poller: ImapPoller;

const helloFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "order", kind: "ask", position: { x: 0, y: 140 }, config: { question: "Thanks for writing! What is your order number?", variable: "order" } },
    { id: "more", kind: "ask", position: { x: 0, y: 280 }, config: { question: "Noted. Anything else?", variable: "more" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "order" },
    { id: "e2", source: "order", sourcePort: "answered", target: "more" },
    { id: "e3", source: "more", sourcePort: "answered", target: "more" },
  ],
};

beforeAll(async () => {
  imap = await startImapTestServer({ user: "support@acme.test", password: "imap-secret" });
  imap.deliver(["From: Grace Hopper <grace@customer.test>", "To: support@acme.test", "Subject: Where is my parcel?", "Message-ID: <parcel@customer.test>", "", "Order A-1001", ""].join("\n"));
  poller = new ImapPoller(e2e.stack.services, { seal: (plain) => createAudioCipher(randomBytes(32)).seal(plain), maxBytes: 1024 * 1024 });
  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Order mail", description: "Answers the support mailbox." }));
  await api.flows.saveDraft.mutate({ id: flowId, graph: helloFlow });
  await api.flows.publish.mutate({ id: flowId });
});

afterAll(async () => {
  await imap?.close();
});

describe("an email channel on an IMAP mailbox", () => {
  it("is set up with a tested connection, takes the mailbox's mail and shows its last check and error", async () => {
    const admin = await e2e.newPage();
    await admin.setViewportSize({ width: 1280, height: 1000 });
    await admin.goto(`${e2e.stack.builderUrl}/settings/channels`);
    await admin.getByTestId("channel-new-email").click();
    await admin.getByTestId("channel-name").fill("Support mailbox");
    await admin.getByTestId("channel-flow").selectOption(flowId);
    await admin.getByTestId("email-address").fill("support@acme.test");
    await admin.getByTestId("email-inbound-imap").check();
    await admin.getByTestId("imap-host").fill("127.0.0.1");
    await admin.getByTestId("imap-port").fill(String(imap.port));
    await admin.getByTestId("email-inbound").getByText("Implicit TLS (port 993)").click();
    await admin.getByTestId("imap-user").fill("support@acme.test");
    await admin.getByTestId("imap-password").fill("not-it");
    await admin.getByTestId("imap-test").click();
    const result = admin.getByTestId("imap-test-result");
    await result.getByText("refused the user name or password", { exact: false }).waitFor();
    await admin.getByTestId("email-inbound").scrollIntoViewIfNeeded();
    await screenshot(admin, "imap-1-test-refused-1280");
    await admin.getByTestId("imap-password").fill("imap-secret");
    await admin.getByTestId("imap-test").click();
    await result.getByText("Signed in: 1 message in INBOX, 1 unread.").waitFor();
    await screenshot(admin, "imap-2-test-ok-1280");
    await admin.getByTestId("channel-save").click();
    await admin.getByTestId("imap-status").getByText("Not checked yet", { exact: false }).waitFor();
    const channel = await e2e.stack.database.db.workspaceChannel.findFirstOrThrow({ where: { name: "Support mailbox" } });
    expect(channel.config).toMatchObject({ inbound: "imap", imap: { host: "127.0.0.1", port: imap.port, tls: false, user: "support@acme.test", mailbox: "INBOX", pollSeconds: 60 } });
    // The password is sealed, never stored or shown in the clear.
    const mailbox = await e2e.stack.database.db.imapMailbox.findUniqueOrThrow({ where: { channelId: channel.id } });
    expect(Buffer.from(mailbox.passwordData!).toString("utf8")).not.toContain("imap-secret");
    await expect(admin.getByTestId("imap-password").inputValue()).resolves.toBe("");

    // --- The poller (the API process's, here driven by hand) takes the mail. -----------------
    await expect(poller.pollChannel(channel.id)).resolves.toEqual({ taken: 1, skipped: 0, error: null });
    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { workspaceChannelId: channel.id }, include: { contact: true } });
    expect(conversation.contact?.email).toBe("grace@customer.test");
    await admin.reload();
    await admin.getByTestId(`channel-${channel.id}`).getByTestId("channel-edit").click();
    await admin.getByTestId("imap-last-poll").getByText("1 message taken so far", { exact: false }).waitFor();
    await screenshot(admin, "imap-3-channel-checked-1280");
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.getByTestId("imap-status").scrollIntoViewIfNeeded();
    await screenshot(admin, "imap-4-channel-checked-390");

    // --- The mailbox's password changes: the channel shows why its checks fail. --------------
    await admin.getByTestId("imap-password").fill("changed-elsewhere");
    await admin.getByTestId("channel-save").click();
    await admin.getByRole("status").getByText("Saved", { exact: true }).waitFor();
    await expect(poller.pollChannel(channel.id)).resolves.toMatchObject({ error: expect.stringContaining("refused") });
    await admin.reload();
    const row = admin.getByTestId(`channel-${channel.id}`);
    await row.getByTestId("channel-imap-error").getByText("refused the user name or password", { exact: false }).waitFor();
    await screenshot(admin, "imap-5-channels-list-error-390");
    await admin.setViewportSize({ width: 1280, height: 900 });
    await row.getByTestId("channel-edit").click();
    await admin.getByTestId("imap-last-error").getByText("Last check failed", { exact: false }).waitFor();
    await screenshot(admin, "imap-6-channel-error-1280");
    await admin.close();
  });
});
