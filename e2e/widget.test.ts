// The embeddable widget on a third-party site: an admin creates it in Settings → Channels and
// copies the snippet; a page served from another origin embeds it; the customer talks to the
// flow (typed and by quick reply), reloads into the same conversation, is handed to a person,
// and sees the agent's reply from the inbox pushed down its stream, never polled (with an unread
// badge while the panel is closed).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();
let flowId: string;
let shop: http.Server;
let shopUrl: string;
/** The page the shop serves: the snippet an admin copied, on a page with styles of its own. */
let snippet = "";

/** welcome (with a picture) → order number → topic (quick replies) → hand off to Support. */
function shopFlow(pictureUrl: string): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
      { id: "welcome", kind: "message", position: { x: 0, y: 70 }, config: { text: "Welcome to Acme!", mediaUrl: pictureUrl } },
      { id: "order", kind: "ask", position: { x: 0, y: 140 }, config: { question: "Hi! What is your order number?", variable: "order" } },
      {
        id: "topic",
        kind: "ask",
        position: { x: 0, y: 280 },
        config: { question: "Thanks, {{order}}. What is it about?", variable: "topic", inputType: "choice", choices: "Billing\nShipping" },
      },
      { id: "human", kind: "handoff", position: { x: 0, y: 420 }, config: { message: "Let me connect you with a teammate.", team: "Support", summary: "{{topic}} for {{order}}" } },
      { id: "end", kind: "end", position: { x: 0, y: 560 }, config: { status: "resolved" } },
    ],
    edges: [
      { id: "e0", source: "start", sourcePort: "next", target: "welcome" },
      { id: "e1", source: "welcome", sourcePort: "next", target: "order" },
      { id: "e2", source: "order", sourcePort: "answered", target: "topic" },
      { id: "e3", source: "topic", sourcePort: "answered", target: "human" },
      { id: "e4", source: "human", sourcePort: "resolved", target: "end" },
      { id: "e5", source: "human", sourcePort: "returned", target: "end" },
      { id: "e6", source: "topic", sourcePort: "invalid", target: "human" },
    ],
  };
}

/** The shop's sale picture: a small SVG the welcome message links to. */
const SALE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="90"><rect width="240" height="90" rx="10" fill="#fb923c"/><text x="120" y="56" font-size="28" text-anchor="middle" fill="#fff" font-family="sans-serif">20% off</text></svg>`;

const SHOP_PAGE = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Shop</title>
<style>
  /* A host page's heavy-handed styles: none of this may reach the widget. */
  * { font-family: Georgia, serif !important; color: #7c2d12 !important; }
  button { background: #fde047 !important; border: 4px dashed #7c2d12 !important; border-radius: 0 !important; }
  div { padding: 12px; }
  body { margin: 0; background: #fff7ed; }
  header { padding: 24px 40px; background: #fed7aa; } main { padding: 24px 40px; max-width: 720px; }
</style></head>
<body><header><h1>Acme Shop</h1></header><main><h2>Autumn sale</h2><p>Everything in the store is 20% off this week.</p>
<button type="button">Add to basket</button></main>${body}</body></html>`;

beforeAll(async () => {
  // Another origin than the builder and the API: a loopback static server on a port of its own.
  shop = http.createServer((req, res) => {
    if (req.url === "/sale.svg") {
      res.setHeader("content-type", "image/svg+xml");
      return res.end(SALE_SVG);
    }
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(SHOP_PAGE(snippet));
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Shop help", description: "Answers the shop's chat widget." }));
  const saved = await api.flows.saveDraft.mutate({ id: flowId, graph: shopFlow(`${shopUrl}/sale.svg`) });
  expect(saved.issues.filter((issue) => issue.severity === "error")).toEqual([]);
  await api.flows.publish.mutate({ id: flowId });
});

afterAll(async () => {
  if (shop) await new Promise((resolve) => shop.close(resolve));
});

describe("the embeddable widget", () => {
  it("is set up in Settings → Channels and talks to the flow and an agent from a page of another origin", async () => {
    // --- The admin creates the widget and copies its snippet. ---------------------------------
    const admin = await e2e.newPage();
    await admin.setViewportSize({ width: 1440, height: 1000 });
    await admin.goto(`${e2e.stack.builderUrl}/settings/channels`);
    await admin.getByTestId("channels-empty").waitFor();
    await admin.getByTestId("channel-new").click();
    await admin.getByTestId("channel-name").fill("Acme shop chat");
    await admin.getByTestId("channel-flow").selectOption(flowId);
    await admin.getByTestId("channel-origins").fill(shopUrl);
    await admin.getByTestId("channel-title").fill("Acme support");
    await admin.getByTestId("channel-color").fill("#0f766e");
    await admin.getByTestId("preview-title").getByText("Acme support").waitFor();
    await admin.getByTestId("channel-save").click();
    const code = admin.getByTestId("channel-snippet");
    await code.waitFor();
    snippet = (await code.textContent())!;
    const channel = await e2e.stack.database.db.workspaceChannel.findFirstOrThrow({ where: { name: "Acme shop chat" } });
    expect(snippet).toBe(`<script src="${e2e.stack.apiUrl}/widget.js" data-channel="${channel.publicId}" async></script>`);
    expect(channel.allowedOrigins).toEqual([shopUrl]);
    // The editor now shows the saved channel's values, ready for changes.
    await expect(admin.getByTestId("channel-name").inputValue()).resolves.toBe("Acme shop chat");
    await expect(admin.getByTestId("channel-origins").inputValue()).resolves.toBe(shopUrl);
    await screenshot(admin, "widget-1-channels-settings-1440");
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, "widget-2-channels-settings-390");
    await admin.close();

    // --- A visitor of the shop opens the chat and answers the flow. -------------------------
    const page = await e2e.newPage({ as: null });
    // Agents' replies are pushed: the widget's poll (GET …/messages?after=) must never run.
    const polls: string[] = [];
    const streams: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (request.method() === "GET" && path.endsWith("/messages")) polls.push(request.url());
      if (request.method() === "GET" && path.endsWith("/stream")) streams.push(request.url());
    });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${shopUrl}/`);
    const bubble = page.getByTestId("widget-bubble");
    await bubble.waitFor();
    // The host page's `button { background: yellow !important }` does not reach into the shadow root.
    await expect(bubble.evaluate((node) => getComputedStyle(node).backgroundColor)).resolves.toBe("rgb(15, 118, 110)");
    await bubble.click();
    const log = page.getByTestId("widget-log");
    await log.getByText("Hi! What is your order number?").waitFor();
    // The welcome message's picture, inline (it links to the full image).
    const picture = log.getByTestId("widget-attachment");
    await expect(picture.getAttribute("href")).resolves.toBe(`${shopUrl}/sale.svg`);
    await expect.poll(() => picture.locator("img").evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(240);
    await page.getByRole("textbox", { name: "Message" }).fill("A-1234");
    await page.getByRole("button", { name: "Send" }).click();
    await log.getByText("Thanks, A-1234. What is it about?").waitFor();
    await page.getByRole("group", { name: "Suggested replies" }).getByRole("button", { name: "Billing" }).waitFor();
    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { flowVersion: { flowId } }, include: { contact: true } });
    expect([conversation.channel, conversation.workspaceChannelId]).toEqual(["web", channel.id]);

    // --- A reload resumes the same conversation (token in localStorage). --------------------
    await page.reload();
    await page.getByTestId("widget-bubble").click();
    await log.getByText("Thanks, A-1234. What is it about?").waitFor();
    await expect(log.getByTestId("widget-message").count()).resolves.toBe(4);
    await expect(e2e.stack.database.db.conversation.count({ where: { flowVersion: { flowId } } })).resolves.toBe(1);

    // --- A quick reply as a button; the flow hands the conversation to a person. -----------
    await page.getByRole("group", { name: "Suggested replies" }).getByRole("button", { name: "Billing" }).click();
    await log.getByText("Let me connect you with a teammate.").waitFor();
    await page.getByTestId("widget-handoff").waitFor();
    await screenshot(page, "widget-3-shop-1440-handed-off");
    await page.getByRole("button", { name: "Close chat" }).click();

    // --- The agent replies from the inbox; the closed widget shows an unread badge. -------
    const inbox = await e2e.newPage({ as: "agent" });
    await inbox.goto(`${e2e.stack.builderUrl}/inbox/${conversation.id}`);
    // The agent sees which widget it came through.
    await inbox.getByTestId("detail-channel").getByText("Widget · Acme shop chat").waitFor();
    await inbox.getByRole("button", { name: "Assign to me" }).click();
    await inbox.getByTestId("detail-assignee").getByText("Sam Agent").waitFor();
    const reply = inbox.getByRole("textbox", { name: "Reply" });
    await reply.fill("Hi, Sam here. I have refunded the duplicate charge.");
    await reply.press("Enter");
    await expect(reply.inputValue()).resolves.toBe("");
    // Stored (not just shown optimistically) before the tab closes.
    await inbox.locator('[data-testid^="message-"][data-author="agent"]').getByText("Hi, Sam here. I have refunded the duplicate charge.").waitFor();
    await expect.poll(() => inbox.getByTestId("pending-reply").count()).toBe(0);
    await inbox.close();

    await expect.poll(() => page.getByTestId("widget-unread").textContent(), { timeout: 20_000 }).toBe("1");
    await page.getByTestId("widget-bubble").click();
    const agentMessage = log.locator('[data-author="agent"]');
    await agentMessage.getByText("Hi, Sam here. I have refunded the duplicate charge.").waitFor();
    await expect(agentMessage.textContent()).resolves.toContain("Sam Agent");
    await expect(page.getByTestId("widget-unread").isHidden()).resolves.toBe(true);
    // The reply came down the conversation's stream, not by polling.
    expect(polls).toEqual([]);
    expect(streams.length).toBeGreaterThan(0);
    await screenshot(page, "widget-4-shop-1440-agent-reply");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "widget-5-shop-390-agent-reply");
    await page.getByRole("button", { name: "Close chat" }).click();
    // What was read with the panel open stays read: no badge after closing it, nor after a reload.
    await expect(page.getByTestId("widget-unread").isHidden()).resolves.toBe(true);
    await page.reload();
    await page.locator('[data-parley-widget][data-ready="true"]').waitFor({ state: "attached" });
    await expect(page.getByTestId("widget-unread").isHidden()).resolves.toBe(true);
    await screenshot(page, "widget-6-shop-390-closed");

    // --- The agent resolves it; the visitor may start a new conversation from the widget. --
    const agentApi = await e2e.stack.api("agent");
    await agentApi.conversations.resolve.mutate({ conversationId: conversation.id });
    await page.getByTestId("widget-bubble").click();
    await page.getByTestId("widget-ended").waitFor();
    await expect(page.getByRole("textbox", { name: "Message" }).isDisabled()).resolves.toBe(true);
    await page.getByRole("button", { name: "Start a new conversation" }).click();
    await expect.poll(() => log.getByTestId("widget-message").count()).toBe(2);
    await log.getByText("Hi! What is your order number?").waitFor();
    await expect(e2e.stack.database.db.conversation.count({ where: { flowVersion: { flowId } } })).resolves.toBe(2);
    // Escape (from the message box) closes the panel and gives the focus back to the bubble.
    await page.getByRole("textbox", { name: "Message" }).press("Escape");
    await expect(page.getByTestId("widget-panel").isHidden()).resolves.toBe(true);
    await expect(page.getByTestId("widget-bubble").evaluate((node) => node.getRootNode() instanceof ShadowRoot && (node.getRootNode() as ShadowRoot).activeElement === node)).resolves.toBe(true);

    const stored = await e2e.stack.database.db.message.findMany({ where: { conversationId: conversation.id, author: { not: "system" } }, orderBy: { seq: "asc" } });
    expect(stored.map((message) => [message.author, message.text])).toEqual([
      ["bot", "Welcome to Acme!"],
      ["bot", "Hi! What is your order number?"],
      ["contact", "A-1234"],
      ["bot", "Thanks, A-1234. What is it about?"],
      ["contact", "Billing"],
      ["bot", "Let me connect you with a teammate."],
      ["agent", "Hi, Sam here. I have refunded the duplicate charge."],
    ]);
    await page.close();
  });

  it("asks for name and email first when the channel wants a pre-chat form, and says it is away outside business hours", async () => {
    const channel = await e2e.stack.database.db.workspaceChannel.findFirstOrThrow({ where: { name: "Acme shop chat" } });
    // Closed every day: the widget is never online, whatever the clock says.
    const closed = { timeZone: "UTC", weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] };
    await e2e.stack.database.db.workspaceChannel.update({
      where: { id: channel.id },
      data: { config: { color: "#0f766e", title: "Acme support", preChatForm: true, businessHours: closed, offlineMessage: "We are closed for the weekend. Leave a message!" } },
    });
    // A new visitor (a browser context of its own: no saved conversation).
    const page = await e2e.newPage({ as: null });
    // Agents' replies are pushed: the widget's poll (GET …/messages?after=) must never run.
    const polls: string[] = [];
    const streams: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (request.method() === "GET" && path.endsWith("/messages")) polls.push(request.url());
      if (request.method() === "GET" && path.endsWith("/stream")) streams.push(request.url());
    });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${shopUrl}/`);
    await page.getByTestId("widget-bubble").click();
    await expect(page.getByTestId("widget-offline").textContent()).resolves.toBe("We are closed for the weekend. Leave a message!");
    const form = page.getByTestId("widget-prechat");
    await expect(page.getByRole("textbox", { name: "Message" }).isVisible()).resolves.toBe(false);
    await form.getByLabel("Name").fill("Grace Visitor");
    await form.getByLabel("Email").fill("grace@example.com");
    await screenshot(page, "widget-7-shop-1440-prechat-offline");
    await form.getByRole("button", { name: "Start chat" }).click();
    await page.getByTestId("widget-log").getByText("Hi! What is your order number?").waitFor();
    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { contact: { email: "grace@example.com" } }, include: { contact: true } });
    expect(conversation.contact.name).toBe("Grace Visitor");
    await page.close();
  });
});
