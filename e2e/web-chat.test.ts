import { describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession, sendChatMessage } from "./support/session";

const e2e = e2eSession();

describe("a conversation flows from the web chat to the inbox", () => {
  it("draws the published flow on the canvas with its named ports", async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/flows/${e2e.stack.database.seed.flowId}`);
    for (const id of ["start", "greet", "ask_name", "ask_topic", "confirm", "end"]) {
      await page.locator(`.react-flow__node[data-id="${id}"]`).waitFor();
    }
    // Named output ports: React Flow renders one handle per port id.
    await expect(page.locator('.react-flow__node[data-id="ask_name"] .react-flow__handle[data-handleid="answered"]').count()).resolves.toBe(1);
    await expect(page.locator(".react-flow__edge").count()).resolves.toBe(5);
    await expect(page.getByText("What's your name?").first().isVisible()).resolves.toBe(true);
    await screenshot(page, "1-flow-canvas");
    await page.close();
  });

  it("chats through the web chat and sees the transcript live in the inbox", async () => {
    const chat = await e2e.newPage();
    await chat.goto(`${e2e.stack.builderUrl}/chat/${e2e.stack.database.seed.flowId}`);
    const log = chat.getByRole("log");
    await chat.getByTestId("chat-welcome").waitFor();

    await sendChatMessage(chat, "Grace Hopper");
    await log.getByText("Thanks Grace Hopper. What can I help you with today?").waitFor();
    await screenshot(chat, "2-web-chat-mid-conversation");

    // The agent opens the inbox while the conversation is still going on.
    const inbox = await e2e.newPage();
    await inbox.goto(`${e2e.stack.builderUrl}/inbox`);
    const conversations = await e2e.stack.database.db.conversation.findMany({ orderBy: { createdAt: "desc" }, take: 1 });
    const conversationId = conversations[0]!.id;
    await inbox.getByTestId(`conversation-${conversationId}`).click();
    // Scoped to the transcript: the list's preview shows the same last message.
    const transcript = inbox.getByTestId("transcript");
    await transcript.getByText("Thanks Grace Hopper. What can I help you with today?").waitFor();
    await screenshot(inbox, "3-inbox-live");

    // The customer answers; the open inbox shows it without a reload.
    await sendChatMessage(chat, "My invoice shows the wrong address");
    await log.getByText(/A teammate will follow up by email/).waitFor();
    await chat.getByTestId("chat-ended").waitFor();
    await screenshot(chat, "4-web-chat-ended");

    await transcript.getByText(/I've noted: "My invoice shows the wrong address"/).waitFor({ timeout: 15_000 });
    // The transcript and the list agree on the outcome.
    await inbox.locator('[data-testid="inbox-detail"][data-status="resolved"]').waitFor();
    await inbox.locator(`[data-testid="conversation-${conversationId}"][data-status="resolved"]`).waitFor();
    await screenshot(inbox, "5-inbox-transcript-resolved");

    const stored = await e2e.stack.database.db.message.findMany({ where: { conversationId }, orderBy: { seq: "asc" } });
    expect(stored.map((message) => message.author)).toEqual(["bot", "bot", "contact", "bot", "contact", "bot"]);
    await chat.close();
    await inbox.close();
  });

  it("a message whose answer was lost is sent again with Try again and recorded once", async () => {
    const chat = await e2e.newPage();
    await chat.goto(`${e2e.stack.builderUrl}/chat/${e2e.stack.database.seed.flowId}`);
    const log = chat.getByRole("log");
    await chat.getByTestId("chat-welcome").waitFor();

    // The message reaches the API and the conversation takes it, but the answer never comes back
    // (a dropped connection): the chat can only say "Not delivered". The conversation's stream is
    // down too (its request hangs): an open stream would bring the recorded message at once and
    // the echo would show it delivered, which is right but not what this test is about.
    await chat.route(/\/trpc\/conversations\.stream/, () => undefined);
    const sends: string[] = [];
    await chat.route(/\/trpc\/[^?]*conversations\.send/, async (route) => {
      sends.push(route.request().postData() ?? "");
      await route.fetch();
      await route.abort("connectionreset");
    });
    await sendChatMessage(chat, "Ada Lovelace");
    await log.getByText("Not delivered").waitFor();
    const retry = chat.getByRole("button", { name: "Try again" });
    await retry.waitFor();
    await screenshot(chat, "6-web-chat-not-delivered");
    // The same at a phone's width: the sidebar is a top bar and the chat takes the screen.
    await chat.setViewportSize({ width: 390, height: 844 });
    await chat.getByRole("navigation", { name: "Main" }).waitFor();
    await screenshot(chat, "6-web-chat-not-delivered-phone");
    await chat.setViewportSize({ width: 1360, height: 860 });

    // The connection is back; Try again sends the same message under the same client id.
    await chat.unroute(/\/trpc\/[^?]*conversations\.send/);
    await retry.click();
    await log.getByText("Thanks Ada Lovelace. What can I help you with today?").waitFor();
    await expect(log.getByText("Not delivered").count()).resolves.toBe(0);
    await screenshot(chat, "7-web-chat-retried");

    const clientMessageId = /"clientMessageId":"([^"]+)"/.exec(sends[0] ?? "")?.[1];
    expect(clientMessageId).toBeDefined();
    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const customer = await e2e.stack.database.db.message.findMany({ where: { conversationId: conversation.id, author: "contact" } });
    expect(customer.map((message) => message.text)).toEqual(["Ada Lovelace"]);
    await chat.close();
  });
});
