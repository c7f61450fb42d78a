import { beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession, sendChatMessage } from "./support/session";

// The seeded "Support assistant": intent routing, Help center answers with their sources, a
// handoff for upset customers, a rating at the end — on the local models, with no API key.
const e2e = e2eSession();
let flowId: string;

beforeAll(async () => {
  const flow = await e2e.stack.database.db.flow.findFirst({ where: { name: "Support assistant" } });
  if (!flow) throw new Error('the demo seed has no "Support assistant" flow');
  flowId = flow.id;
});

describe("the support assistant", () => {
  it("draws the assistant on the canvas: one exit per intent", async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/flows/${flowId}`);
    const router = page.getByTestId("node-route");
    await router.waitFor();
    for (const exit of ["Billing", "Orders", "Account", "Wants a person", "Fallback"]) {
      await router.getByText(exit, { exact: true }).first().waitFor();
    }
    await page.getByTestId("node-answer").waitFor();
    await screenshot(page, "assistant-1-canvas");

    // Twenty kinds: the palette's search narrows them.
    const search = page.getByLabel("Search steps");
    await search.fill("sentiment");
    await expect(page.locator('button[data-testid^="palette-"]').count()).resolves.toBe(1);
    await page.getByTestId("palette-sentiment_gate").waitFor();
    await screenshot(page, "assistant-1b-palette-search");
    await search.fill("");
    // All twenty again, beside one entry per registered custom activity.
    await expect(page.locator('button[data-testid^="palette-"]:not([data-testid^="palette-activity-"])').count()).resolves.toBe(20);

    // The router's inspector edits its intents as a list, with their example phrases.
    await router.click();
    await page.getByRole("textbox", { name: /example/i }).first().waitFor();
    await screenshot(page, "assistant-2-intent-router-inspector");
    // Below the intents, "Save entities" adds `variable = entity` rows, with the field's example as placeholders.
    await page.getByTestId("field-saveEntities-add").click();
    const entityRow = page.getByTestId("field-saveEntities-row").first();
    await expect(entityRow.getByTestId("field-saveEntities-value").getAttribute("placeholder")).resolves.toBe("order_id");
    await entityRow.scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, "assistant-2b-intent-router-save-entities");
    await page.setViewportSize({ width: 390, height: 844 });
    await entityRow.scrollIntoViewIfNeeded();
    await screenshot(page, "assistant-2c-intent-router-save-entities-phone");

    // "Did that help?" answers follow-up questions from the Help center.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId("node-helped").click();
    await expect(page.getByTestId("field-answerFollowUps").inputValue()).resolves.toBe("yes");
    await expect(page.getByTestId("field-followUpKnowledgeBase").inputValue()).resolves.toBe("Help center");
    await page.getByTestId("field-followUpKnowledgeBase").scrollIntoViewIfNeeded();
    await screenshot(page, "assistant-2d-ask-follow-up-fields");
    await page.close();
  });

  it("answers from the Help center with its source, then takes a rating", async () => {
    const chat = await e2e.newPage();
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    const log = chat.getByRole("log");
    await chat.getByTestId("chat-welcome").waitFor();

    await sendChatMessage(chat, "I was charged twice this month");
    const answer = chat.getByTestId("chat-message-bot").filter({ hasText: "double charge" });
    await answer.waitFor();
    await expect(answer.getByTestId("chat-sources").textContent()).resolves.toContain("I was charged twice");
    await log.getByText("Did that answer your question?").waitFor();
    const suggestions = chat.getByRole("group", { name: "Suggested replies" });
    await expect(suggestions.getByRole("button").allTextContents()).resolves.toEqual(["Yes", "No"]);
    await screenshot(chat, "assistant-3-chat-answer-with-source");

    // A new question instead of Yes/No: answered from the Help center, then asked again.
    await sendChatMessage(chat, "how long do refunds take?");
    const followUp = chat.getByTestId("chat-message-bot").filter({ hasText: "5–10 business days to appear" });
    await followUp.waitFor();
    await expect(followUp.getByTestId("chat-sources").textContent()).resolves.toContain("Refund policy");
    await expect.poll(() => log.getByText("Did that answer your question?").count()).toBe(2);
    await expect(suggestions.getByRole("button").allTextContents()).resolves.toEqual(["Yes", "No"]);
    await chat.setViewportSize({ width: 1440, height: 900 });
    await screenshot(chat, "assistant-3b-chat-follow-up-answered");
    await chat.setViewportSize({ width: 390, height: 844 });
    // The log keeps its scroll position when the window narrows; bring the options back into view.
    await suggestions.scrollIntoViewIfNeeded();
    await screenshot(chat, "assistant-3c-chat-follow-up-answered-phone");
    await chat.setViewportSize({ width: 1360, height: 860 });

    await suggestions.getByRole("button", { name: "Yes" }).click();
    await chat.getByRole("group", { name: "Rate from 1 to 5" }).getByRole("button", { name: "Rate 5 out of 5" }).click();
    await log.getByText("Thanks for reaching out — have a great day!").waitFor();
    await chat.getByTestId("chat-ended").waitFor();
    await screenshot(chat, "assistant-4-chat-rated");

    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({
      where: { flowVersion: { flowId } },
      orderBy: { createdAt: "desc" },
    });
    expect(conversation).toMatchObject({ status: "resolved", csatScore: 5 });
    expect(conversation.variables).toMatchObject({ intent: "billing", helped: "Yes" });
    await chat.close();
  });

  it("hands an upset customer to a person; the agent sees why in the inbox", async () => {
    const chat = await e2e.newPage();
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    const log = chat.getByRole("log");
    await chat.getByTestId("chat-welcome").waitFor();
    await sendChatMessage(chat, "This is ridiculous, your app is broken again and nobody ever helps me!");
    await log.getByText("Let me get a teammate for you. They will reply here shortly.").waitFor();
    await chat.getByTestId("chat-handoff-banner").waitFor();
    await screenshot(chat, "assistant-5-chat-upset-handed-off");

    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({
      where: { flowVersion: { flowId }, status: "handoff" },
      orderBy: { createdAt: "desc" },
    });
    const inbox = await e2e.newPage();
    await inbox.goto(`${e2e.stack.builderUrl}/inbox/${conversation.id}`);
    const detail = inbox.getByTestId("inbox-detail");
    await detail.getByText("This is ridiculous", { exact: false }).first().waitFor();
    await expect(inbox.getByTestId("detail-team").textContent()).resolves.toBe("Support");
    await inbox.getByTestId("sla-firstResponse").waitFor();
    await screenshot(inbox, "assistant-6-inbox-upset-customer");
    await chat.close();
    await inbox.close();
  });
});
