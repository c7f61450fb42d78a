import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { resolveContact, InvalidIdentityError } from "../src/contacts/resolve";
import { mergeContacts, MergeRefusedError } from "../src/contacts/merge";
import { matchingContactIds } from "../src/contacts/search";
import { contactDetail } from "../src/contacts/timeline";
import type { Caller } from "../src/auth/caller";

/**
 * Contacts as one identity across channels, on the real database (SQLite, and PostgreSQL in
 * ./parley test's second pass): linking by identity, the unique-constraint race, merging and
 * the search. Conversation rows are written directly: no workflow is needed to own a contact.
 */

let database: TestDatabase;
let workspaceId: string;
let admin: Caller;

beforeAll(async () => {
  database = await createTestDatabase();
  workspaceId = database.seed.workspaceId;
  admin = { kind: "user", userId: database.seed.adminId, name: "Admin", email: "admin@parley.dev", workspaceId, role: "owner", sessionId: "test" };
});

afterAll(async () => {
  await database?.close();
});

let conversations = 0;
async function conversationOf(contactId: string, channel: "web" | "sms" | "email", text: string) {
  const id = `contact-test-${++conversations}`;
  await database.db.conversation.create({
    data: { id, workflowId: id, workspaceId, contactId, flowVersionId: database.seed.publishedVersionId, channel, status: "resolved", csatScore: 4, csatScale: 5 },
  });
  await database.db.message.create({ data: { id: `${id}-m1`, conversationId: id, seq: 1, author: "contact", text } });
  return id;
}

describe("resolveContact", () => {
  it("links a known identity on another channel to the same contact and adds the new identities to it", async () => {
    const widget = await resolveContact(database.db, workspaceId, { visitorId: "visitor-0123456789abcdef", email: "Ada.Lovelace@Example.com ", name: "Ada" });
    expect(widget.created).toBe(true);
    // The same person texts later, then mails from the address she gave the widget.
    const sms = await resolveContact(database.db, workspaceId, { phone: "+44 20 7946 0958", email: "ada.lovelace@example.com" });
    expect(sms).toEqual({ contactId: widget.contactId, created: false });
    const byPhone = await resolveContact(database.db, workspaceId, { phone: "+442079460958" });
    expect(byPhone.contactId).toBe(widget.contactId);

    const identities = await database.db.contactIdentity.findMany({ where: { contactId: widget.contactId }, orderBy: { kind: "asc" }, select: { kind: true, value: true } });
    expect(identities).toEqual([
      { kind: "email", value: "ada.lovelace@example.com" },
      { kind: "phone", value: "+442079460958" },
      { kind: "visitor", value: "visitor-0123456789abcdef" },
    ]);
    const contact = await database.db.contact.findUniqueOrThrow({ where: { id: widget.contactId } });
    expect(contact).toMatchObject({ name: "Ada", email: "ada.lovelace@example.com", phone: "+442079460958" });
    // The phone was linked after the contact was made: its revision says so (the webhook trigger watches it).
    expect(contact.revision).toBe(1);
  });

  it("makes a new anonymous contact when nothing identifies the person, and refuses a number that is not one", async () => {
    const first = await resolveContact(database.db, workspaceId, {});
    const second = await resolveContact(database.db, workspaceId, { name: "Nobody" });
    expect(first.created && second.created).toBe(true);
    expect(first.contactId).not.toBe(second.contactId);
    await expect(resolveContact(database.db, workspaceId, { phone: "12" })).rejects.toBeInstanceOf(InvalidIdentityError);
  });

  it("makes one contact when two starts with the same new email race", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => resolveContact(database.db, workspaceId, { email: "race@example.com" })));
    expect(new Set(results.map((result) => result.contactId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await database.db.contact.count({ where: { workspaceId, email: "race@example.com" } })).toBe(1);
  });

  it("keeps identities per workspace: the same email elsewhere is another contact", async () => {
    const other = await database.db.workspace.create({ data: { name: "Other", slug: "contacts-other" } });
    const here = await resolveContact(database.db, workspaceId, { email: "shared@example.com" });
    const there = await resolveContact(database.db, other.id, { email: "shared@example.com" });
    expect(there.contactId).not.toBe(here.contactId);
    expect(there.created).toBe(true);
  });
});

describe("mergeContacts", () => {
  it("moves conversations, identities and attributes into the kept contact (its values win) and fires contact.updated", async () => {
    const kept = await resolveContact(database.db, workspaceId, { email: "grace@example.com", name: "Grace Hopper" });
    const merged = await resolveContact(database.db, workspaceId, { phone: "+1 415 555 0100", name: "G. Hopper", externalId: "crm-42" });
    await database.db.contact.update({ where: { id: kept.contactId }, data: { attributes: { plan: "pro" } } });
    await database.db.contact.update({ where: { id: merged.contactId }, data: { attributes: { plan: "free", company: "Navy" } } });
    const onWeb = await conversationOf(kept.contactId, "web", "Hello from the widget");
    const bySms = await conversationOf(merged.contactId, "sms", "Hello by text");
    await database.db.webhookSubscription.create({
      data: { workspaceId, url: "https://hooks.example.com/contacts", eventTypes: ["contact.updated"], secretIv: Buffer.alloc(12), secretTag: Buffer.alloc(16), secretData: Buffer.alloc(8) },
    });
    const eventsBefore = await database.db.webhookEvent.count({ where: { source: "contact", sourceId: kept.contactId } });

    expect(await mergeContacts(database.db, workspaceId, kept.contactId, merged.contactId)).toEqual({ conversations: 1, identities: 2 });

    expect(await database.db.contact.findUnique({ where: { id: merged.contactId } })).toBeNull();
    const detail = (await contactDetail(database.db, admin, kept.contactId))!;
    expect(detail).toMatchObject({ name: "Grace Hopper", email: "grace@example.com", phone: "+14155550100", attributes: { plan: "pro", company: "Navy" } });
    expect(detail.identities.map((identity) => `${identity.kind}:${identity.value}`).sort()).toEqual(["email:grace@example.com", "external:crm-42", "phone:+14155550100"]);
    expect(detail.conversations.map((conversation) => [conversation.id, conversation.channel, conversation.lastMessage?.text, conversation.csat])).toEqual([
      [bySms, "sms", "Hello by text", { score: 4, scale: 5 }],
      [onWeb, "web", "Hello from the widget", { score: 4, scale: 5 }],
    ]);
    expect(await database.db.webhookEvent.count({ where: { source: "contact", sourceId: kept.contactId } })).toBe(eventsBefore + 1);
    // The merged contact's phone now finds the kept one.
    expect((await resolveContact(database.db, workspaceId, { phone: "+14155550100" })).contactId).toBe(kept.contactId);
  });

  it("refuses a contact of another workspace and a merge into itself, changing nothing", async () => {
    const other = await database.db.workspace.create({ data: { name: "Another", slug: "contacts-another" } });
    const mine = await resolveContact(database.db, workspaceId, { email: "mine@example.com" });
    const theirs = await resolveContact(database.db, other.id, { email: "theirs@example.com" });
    await expect(mergeContacts(database.db, workspaceId, mine.contactId, theirs.contactId)).rejects.toBeInstanceOf(MergeRefusedError);
    await expect(mergeContacts(database.db, workspaceId, mine.contactId, mine.contactId)).rejects.toBeInstanceOf(MergeRefusedError);
    expect(await database.db.contact.count({ where: { id: { in: [mine.contactId, theirs.contactId] } } })).toBe(2);
  });
});

describe("matchingContactIds", () => {
  it("finds a contact by a word of the name, the start of an email, and a phone number typed any way", async () => {
    const { contactId } = await resolveContact(database.db, workspaceId, { email: "katherine.johnson@nasa.example", phone: "+1 202 555 0147", name: "Katherine Johnson" });
    for (const query of ["katherine", "Johns", "katherine.johnson@nasa", "+1 202 555", "1202555"]) {
      expect(await matchingContactIds(database.db, workspaceId, query), query).toContain(contactId);
    }
    // Digits from the middle of a number are not the start of an identity.
    expect(await matchingContactIds(database.db, workspaceId, "555 0147")).not.toContain(contactId);
    expect(await matchingContactIds(database.db, workspaceId, "nobody-by-this-name")).toEqual([]);
  });
});
