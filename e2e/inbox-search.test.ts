// The inbox's finder in the built builder: searching with highlighted snippets, the view menu with
// counts, a filter, and saving a view — the database saying whether the view was really saved.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();

async function screenshotBoth(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** A handed-off conversation written straight to the database, with the customer's messages. */
async function conversation(name: string, team: string, priority: "normal" | "high", messages: string[]): Promise<string> {
  const { db, seed } = e2e.stack.database;
  const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId, name } });
  const row = await db.conversation.create({
    data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: `finder-${contact.id}`, status: "handoff", team, priority },
  });
  for (const [seq, text] of messages.entries()) await db.message.create({ data: { id: `${row.id}-m${seq}`, conversationId: row.id, seq, author: "contact", text } });
  return row.id;
}

describe("the inbox finder", () => {
  it("searches with highlighted snippets, switches views with counts, filters and saves a view", async () => {
    const { db, seed } = e2e.stack.database;
    const parcel = await conversation("Petra Parcel", "Support", "normal", ["Hi", "My parcel never arrived and the courier says delivered"]);
    const invoice = await conversation("Ivan Invoice", "Billing", "high", ["The invoice shows a parcel fee twice"]);
    const other = await conversation("Olga Other", "Support", "normal", ["Can I change my password?"]);

    const page = await e2e.newPage({ as: "supervisor" });
    await page.goto(`${e2e.stack.builderUrl}/inbox`);
    await page.getByTestId(`conversation-${other}`).waitFor();

    // Search: the last word is a prefix while typing; the matched word is marked in the snippet.
    await page.getByTestId("inbox-search").fill("parc");
    await page.getByTestId(`conversation-${parcel}`).getByTestId("item-snippet").waitFor();
    await page.getByTestId(`conversation-${other}`).waitFor({ state: "detached" });
    await expect(page.getByTestId("inbox-list").locator("li").count()).resolves.toBe(2);
    await expect(page.getByTestId(`conversation-${parcel}`).locator("mark").first().textContent()).resolves.toBe("parcel");
    await screenshotBoth(page, "inbox-search-1-results");

    // Hostile input is just text: no match, no error.
    await page.getByTestId("inbox-search").fill('"NEAR(*');
    await page.getByText("No conversations match").waitFor();
    await page.getByTestId("inbox-search").fill("");
    await page.getByTestId(`conversation-${other}`).waitFor();

    // The view menu counts each view; Billing shows Billing's queue only.
    const billingOption = page.getByTestId("inbox-view").locator('option[value="team:Billing"]');
    await expect.poll(() => billingOption.textContent()).toBe("Billing (1)");
    await page.getByTestId("inbox-view").selectOption("team:Billing");
    await page.getByTestId(`conversation-${other}`).waitFor({ state: "detached" });
    await page.getByTestId(`conversation-${invoice}`).waitFor();

    // A filter, then the view saved (shared) under a name.
    await page.getByTestId("inbox-view").selectOption("unassigned");
    await page.getByTestId("inbox-filters").click();
    await page.getByTestId("filter-priority").selectOption("high");
    await page.getByTestId(`conversation-${parcel}`).waitFor({ state: "detached" });
    await page.getByTestId(`conversation-${invoice}`).waitFor();
    await screenshotBoth(page, "inbox-search-2-filters");
    await page.getByTestId("inbox-filters").click();
    await page.getByTestId("save-view").click();
    await page.getByTestId("view-name").fill("Pressing queue");
    await page.getByLabel("Shared").check();
    await screenshotBoth(page, "inbox-search-3-save-view");
    await page.getByTestId("view-save").click();
    await page.getByTestId("delete-view").waitFor();
    const saved = await db.savedView.findFirstOrThrow({ where: { workspaceId: seed.workspaceId, name: "Pressing queue" } });
    expect(saved).toMatchObject({ userId: seed.supervisorId, shared: true, filters: { view: "unassigned", priority: ["high"] } });
    await expect(page.getByTestId("inbox-view").inputValue()).resolves.toBe(`saved:${saved.id}`);
    await screenshotBoth(page, "inbox-search-4-saved");

    // Team, assignee and last activity from the workspace's own lists; one click clears them.
    await page.getByTestId("inbox-view").selectOption("all");
    await page.getByTestId("inbox-filters").click();
    await page.getByTestId("filter-team").selectOption("Support");
    await page.getByTestId(`conversation-${invoice}`).waitFor({ state: "detached" });
    await page.getByTestId("filter-assigneeId").selectOption("none");
    await page.getByTestId("filter-since").selectOption("1");
    await page.getByTestId(`conversation-${other}`).waitFor();
    await expect(page.getByTestId("inbox-filters").textContent()).resolves.toContain("Filters · 3");
    await screenshotBoth(page, "inbox-search-5-more-filters");
    await page.getByTestId("filters-clear").click();
    await page.getByTestId(`conversation-${invoice}`).waitFor();
  });
});
