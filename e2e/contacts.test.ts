// The contacts page in the built builder, as an agent uses it: searching by a phone number,
// opening a person, seeing their conversations from two channels on one timeline, and merging a
// duplicate from another channel into them — the database saying whether the merge happened.
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

type Identity = { kind: "email" | "phone" | "visitor" | "external"; value: string };

/** A contact with its identities, written straight to the database. */
async function contact(name: string, email: string | null, phone: string | null, identities: Identity[], attributes: Record<string, string> = {}): Promise<string> {
  const { db, seed } = e2e.stack.database;
  const row = await db.contact.create({
    data: { workspaceId: seed.workspaceId, name, email, phone, attributes, identities: { create: identities.map((identity) => ({ ...identity, workspaceId: seed.workspaceId })) } },
  });
  return row.id;
}

/** A conversation waiting for a person (so an agent may open it) on a channel, with its last message. */
async function conversation(contactId: string, channel: "web" | "sms" | "email", text: string, csat?: number): Promise<string> {
  const { db, seed } = e2e.stack.database;
  const row = await db.conversation.create({
    data: {
      workspaceId: seed.workspaceId,
      contactId,
      flowVersionId: seed.publishedVersionId,
      workflowId: `contacts-${contactId}-${channel}`,
      status: "handoff",
      channel,
      ...(csat ? { csatScore: csat, csatScale: 5 } : {}),
    },
  });
  await db.message.create({ data: { id: `${row.id}-m1`, conversationId: row.id, seq: 1, author: "contact", text } });
  return row.id;
}

describe("the contacts page", () => {
  it("finds a person by phone, shows their conversations from every channel, and merges a duplicate into them", async () => {
    const { db } = e2e.stack.database;
    const ada = await contact("Ada Lovelace", "ada@example.com", "+442079460958", [
      { kind: "email", value: "ada@example.com" },
      { kind: "phone", value: "+442079460958" },
      { kind: "visitor", value: "3f9a0c1d2e4b5a6978c0d1e2f3a4b5c6" },
    ], { plan: "pro" });
    const onWeb = await conversation(ada, "web", "Where is my order #1042?", 5);
    const bySms = await conversation(ada, "sms", "Any news on the parcel?");
    const duplicate = await contact("A. Lovelace", "ada.work@example.com", null, [{ kind: "email", value: "ada.work@example.com" }], { plan: "free", company: "Analytical Engines" });
    const byEmail = await conversation(duplicate, "email", "Please send the invoice to my work address");

    const page = await e2e.newPage({ as: "agent" });
    await page.goto(`${e2e.stack.builderUrl}/inbox`);
    await page.getByRole("link", { name: "Contacts" }).first().click();
    await page.getByTestId("contact-list").waitFor();

    // A phone number typed the way people write it finds the E.164 identity.
    await page.getByTestId("contacts-search").fill("+44 20 7946");
    await page.getByTestId(`contact-link-${duplicate}`).waitFor({ state: "detached" });
    await page.getByTestId(`contact-link-${ada}`).waitFor();
    await screenshotBoth(page, "contacts-1-search");

    await page.getByTestId(`contact-link-${ada}`).click();
    await page.getByTestId("contact-timeline").waitFor();
    const channels = () => page.getByTestId("timeline-entry").evaluateAll((entries) => entries.map((entry) => entry.getAttribute("data-channel")));
    await expect(channels()).resolves.toEqual(["sms", "web"]);
    await expect(page.getByTestId("contact-identities").textContent()).resolves.toContain("+442079460958");
    await expect(page.getByTestId("timeline-csat").textContent()).resolves.toBe("5/5");
    await expect(page.locator(`a[href="/inbox/${onWeb}"]`).count()).resolves.toBe(1);
    await expect(page.locator(`a[href="/inbox/${bySms}"]`).count()).resolves.toBe(1);
    await screenshotBoth(page, "contacts-2-contact");

    // Merge: find the duplicate by its work email, pick it, confirm.
    await page.getByTestId("merge-open").click();
    await page.getByTestId("merge-search").fill("ada.work");
    await page.getByTestId(`merge-pick-${duplicate}`).click();
    await page.getByTestId("merge-confirm").waitFor();
    await screenshotBoth(page, "contacts-3-merge-confirm");
    await page.getByTestId("confirm-submit").click();
    await expect.poll(channels).toEqual(["email", "sms", "web"]);
    await expect(page.getByTestId("attribute-company").textContent()).resolves.toContain("Analytical Engines");
    await expect(page.getByTestId("attribute-plan").textContent()).resolves.toContain("pro");
    await screenshotBoth(page, "contacts-4-merged");

    expect(await db.contact.findUnique({ where: { id: duplicate } })).toBeNull();
    expect((await db.conversation.findUniqueOrThrow({ where: { id: byEmail } })).contactId).toBe(ada);
    const identities = await db.contactIdentity.findMany({ where: { contactId: ada }, select: { value: true } });
    expect(identities.map((identity) => identity.value)).toContain("ada.work@example.com");
    expect(await db.auditEvent.count({ where: { action: "contact.merge", targetId: ada } })).toBe(1);

    // The inbox's contact panel shows the same person: identities and the other conversations.
    await page.goto(`${e2e.stack.builderUrl}/inbox/${onWeb}`);
    await page.getByTestId("contact-toggle").click();
    await page.getByTestId("contact-panel").getByTestId("contact-identities").waitFor();
    await expect(page.getByTestId("contact-past").locator("li").count()).resolves.toBe(2);
    await screenshotBoth(page, "contacts-5-inbox-panel");
  });
});
