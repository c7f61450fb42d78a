import { describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();

describe("language understanding in the builder and the inbox", () => {
  it("tries a message on the intent router: exit, confidence against the threshold, runners-up, slots", async () => {
    const { db } = e2e.stack.database;
    const drafts = await db.flowVersion.findMany({ where: { published: false } });
    const draft = drafts.find((version) => JSON.stringify(version.graph).includes('"intent_router"'));
    expect(draft, "the demo seeds a flow with an intent router").toBeDefined();
    const router = (draft!.graph as { nodes: { id: string; kind: string }[] }).nodes.find((node) => node.kind === "intent_router")!;

    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/flows/${draft!.flowId}`);
    await page.locator(`.react-flow__node[data-id="${router.id}"]`).click();
    const box = page.getByTestId("intent-try-it");
    await box.getByLabel("A message to classify").fill("you charged me twice for order #A12345");
    await box.getByRole("button", { name: "Try" }).click();
    const result = page.getByTestId("intent-try-result");
    await result.waitFor();
    await expect(result.innerText()).resolves.toMatch(/Exit\s+Billing/);
    const confidence = Number(await result.getByRole("meter", { name: "Confidence" }).getAttribute("aria-valuenow"));
    expect(confidence).toBeGreaterThan(0);
    expect(confidence).toBeLessThanOrEqual(100);
    await expect(result.getByRole("list", { name: "Other intents" }).getByRole("listitem").count()).resolves.toBe(3);
    await expect(result.getByRole("list", { name: "Slots found" }).innerText()).resolves.toContain("A12345");

    // Something no intent covers falls back and says what the best guess was.
    await box.getByLabel("A message to classify").fill("Bonjour, ça va ?");
    await box.getByRole("button", { name: "Try" }).click();
    await expect.poll(() => result.innerText()).toMatch(/Fallback/);
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, "understanding-1-intent-try-it");
    await page.close();
  });

  it("shows the customer's mood trend next to their name in the inbox", async () => {
    const { db, seed } = e2e.stack.database;
    const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId, name: "Ana Ribeiro", email: "ana@example.com" } });
    const conversation = await db.conversation.create({
      data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: "e2e-mood-trend", status: "handoff", team: "Support" },
    });
    const transcript: [string, "contact" | "bot" | "agent"][] = [
      ["this is ridiculous, my order never arrived", "contact"],
      ["Sorry to hear that! Let me check.", "bot"],
      ["I have been waiting for two weeks!!", "contact"],
      ["I've sent a replacement by express, it arrives tomorrow.", "agent"],
      ["ok so it comes tomorrow?", "contact"],
      ["great, thank you so much, that really helps", "contact"],
    ];
    await db.message.createMany({ data: transcript.map(([text, author], seq) => ({ id: `mood-${seq}`, conversationId: conversation.id, seq, author, text })) });

    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/inbox/${conversation.id}`);
    const trend = page.getByTestId("sentiment-trend");
    await trend.waitFor();
    await expect(trend.getAttribute("data-direction")).resolves.toBe("improving");
    await expect(trend.getAttribute("title")).resolves.toMatch(/improving over their last 4 messages/);
    await screenshot(page, "understanding-2-inbox-mood-trend");
    await page.close();
  });
});
