// Settings → Automation in the built builder: an admin builds a rule from its parts, tries it on a
// real conversation (a dry run that changes nothing), saves it, and is told plainly when a rule
// would trigger itself. The database says whether it really happened.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();

/** Desktop (1440) and phone (390) widths; `focus` scrolled into view (the shell scrolls its page pane). */
async function screenshotBoth(page: Page, name: string, focus?: Locator): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await focus?.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await focus?.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe("automation rules in the builder", () => {
  it("builds a refund rule, dry-tests it on a conversation, saves it, and refuses a rule that would trigger itself", async () => {
    const { db, seed } = e2e.stack.database;
    const api = await e2e.stack.api();
    await api.labels.create.mutate({ name: "refund", color: "#cc5500" });
    const flow = await db.flow.findFirstOrThrow({ where: { workspaceId: seed.workspaceId, versions: { some: { published: true } } }, orderBy: { createdAt: "asc" } });
    const { conversationId } = await api.conversations.start.mutate({ flowId: flow.id });
    await api.conversations.send.mutate({ conversationId, text: "I would like a refund for my order" });

    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/flows`);
    await page.getByTestId("nav-automation").click();
    await page.getByTestId("rule-form").waitFor();
    await page.getByTestId("rule-name").fill("Refunds to Billing");
    await page.getByTestId("rule-event").selectOption("message.received");
    await page.getByTestId("rule-condition-text").fill("refund");
    await page.getByTestId("rule-condition-add").click();
    await page.getByTestId("rule-action-add").click(); // Add label: the first label, "refund"
    await page.getByTestId("rule-action-kind").selectOption("assignTeam");
    await page.getByTestId("rule-action-value").selectOption("Billing");
    await page.getByTestId("rule-action-add").click();
    await expect(page.getByTestId("rule-conditions").textContent()).resolves.toContain("Text contains “refund”");
    await expect(page.getByTestId("rule-actions").textContent()).resolves.toContain("Transfer to Billing");

    await page.getByTestId("rule-test").click();
    await page.getByTestId("rule-test-conversation").selectOption(conversationId);
    await page.getByTestId("rule-test-run").click();
    const result = page.getByTestId("rule-test-result");
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain("Would run");
    await expect(result.textContent()).resolves.toContain('✓ text contains "refund"');
    await expect(result.textContent()).resolves.toContain("transfer to Billing");
    await screenshotBoth(page, "automation-1-dry-run", result);
    // A dry run changes nothing.
    expect(await db.conversationLabel.count({ where: { conversationId } })).toBe(0);

    await page.getByTestId("rule-save").click();
    await page.getByTestId("rule-row-Refunds to Billing").waitFor();
    const saved = await db.automationRule.findFirstOrThrow({ where: { name: "Refunds to Billing" } });
    expect(saved).toMatchObject({ event: "message.received", enabled: true, conditions: [{ type: "textContains", text: "refund" }] });

    // A transfer on "assignee changed" would set itself off again: refused, with the reason.
    await page.getByTestId("rule-name").fill("Bounce");
    await page.getByTestId("rule-event").selectOption("assignee.changed");
    await page.getByTestId("rule-action-kind").selectOption("assignTeam");
    await page.getByTestId("rule-action-value").selectOption("Billing");
    await page.getByTestId("rule-action-add").click();
    await page.getByTestId("rule-save").click();
    await expect(page.getByTestId("rule-error").textContent()).resolves.toContain("would trigger itself");
    expect(await db.automationRule.count({ where: { name: "Bounce" } })).toBe(0);

    // The box follows the saved state (it flips once the list is read again).
    await page.getByTestId("rule-enabled-Refunds to Billing").click();
    await expect.poll(async () => (await db.automationRule.findUniqueOrThrow({ where: { id: saved.id } })).enabled).toBe(false);
    await screenshotBoth(page, "automation-2-list", page.getByTestId("rules"));

    // Deleting asks first, then the rule is gone from the list and the database.
    await page.getByTestId("rule-row-Refunds to Billing").getByRole("button", { name: "Delete" }).click();
    await page.getByTestId("confirm-submit").click();
    await page.getByTestId("rule-row-Refunds to Billing").waitFor({ state: "detached" });
    expect(await db.automationRule.count({ where: { id: saved.id } })).toBe(0);
  });

  it("adds a workspace SLA policy for Support with its targets and hours, and refuses an unreadable calendar", async () => {
    const { db } = e2e.stack.database;
    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/flows`);
    await page.getByTestId("nav-sla-policies").click();
    await page.getByTestId("policy-form").waitFor();
    await page.getByTestId("policy-name").fill("Support hours");
    await page.getByTestId("policy-teams").getByLabel("Support").check();
    await page.getByTestId("policy-firstResponse").fill("10");
    await page.getByTestId("policy-hours").fill("whenever");
    await page.getByTestId("policy-save").click();
    // The calendar's own reason, readable (not the API's list of issues).
    await expect(page.getByTestId("policy-error").textContent()).resolves.not.toContain('"path"');
    expect(await db.slaPolicy.count()).toBe(0);

    await page.getByTestId("policy-hours").fill("mon-fri 08:00-18:00");
    await page.getByTestId("policy-save").click();
    await page.getByTestId("policy-row-Support hours").waitFor();
    const saved = await db.slaPolicy.findFirstOrThrow({ where: { name: "Support hours" } });
    expect(saved).toMatchObject({ teams: ["Support"], priorities: [], enabled: true, config: { firstResponse: 10, hours: "mon-fri 08:00-18:00" } });
    await page.getByTestId("policy-edit-Support hours").click();
    await screenshotBoth(page, "automation-3-sla-policies");
  });
});
