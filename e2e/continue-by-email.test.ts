// "Continue by email" in the browser: a visitor of a shop page (another origin) answers the flow
// in the embeddable widget, moves the chat to email with the widget's link, sees that it goes on
// there, and gets the first email through a loopback relay; the inbox header shows the way the
// conversation went ("Web widget → Email").
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession, sendChatMessage } from "./support/session";

const e2e = e2eSession();
let shop: http.Server;
let shopUrl: string;
let relay: SMTPServer;
let snippet = "";
let flowId: string;
const relayed: { to: string; raw: string }[] = [];

const flow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "order", kind: "ask", position: { x: 0, y: 140 }, config: { question: "Hi! What is your order number?", variable: "order" } },
    { id: "wish", kind: "ask", position: { x: 0, y: 280 }, config: { question: "Thanks, {{order}}. What should we change?", variable: "wish" } },
    { id: "more", kind: "ask", position: { x: 0, y: 420 }, config: { question: "Noted for {{order}}: {{wish}}. Anything else?", variable: "more" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "order" },
    { id: "e2", source: "order", sourcePort: "answered", target: "wish" },
    { id: "e3", source: "wish", sourcePort: "answered", target: "more" },
    { id: "e4", source: "more", sourcePort: "answered", target: "more" },
  ],
};

beforeAll(async () => {
  shop = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Acme</title></head>
<body style="margin:0;background:#fff7ed;font-family:Georgia,serif"><header style="padding:24px 40px;background:#fed7aa"><h1>Acme Shop</h1></header>${snippet}</body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  relay = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        for (const to of session.envelope.rcptTo) relayed.push({ to: to.address, raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", () => resolve()));
  const relayPort = (relay.server.address() as AddressInfo).port;

  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Order changes" }));
  await api.flows.saveDraft.mutate({ id: flowId, graph: flow });
  await api.flows.publish.mutate({ id: flowId });
  await api.channels.create.mutate({
    kind: "email",
    name: "Support mailbox",
    flowId,
    config: { address: "support@acme.test", fromName: "Acme support", relay: { host: "127.0.0.1", port: relayPort, secure: false, user: "acme" } },
    relayPassword: "relay-secret",
  });
  const widget = await api.channels.create.mutate({ kind: "web_widget", name: "Acme chat", flowId, allowedOrigins: [shopUrl], config: { title: "Acme support", color: "#0f766e", preChatForm: false } });
  snippet = `<script src="${e2e.stack.apiUrl}/widget.js" data-channel="${widget.publicId}" async></script>`;
});

afterAll(async () => {
  if (shop) await new Promise((resolve) => shop.close(resolve));
  await new Promise((resolve) => relay?.close(() => resolve(undefined)));
});

describe("continue by email", () => {
  it("moves a widget chat to email from the widget's link; the first email arrives and the inbox shows the move", async () => {
    const page = await e2e.newPage({ as: null });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${shopUrl}/`);
    await page.getByTestId("widget-bubble").click();
    const log = page.getByTestId("widget-log");
    await log.getByText("Hi! What is your order number?").waitFor();
    await page.getByLabel("Message").fill("A-2048");
    await page.getByLabel("Message").press("Enter");
    await log.getByText("Thanks, A-2048. What should we change?").waitFor();

    await page.getByTestId("widget-continue-email").click();
    const form = page.getByTestId("widget-email-form");
    await form.getByLabel("Your email").fill("not an address");
    // The browser's own check stops a malformed address before it is sent.
    await form.getByRole("button", { name: "Continue by email" }).click();
    await expect(form.getByLabel("Your email").evaluate((input: HTMLInputElement) => input.validity.valid)).resolves.toBe(false);
    await form.getByLabel("Your email").fill("ada@customer.test");
    await screenshot(page, "continue-email-1-form-1440");
    await form.getByRole("button", { name: "Continue by email" }).click();
    await page.getByTestId("widget-continued").waitFor();
    await log.getByText("Your conversation continues here", { exact: false }).waitFor();
    await expect(page.getByLabel("Message").isDisabled()).resolves.toBe(true);
    await screenshot(page, "continue-email-2-moved-1440");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "continue-email-3-moved-390");

    // The first email of the new thread, delivered by the worker's dispatcher through the relay.
    await expect.poll(() => relayed.length, { timeout: 20_000 }).toBe(1);
    expect(relayed[0]!.to).toBe("ada@customer.test");
    expect(relayed[0]!.raw).toContain("Subject: Your conversation continues by email");
    expect(relayed[0]!.raw).toContain("What should we change?");

    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { contact: { email: "ada@customer.test" } } });
    expect(conversation.channel).toBe("email");
    // The widget's settings offer the workspace's email channel for it.
    const admin = await e2e.newPage();
    await admin.setViewportSize({ width: 1440, height: 1000 });
    await admin.goto(`${e2e.stack.builderUrl}/settings/channels`);
    const widgetRow = await e2e.stack.database.db.workspaceChannel.findFirstOrThrow({ where: { name: "Acme chat" } });
    await admin.getByTestId(`channel-${widgetRow.id}`).getByTestId("channel-edit").click();
    const continueSelect = admin.getByTestId("channel-continue-email");
    await continueSelect.scrollIntoViewIfNeeded();
    await expect(continueSelect.locator("option").first().textContent()).resolves.toBe("The email channel (Support mailbox)");
    await screenshot(admin, "continue-email-0-widget-settings-1440");
    await admin.close();

    const inbox = await e2e.newPage();
    await inbox.setViewportSize({ width: 1440, height: 900 });
    await inbox.goto(`${e2e.stack.builderUrl}/inbox/${conversation.id}`);
    await inbox.getByTestId("detail-channel").getByText("Web widget → Email · Support mailbox").waitFor();
    await inbox.getByText("Moved from Web widget to Email (ada@customer.test) by the customer").waitFor();
    await screenshot(inbox, "continue-email-4-inbox-1440");
    await inbox.close();
    await page.close();
  });

  it("moves a conversation of the builder's web chat page to the workspace's only email channel", async () => {
    const chat = await e2e.newPage();
    await chat.setViewportSize({ width: 1440, height: 900 });
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    await sendChatMessage(chat, "B-77");
    const log = chat.getByRole("log");
    await log.getByText("Thanks, B-77. What should we change?").waitFor();
    await chat.getByTestId("chat-continue-email").click();
    await chat.getByTestId("chat-email-form").getByLabel("Your email").fill("grace@customer.test");
    await chat.getByTestId("chat-email-form").getByRole("button", { name: "Continue by email" }).click();
    await chat.getByTestId("chat-continued").waitFor();
    await expect(chat.getByTestId("chat-input").isDisabled()).resolves.toBe(true);
    await screenshot(chat, "continue-email-5-web-chat-1440");
    await expect.poll(() => relayed.filter((mail) => mail.to === "grace@customer.test").length, { timeout: 20_000 }).toBe(1);
    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { contact: { email: "grace@customer.test" } } });
    expect(conversation.channel).toBe("email");
    await chat.close();
  });
});
