// The embeddable widget's paperclip and call button on a third-party page (another origin than
// the builder and the API): the visitor sends a photo (the file chooser, as a person would), sees
// its thumbnail, and an agent finds it in the inbox and downloads it; then the visitor calls from
// the widget's header: headless Chromium's microphone is an espeak-ng recording, the real voice
// gateway with the offline engines (Silero VAD, Whisper tiny.en, espeak-ng) hears it in the same
// conversation, and the bot's spoken reply shows in the widget's transcript.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";
import { microphoneWav } from "./support/speech-audio";
import { attachOfflineVoiceGateway } from "./support/voice-gateway";
import { gradientPng } from "../test/support/png";

const e2e = e2eSession({
  stack: { attach: (server, services) => attachOfflineVoiceGateway(server, services) },
  // Silence while the call connects; then the caller answers once (Chromium loops the file).
  browser: { fakeMicrophoneWav: microphoneWav("widget-call-name", "My name is John Smith.", { leadS: 4, trailS: 120 }) },
});
let shop: http.Server;
let shopUrl: string;
let snippet = "";

/** The problem (a photo will do) → the caller's name → a thank-you → a person takes over. */
const helpFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "issue", kind: "ask", position: { x: 0, y: 100 }, config: { question: "Hi! Tell us what happened, or send a photo of it.", variable: "issue" } },
    { id: "name", kind: "ask", position: { x: 0, y: 200 }, config: { question: "Got it. What is your name?", variable: "name" } },
    { id: "thanks", kind: "message", position: { x: 0, y: 300 }, config: { text: "Thanks {{name}}. A teammate will look at it." } },
    { id: "human", kind: "handoff", position: { x: 0, y: 400 }, config: { message: "Connecting you now.", team: "Support" } },
    { id: "end", kind: "end", position: { x: 0, y: 500 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e0", source: "start", sourcePort: "next", target: "issue" },
    { id: "e1", source: "issue", sourcePort: "answered", target: "name" },
    { id: "e2", source: "name", sourcePort: "answered", target: "thanks" },
    { id: "e3", source: "thanks", sourcePort: "next", target: "human" },
    { id: "e4", source: "human", sourcePort: "resolved", target: "end" },
    { id: "e5", source: "human", sourcePort: "returned", target: "end" },
  ],
};

beforeAll(async () => {
  shop = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Acme Shop</title>
<style>body { margin: 0; font-family: Georgia, serif; background: #fff7ed; } header { padding: 24px 40px; background: #fed7aa; } main { padding: 24px 40px; }</style></head>
<body><header><h1>Acme Shop</h1></header><main><p>Questions about an order? Chat or call us.</p></main>${snippet}</body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  const api = await e2e.stack.api("owner");
  const { id: flowId } = await api.flows.create.mutate({ name: "Widget help", description: "Photos and calls from the widget." });
  const saved = await api.flows.saveDraft.mutate({ id: flowId, graph: helpFlow });
  expect(saved.issues.filter((issue) => issue.severity === "error")).toEqual([]);
  await api.flows.publish.mutate({ id: flowId });
  const channel = await api.channels.create.mutate({ kind: "web_widget", name: "Acme chat", flowId, allowedOrigins: [shopUrl], config: { title: "Acme support", color: "#0f766e", voice: true } });
  snippet = `<script src="${e2e.stack.apiUrl}/widget.js" data-channel="${channel.publicId}" async></script>`;
});

afterAll(async () => {
  if (shop) await new Promise((resolve) => shop.close(resolve));
});

/** The call bar's words (inside the widget's shadow root), checked every frame so brief states count. */
async function sawCallText(page: Page, pattern: RegExp, timeout = 90_000): Promise<void> {
  await page.waitForFunction(
    `(${pattern.toString()}).test(document.querySelector("[data-parley-widget]")?.shadowRoot?.querySelector('[data-testid="widget-call-state"]')?.textContent ?? "")`,
    undefined,
    { timeout, polling: "raf" },
  );
}

/** The same moment at desktop and phone width. */
async function bothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("the widget's paperclip and call button", () => {
  it("sends a photo the agent downloads, then calls in the same conversation and shows the bot's spoken reply", async () => {
    const page = await e2e.newPage({ as: null });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${shopUrl}/`);
    await page.getByTestId("widget-bubble").click();
    const log = page.getByTestId("widget-log");
    await log.getByText("Hi! Tell us what happened, or send a photo of it.").waitFor();

    // --- The photo, picked with the paperclip. -------------------------------------------------
    const photo = gradientPng(320, 200);
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Attach a file" }).click()]);
    await chooser.setFiles({ name: "broken-lamp.png", mimeType: "image/png", buffer: photo });
    await log.getByText("Got it. What is your name?").waitFor();
    const thumbnail = log.getByTestId("widget-own-file").locator("img");
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(320);
    // The placeholder words stay out of the customer's bubble: the picture says it.
    await expect(log.getByText("[sent broken-lamp.png]").count()).resolves.toBe(0);
    await bothWidths(page, "widget-files-1-photo-sent");

    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { channel: "web", workspaceChannel: { name: "Acme chat" } }, orderBy: { createdAt: "desc" } });
    const stored = await e2e.stack.database.db.messageAttachment.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect([stored.fileName, stored.contentType, stored.bytes]).toEqual(["broken-lamp.png", "image/png", photo.byteLength]);

    // --- The agent sees it in the inbox and downloads it. --------------------------------------
    const inbox = await e2e.newPage();
    await inbox.goto(`${e2e.stack.builderUrl}/inbox/${conversation.id}`);
    const file = inbox.getByTestId("message-file").filter({ hasText: "broken-lamp.png" });
    await file.waitFor();
    const downloaded = await inbox.evaluate(async (href) => {
      const response = await fetch(href, { credentials: "include" });
      return { status: response.status, type: response.headers.get("content-type"), bytes: (await response.arrayBuffer()).byteLength };
    }, (await file.getAttribute("href"))!);
    expect(downloaded).toEqual({ status: 200, type: "image/png", bytes: photo.byteLength });
    await screenshot(inbox, "widget-files-2-inbox-attachment");
    await inbox.close();

    // --- The call, from the header: the same conversation, by voice. ---------------------------
    await page.getByRole("button", { name: "Call us" }).click();
    const bar = page.getByTestId("widget-call-bar");
    await page.locator('[data-testid="widget-call-bar"][data-phase="live"]').waitFor({ timeout: 60_000 });
    await sawCallText(page, /Live · Listening/);
    await bothWidths(page, "widget-files-3-call-live");
    // Whisper hears the name; the workflow answers; the reply is spoken and shown.
    await log.getByTestId("widget-message").filter({ hasText: /john smith/i }).first().waitFor({ timeout: 120_000 });
    await log.getByText(/Thanks .*John Smith.*A teammate will look at it/i).waitFor({ timeout: 120_000 });
    await sawCallText(page, /Live · Speaking/);
    await bothWidths(page, "widget-files-4-call-bot-replies");
    // The spoken words are the customer's message in the same conversation, marked as heard.
    const said = await e2e.stack.database.db.message.findMany({ where: { conversationId: conversation.id, author: "contact" }, orderBy: { seq: "asc" } });
    expect(said.map((message) => message.text)).toEqual(["[sent broken-lamp.png]", expect.stringMatching(/john smith/i)]);
    expect(said[1]!.meta).toMatchObject({ spoken: expect.anything() });

    // Mute, then hang up: the conversation goes on in writing.
    await bar.getByRole("button", { name: "Mute" }).click();
    await sawCallText(page, /Live · muted/);
    await bar.getByRole("button", { name: "Hang up" }).click();
    await sawCallText(page, /Call ended/);
    await expect(page.getByRole("textbox", { name: "Message" }).isEnabled()).resolves.toBe(true);

    // A text file dropped on the panel goes as the paperclip's would, shown as a chip.
    await page.evaluate(() => {
      const files = new DataTransfer();
      files.items.add(new File(["Order 1234: the lamp arrived broken.\n"], "order-note.txt", { type: "text/plain" }));
      const panel = document.querySelector("[data-parley-widget]")!.shadowRoot!.querySelector('[data-testid="widget-panel"]')!;
      panel.dispatchEvent(new DragEvent("drop", { dataTransfer: files, bubbles: true, cancelable: true }));
    });
    const chip = log.getByTestId("widget-own-file").filter({ hasText: "order-note.txt" });
    await chip.waitFor();
    await expect.poll(() => chip.getAttribute("href")).toMatch(/^blob:/);
    await expect.poll(() => e2e.stack.database.db.messageAttachment.count({ where: { conversationId: conversation.id, contentType: "text/plain" } })).toBe(1);
    await bothWidths(page, "widget-files-5-call-ended");
  });
});
