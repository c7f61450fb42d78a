// One customer on three channels in the browser: a shop visitor chats in the embeddable widget
// (pre-chat form: name and email), starts a second chat and moves it to SMS with the widget's
// "Continue by email or SMS" (which links their number), answers by text (a signed Twilio
// webhook), writes an email from the same address (the API's inbound SMTP endpoint), and the
// agent's contact page shows one contact with the three conversations: web, SMS and email.
// The browser tests' Twilio is unreachable, so the bot's texts stay queued and retrying;
// apps/api/test/continue-by-sms.test.ts covers sending against a Twilio peer.
import http from "node:http";
import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createSmtpInbound } from "../apps/api/src/email/smtp-inbound";
import { twilioSigns } from "../apps/api/test/support/provider-peers";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";
import { publishFlow } from "./support/flows";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";

const e2e = e2eSession();
const ACCOUNT_SID = `AC${"77ab".repeat(8)}`;
const AUTH_TOKEN = "abcdef0123456789abcdef0123456789";
const PHONE = "+14155550177";
let shop: http.Server;
let shopUrl: string;
let snippet = "";
let relay: SMTPServer;
let inbound: SMTPServer;
let inboundPort: number;
let smsWebhook: string;
let smsChannelId: string;

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

const listen = (server: SMTPServer) => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port)));

async function both(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 860 });
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 860 });
}

beforeAll(async () => {
  shop = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Acme</title></head>
<body style="margin:0;background:#f0f9ff;font-family:Georgia,serif"><header style="padding:24px 40px;background:#bae6fd"><h1>Acme Shop</h1></header>${snippet}</body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  relay = new SMTPServer({ disabledCommands: ["STARTTLS"], allowInsecureAuth: true, logger: false, onAuth: (auth, _s, callback) => callback(null, { user: auth.username }), onData: (stream, _s, callback) => stream.on("end", () => callback()).resume() });
  const relayPort = await listen(relay);
  inbound = createSmtpInbound({ services: e2e.stack.services, seal: (plain) => e2e.stack.audioCipher.seal(plain), maxBytes: 256 * 1024 });
  inboundPort = await listen(inbound);

  const api = await e2e.stack.api("owner");
  const flowId = await publishFlow(e2e.stack, "Order changes", "Answers every channel.", flow);
  await api.channels.create.mutate({ kind: "email", name: "Support mailbox", flowId, config: { address: "support@acme.test", fromName: "Acme support", relay: { host: "127.0.0.1", port: relayPort, secure: false, user: "acme" } }, relayPassword: "relay-secret" });
  const sms = await api.channels.create.mutate({ kind: "twilio", name: "Support SMS", flowId, config: { accountSid: ACCOUNT_SID, from: "+14155550100" }, authToken: AUTH_TOKEN });
  smsWebhook = `${e2e.stack.apiUrl}/channels/twilio/${sms.publicId}`;
  smsChannelId = sms.id;
  const widget = await api.channels.create.mutate({ kind: "web_widget", name: "Acme chat", flowId, allowedOrigins: [shopUrl], config: { title: "Acme support", color: "#0369a1", preChatForm: true } });
  snippet = `<script src="${e2e.stack.apiUrl}/widget.js" data-channel="${widget.publicId}" async></script>`;
});

afterAll(async () => {
  if (shop) await new Promise((resolve) => shop.close(resolve));
  await new Promise((resolve) => relay?.close(() => resolve(undefined)));
  await new Promise((resolve) => inbound?.close(() => resolve(undefined)));
});

describe("one contact across widget, SMS and email", () => {
  it("moves a widget chat to SMS, takes the customer's text and email, and shows one contact with three conversations", async () => {
    const page = await e2e.newPage({ as: null });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${shopUrl}/`);
    await page.getByTestId("widget-bubble").click();
    const prechat = page.getByTestId("widget-prechat");
    await prechat.getByLabel("Name").fill("Ada Lovelace");
    await prechat.getByLabel("Email").fill("ada@customer.test");
    await prechat.getByRole("button", { name: "Start chat" }).click();
    const log = page.getByTestId("widget-log");
    await log.getByText("Hi! What is your order number?").waitFor();
    await page.getByLabel("Message").fill("W-100");
    await page.getByLabel("Message").press("Enter");
    await log.getByText("Thanks, W-100. What should we change?").waitFor();
    // An agent resolves the first chat; the customer starts another.
    const first = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { contact: { email: "ada@customer.test" } } });
    await (await e2e.stack.api("owner")).conversations.resolve.mutate({ conversationId: first.id });
    await page.getByRole("button", { name: "Start a new conversation" }).click({ timeout: 30_000 });
    await prechat.getByLabel("Name").fill("Ada Lovelace");
    await prechat.getByLabel("Email").fill("ada@customer.test");
    await prechat.getByRole("button", { name: "Start chat" }).click();
    await page.getByLabel("Message").fill("W-200");
    await page.getByLabel("Message").press("Enter");
    await log.getByText("Thanks, W-200. What should we change?").waitFor();

    // "Continue by email or SMS": the workspace has both; SMS chosen, a number given.
    await page.getByRole("button", { name: "Continue by email or SMS" }).click();
    const form = page.getByTestId("widget-email-form");
    await expect(form.getByLabel("Your email").inputValue()).resolves.toBe("ada@customer.test");
    await form.getByLabel("SMS").check();
    await form.getByLabel("Your mobile number").fill("+1 415 555 0177");
    await both(page, "three-channels-1-continue-form");
    await form.getByRole("button", { name: "Continue by SMS" }).click();
    await page.getByTestId("widget-continued").getByText("This conversation continues by SMS", { exact: false }).waitFor();
    await log.getByText("Your conversation continues here: reply to this message to go on.", { exact: false }).waitFor();
    await expect(page.getByLabel("Message").isDisabled()).resolves.toBe(true);
    await both(page, "three-channels-2-continued-by-sms");

    // Ada answers by text (as Twilio posts it), then writes an email from her address.
    const params = { MessageSid: `SM${"5".repeat(32)}`, AccountSid: ACCOUNT_SID, From: PHONE, To: "+14155550100", Body: "Gift wrap it", NumMedia: "0", SmsStatus: "received" };
    const texted = await fetch(smsWebhook, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSigns(AUTH_TOKEN, smsWebhook, params) }, body: new URLSearchParams(params) });
    expect(texted.status).toBe(200);
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: inboundPort, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: "Ada <ada@customer.test>", to: "support@acme.test", subject: "A third order", text: "E-300" }).finally(() => transport.close());

    const contact = await e2e.stack.database.db.contact.findFirstOrThrow({ where: { email: "ada@customer.test" } });
    expect(await e2e.stack.database.db.contact.count({ where: { OR: [{ email: "ada@customer.test" }, { phone: PHONE }] } })).toBe(1);
    const agent = await e2e.newPage();
    await agent.goto(`${e2e.stack.builderUrl}/contacts/${contact.id}`);
    await agent.getByTestId("contact-timeline").waitFor();
    const channels = () => agent.getByTestId("timeline-entry").evaluateAll((entries) => entries.map((entry) => entry.getAttribute("data-channel")));
    await expect.poll(channels, { timeout: 20_000 }).toEqual(["email", "sms", "web"]);
    await expect(agent.getByTestId("contact-identities").textContent()).resolves.toContain(PHONE);
    // The text threaded into the chat that moved to SMS, its order number still known.
    await agent.getByTestId("contact-timeline").getByText("Noted for W-200: Gift wrap it. Anything else?").waitFor();
    await both(agent, "three-channels-3-contact-timeline");

    // The settings behind it: the widget offers the only SMS channel; that channel takes dropped calls.
    await agent.goto(`${e2e.stack.builderUrl}/settings/channels`);
    const widgetRow = await e2e.stack.database.db.workspaceChannel.findFirstOrThrow({ where: { name: "Acme chat" } });
    await agent.getByTestId(`channel-${widgetRow.id}`).getByTestId("channel-edit").click();
    const smsSelect = agent.getByTestId("channel-continue-sms");
    await smsSelect.scrollIntoViewIfNeeded();
    await expect(smsSelect.locator("option").first().textContent()).resolves.toBe("The SMS channel (Support SMS)");
    await both(agent, "three-channels-4-widget-settings");
    await agent.getByRole("button", { name: "Close" }).click();
    await agent.getByTestId(`channel-${smsChannelId}`).getByTestId("channel-edit").click();
    const dropped = agent.getByTestId("twilio-dropped-calls");
    await dropped.scrollIntoViewIfNeeded();
    await expect(dropped.isChecked()).resolves.toBe(true);
    await both(agent, "three-channels-5-sms-settings");
    await agent.close();
    await page.close();
  });
});
