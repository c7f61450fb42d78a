// The workspace settings an owner or admin manages beside people and keys: how long data is kept,
// the secrets flows use, and erasing a contact who asks to be forgotten. Every step goes through
// the built builder in Chromium; the database (and Temporal) say whether it really happened.
import { WorkflowNotFoundError } from "@temporalio/client";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();

/**
 * The page at desktop (1280×800) and phone (390×844) widths, for people to look at; `focus` is
 * scrolled into view at each width (the shell scrolls its page pane, so a full-page shot does not).
 */
async function screenshotBoth(page: Page, name: string, focus?: Locator): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await focus?.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await focus?.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function workspaceRetention() {
  const { seed, db } = e2e.stack.database;
  return db.workspace.findUniqueOrThrow({ where: { id: seed.workspaceId }, select: { retainTranscriptsDays: true, retainRecordingsDays: true, retainAuditDays: true } });
}

async function inTemporal(workflowId: string): Promise<boolean> {
  try {
    await e2e.stack.services.temporal.workflow.getHandle(workflowId).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

describe("workspace settings in the builder", () => {
  it("the owner sets how long data is kept, sees the API's reason at the field, and finds it saved after a reload", async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/flows`);
    await page.getByTestId("nav-retention").click();
    await page.getByTestId("retention-form").waitFor();
    await screenshotBoth(page, "settings-1-retention-default");
    const conversations = page.getByTestId("retention-transcripts");
    const recordings = page.getByTestId("retention-recordings");
    const audit = page.getByTestId("retention-audit");
    // A new workspace keeps everything until erased.
    for (const field of [conversations, recordings, audit]) await expect(field.getByTestId("retention-forever").isChecked()).resolves.toBe(true);

    await conversations.getByTestId("retention-forever").uncheck();
    await conversations.getByTestId("retention-days").fill("90");
    await expect(conversations.getByTestId("retention-hint").textContent()).resolves.toBe("about 3 months");
    await audit.getByTestId("retention-forever").uncheck();
    await audit.getByTestId("retention-days").fill("5000");
    await page.getByTestId("retention-save").click();
    // The API's range check, at the field it is about; nothing was stored.
    await expect(audit.getByTestId("retention-error").textContent()).resolves.toBe("At most 3650 days (10 years)");
    await expect(audit.getByTestId("retention-days").getAttribute("aria-invalid")).resolves.toBe("true");
    await screenshotBoth(page, "settings-2-retention-refused");
    await expect(workspaceRetention()).resolves.toEqual({ retainTranscriptsDays: null, retainRecordingsDays: null, retainAuditDays: null });

    await audit.getByTestId("retention-days").fill("730");
    await page.getByTestId("retention-save").click();
    await page.getByTestId("retention-saved").waitFor();
    await expect(workspaceRetention()).resolves.toEqual({ retainTranscriptsDays: 90, retainRecordingsDays: null, retainAuditDays: 730 });

    await page.reload();
    await page.getByTestId("retention-form").waitFor();
    await expect(conversations.getByTestId("retention-days").inputValue()).resolves.toBe("90");
    await expect(conversations.getByTestId("retention-forever").isChecked()).resolves.toBe(false);
    await expect(recordings.getByTestId("retention-forever").isChecked()).resolves.toBe(true);
    await expect(audit.getByTestId("retention-days").inputValue()).resolves.toBe("730");
    await expect(audit.getByTestId("retention-hint").textContent()).resolves.toBe("2 years");
    await screenshotBoth(page, "settings-3-retention-saved");
    // The change is in the audit log, before and after.
    const event = await e2e.stack.database.db.auditEvent.findFirst({ where: { action: "settings.retention_change" }, orderBy: { at: "desc" } });
    expect(event?.details).toMatchObject({ after: { retainTranscriptsDays: 90, retainAuditDays: 730 } });
    await page.close();
  });

  it("the owner adds a secret that is never shown again, replaces its value and deletes it", async () => {
    const { db, seed } = e2e.stack.database;
    const value = "sk_live_do-not-leak-4711";
    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/flows`);
    await page.getByTestId("nav-secrets").click();
    await page.getByTestId("secrets-empty").waitFor();
    await screenshotBoth(page, "settings-4-secrets-empty");

    // Typed the usual way, stored the way flows name it.
    await page.getByLabel("Name", { exact: true }).fill("crm api-token");
    await expect(page.getByLabel("Name", { exact: true }).inputValue()).resolves.toBe("CRM_API_TOKEN");
    await expect(page.getByLabel("Value", { exact: true }).getAttribute("type")).resolves.toBe("password");
    await page.getByLabel("Value", { exact: true }).fill(value);
    await page.getByRole("button", { name: "Add secret" }).click();
    await page.getByTestId("secret-saved").waitFor();
    const row = page.getByTestId("secret-CRM_API_TOKEN");
    await row.waitFor();
    await expect(row.getByTestId("secret-name-text").textContent()).resolves.toBe("CRM_API_TOKEN");
    await expect(row.textContent()).resolves.toContain("{{secrets.CRM_API_TOKEN}}");
    // The value is nowhere on the page (the form is cleared), and sealed in the database.
    await expect(page.getByLabel("Value", { exact: true }).inputValue()).resolves.toBe("");
    expect(await page.content()).not.toContain(value);
    const stored = await db.secret.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: seed.workspaceId, name: "CRM_API_TOKEN" } } });
    expect(Buffer.from(stored.data).toString("utf8")).not.toContain(value);
    await screenshotBoth(page, "settings-5-secrets-added", row);

    await row.getByTestId("secret-replace").click();
    const replace = row.getByTestId("secret-replace-form");
    await replace.getByLabel("New value for CRM_API_TOKEN").fill("sk_live_rotated-0815");
    await screenshotBoth(page, "settings-6-secrets-replace", row);
    await replace.getByRole("button", { name: "Replace value" }).click();
    await replace.waitFor({ state: "detached" });
    await row.getByText("value replaced").waitFor();
    const replaced = await db.secret.findUniqueOrThrow({ where: { id: stored.id } });
    expect(Buffer.from(replaced.data).equals(Buffer.from(stored.data))).toBe(false);
    expect(await page.content()).not.toContain("sk_live_rotated-0815");

    await row.getByTestId("secret-delete").click();
    const dialog = page.getByTestId("secret-delete-dialog");
    await dialog.getByText("Delete CRM_API_TOKEN?").waitFor();
    await screenshotBoth(page, "settings-7-secrets-delete");
    await dialog.getByRole("button", { name: "Delete secret" }).click();
    await page.getByTestId("secrets-empty").waitFor();
    await expect(db.secret.count({ where: { workspaceId: seed.workspaceId } })).resolves.toBe(0);
    const actions = await db.auditEvent.findMany({ where: { action: { startsWith: "secret." } }, orderBy: { at: "asc" } });
    expect(actions.map((event) => event.action)).toEqual(["secret.create", "secret.update", "secret.delete"]);
    await page.close();
  });

  it("the owner finds a contact and erases them: nothing of them is left in the database or Temporal", async () => {
    const { db, seed } = e2e.stack.database;
    const api = await e2e.stack.api("owner");
    const person = { name: "Erin Erasable", email: "erin.erasable@example.com" };
    const { conversationId } = await api.conversations.start.mutate({ flowId: seed.flowId, contact: person });
    await api.conversations.send.mutate({ conversationId, text: "Erin here, order 4711" });
    // Someone else, who stays.
    const { conversationId: bystander } = await api.conversations.start.mutate({ flowId: seed.flowId, contact: { name: "Bea Bystander", email: "bea@example.com" } });
    const contact = await db.contact.findFirstOrThrow({ where: { email: person.email } });
    expect(await db.message.count({ where: { conversationId } })).toBeGreaterThan(1);

    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/flows`);
    await page.getByTestId("nav-erasure").click();
    await page.getByTestId("contacts").waitFor();
    await page.getByTestId("contacts-search").fill("erasable");
    const rows = page.getByTestId("contacts").locator("li");
    await expect.poll(() => rows.count()).toBe(1);
    const row = page.getByTestId(`contact-${contact.id}`);
    await expect(row.textContent()).resolves.toContain("1 conversation");
    await screenshotBoth(page, "settings-8-contacts-found");

    await row.getByTestId("contact-erase").click();
    const dialog = page.getByTestId("erase-dialog");
    const confirm = dialog.getByTestId("confirm-submit");
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await dialog.getByTestId("confirm-typed").fill("Erin");
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await dialog.getByTestId("confirm-typed").fill("Erin Erasable");
    await expect(confirm.isEnabled()).resolves.toBe(true);
    await screenshotBoth(page, "settings-9-contacts-erase-confirm");
    await confirm.click();

    const result = page.getByTestId("erase-result");
    await expect(result.getAttribute("data-status")).resolves.toBe("erased");
    await expect(result.textContent()).resolves.toContain("Erin Erasable was erased: 1 conversation");
    await page.getByTestId("contacts-no-match").waitFor();
    await screenshotBoth(page, "settings-10-contacts-erased");

    // No trace: the contact, their conversation, its messages and variables; the workflow history.
    expect(await db.contact.findUnique({ where: { id: contact.id } })).toBeNull();
    expect(await db.conversation.count({ where: { OR: [{ contactId: contact.id }, { id: conversationId }] } })).toBe(0);
    expect(await db.message.count({ where: { OR: [{ conversationId }, { text: { contains: "Erin" } }] } })).toBe(0);
    expect(await db.contact.count({ where: { OR: [{ name: { contains: "Erin" } }, { email: { contains: "erin" } }] } })).toBe(0);
    const audit = JSON.stringify(await db.auditEvent.findMany());
    for (const text of ["Erin", "erin.erasable", "4711"]) expect(audit).not.toContain(text);
    await expect.poll(() => inTemporal(conversationId), { timeout: 120_000, interval: 500 }).toBe(false);
    // The bystander is untouched, and listed when the search is cleared.
    expect(await db.conversation.findUnique({ where: { id: bystander } })).not.toBeNull();
    await page.getByTestId("contacts-search").fill("");
    await page.getByTestId("contacts").getByText("Bea Bystander", { exact: true }).waitFor();
    await page.close();
  });

  it("an agent sees none of these settings, and is told so at their addresses", async () => {
    const page = await e2e.newPage({ as: "agent" });
    await page.goto(`${e2e.stack.builderUrl}/inbox`);
    await page.getByTestId("user-role").waitFor();
    for (const name of ["retention", "secrets", "erasure"]) await expect(page.getByTestId(`nav-${name}`).count()).resolves.toBe(0);
    for (const path of ["/settings/retention", "/settings/secrets", "/settings/contacts"]) {
      await page.goto(`${e2e.stack.builderUrl}${path}`);
      await page.getByTestId("not-allowed").getByText("Not available to your role").waitFor();
      await expect(page.getByTestId("retention-form").count()).resolves.toBe(0);
      await expect(page.getByTestId("secret-form").count()).resolves.toBe(0);
      await expect(page.getByTestId("contacts-search").count()).resolves.toBe(0);
    }
    await screenshotBoth(page, "settings-11-agent-not-allowed");
    await page.close();
  });
});
