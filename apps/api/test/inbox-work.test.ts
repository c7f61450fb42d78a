import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { Client, Connection } from "@temporalio/client";
import type { AppRouter } from "@parley/api";
import { createApiServer } from "../src";
import { SEEDED_ROLE_EMAIL, signIn, testClient, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

// Labels and canned responses are app data the conversation's workflow never sees, so Temporal
// is never called here: the client's connection is lazy and points nowhere.
let database: TestDatabase;
let server: ReturnType<typeof createApiServer>;
let admin: ReturnType<typeof testClient>;
let agent: ReturnType<typeof testClient>;
let conversationId: string;

const codeOf = (err: unknown) => (err as TRPCClientError<AppRouter>).data?.code;

beforeAll(async () => {
  database = await createTestDatabase();
  const temporal = new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) });
  server = createApiServer({ services: testServices(database, temporal, "unused") });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  admin = testClient(baseUrl, { cookie: await signIn(baseUrl) });
  agent = testClient(baseUrl, { cookie: await signIn(baseUrl, SEEDED_ROLE_EMAIL.agent) });

  const { workspaceId, publishedVersionId } = database.seed;
  const contact = await database.db.contact.create({ data: { workspaceId, name: "Grace Hopper" } });
  const agentUser = await database.db.user.findUniqueOrThrow({ where: { email: SEEDED_ROLE_EMAIL.agent } });
  const conversation = await database.db.conversation.create({
    data: {
      workspaceId,
      contactId: contact.id,
      flowVersionId: publishedVersionId,
      workflowId: "wf-inbox-work",
      status: "handoff",
      assigneeId: agentUser.id,
      variables: { order_id: "A-17" },
    },
  });
  conversationId = conversation.id;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

describe("labels", () => {
  it("admins keep the list; an agent adds and removes one on a conversation, audited, twice changes nothing", async () => {
    const { id } = await admin.labels.create.mutate({ name: "vip", color: "#AA3300" });
    await admin.labels.create.mutate({ name: "billing", color: "#0055ff" });
    expect(await agent.labels.list.query()).toEqual([
      { id: expect.any(String), name: "billing", color: "#0055ff" },
      { id, name: "vip", color: "#aa3300" },
    ]);
    expect(codeOf(await admin.labels.create.mutate({ name: "vip", color: "#000000" }).catch((err: unknown) => err))).toBe("CONFLICT");
    expect(codeOf(await agent.labels.create.mutate({ name: "mine", color: "#000000" }).catch((err: unknown) => err))).toBe("FORBIDDEN");

    expect(await agent.labels.setOnConversation.mutate({ conversationId, labelId: id, on: true })).toEqual({ ok: true, changed: true });
    expect(await agent.labels.setOnConversation.mutate({ conversationId, labelId: id, on: true })).toEqual({ ok: true, changed: false });
    expect(await agent.labels.ofConversation.query({ conversationId })).toEqual([{ id, name: "vip", color: "#aa3300" }]);

    await admin.labels.update.mutate({ id, name: "VIP", color: "#aa3300" });
    expect((await agent.labels.ofConversation.query({ conversationId }))[0]?.name).toBe("VIP");

    expect(await agent.labels.setOnConversation.mutate({ conversationId, labelId: id, on: false })).toEqual({ ok: true, changed: true });
    expect(await agent.labels.ofConversation.query({ conversationId })).toEqual([]);
    const audit = await database.db.auditEvent.findMany({ where: { targetId: conversationId }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { action: true, details: true } });
    expect(audit.map((event) => event.action)).toEqual(["conversation.label_add", "conversation.label_remove"]);
  });

  it("deleting a label takes it off its conversations; a deleted label cannot be added", async () => {
    const { id } = await admin.labels.create.mutate({ name: "doomed", color: "#123456" });
    await agent.labels.setOnConversation.mutate({ conversationId, labelId: id, on: true });
    await admin.labels.delete.mutate({ id });
    expect(await agent.labels.ofConversation.query({ conversationId })).toEqual([]);
    const err = await agent.labels.setOnConversation.mutate({ conversationId, labelId: id, on: true }).catch((e: unknown) => e);
    expect(codeOf(err)).toBe("NOT_FOUND");
  });

  it("refuses a bad colour", async () => {
    expect(codeOf(await admin.labels.create.mutate({ name: "red", color: "red" }).catch((err: unknown) => err))).toBe("BAD_REQUEST");
  });
});

describe("canned responses", () => {
  it("renders contact, agent and flow variables for the agent and leaves unknown ones visible", async () => {
    const { id } = await admin.cannedResponses.create.mutate({
      shortcut: "order",
      title: "Order status",
      body: "Hi {{contact.name}}, {{agent.name}} here. Order {{order_id}} ships today; we'll write to {{contact.email}}. {{tracking}}",
    });
    expect(codeOf(await admin.cannedResponses.create.mutate({ shortcut: "order", title: "Again", body: "x" }).catch((err: unknown) => err))).toBe("CONFLICT");
    expect((await agent.cannedResponses.list.query()).map((canned) => canned.shortcut)).toEqual(["order"]);
    const agentName = (await database.db.user.findUniqueOrThrow({ where: { email: SEEDED_ROLE_EMAIL.agent } })).name;
    const rendered = await agent.cannedResponses.render.query({ id, conversationId });
    expect(rendered).toEqual({
      text: `Hi Grace Hopper, ${agentName} here. Order A-17 ships today; we'll write to {{contact.email}}. {{tracking}}`,
      unknown: ["contact.email", "tracking"],
    });
  });

  it("refuses a shortcut that is not one word", async () => {
    const err = await admin.cannedResponses.create.mutate({ shortcut: "two words", title: "t", body: "b" }).catch((e: unknown) => e);
    expect(codeOf(err)).toBe("BAD_REQUEST");
  });
});

describe("the contact panel", () => {
  it("shows the contact, the flow's variables and their other conversations; an agent corrects the details, audited", async () => {
    const { workspaceId, publishedVersionId } = database.seed;
    const { contactId } = await database.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    const earlier = await database.db.conversation.create({
      data: { workspaceId, contactId, flowVersionId: publishedVersionId, workflowId: "wf-inbox-work-earlier", channel: "voice", status: "resolved" },
    });
    // An agent sees only theirs and the queue: an earlier conversation in handoff and unassigned is in the queue.
    await database.db.conversation.update({ where: { id: earlier.id }, data: { status: "handoff" } });
    const panel = await agent.contactPanel.get.query({ conversationId });
    expect(panel.contact).toMatchObject({ name: "Grace Hopper", email: null, phone: null });
    expect(panel.attributes).toEqual([{ name: "order_id", value: "A-17" }]);
    expect(panel.past.map((past) => [past.id, past.channel, past.status])).toEqual([[earlier.id, "voice", "handoff"]]);

    expect(await agent.contactPanel.update.mutate({ conversationId, email: "grace@example.com", phone: "+1 555 0100" })).toEqual({ ok: true, changed: ["email", "phone"] });
    expect((await agent.contactPanel.get.query({ conversationId })).contact).toMatchObject({ email: "grace@example.com", phone: "+1 555 0100" });
    expect((await agent.contactPanel.update.mutate({ conversationId, email: "grace@example.com" })).changed).toEqual([]);
    // The corrected email is an identity now; "+1 555 0100" is too short to be a US number, so it is not.
    expect((await agent.contactPanel.get.query({ conversationId })).identities).toContainEqual({ kind: "email", value: "grace@example.com" });
    expect((await agent.contactPanel.get.query({ conversationId })).identities.some((identity) => identity.kind === "phone")).toBe(false);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "contact.update" } });
    expect(audit.details).toEqual({ fields: ["email", "phone"], conversationId });

    const bad = await agent.contactPanel.update.mutate({ conversationId, email: "not-an-email" }).catch((err: unknown) => err);
    expect(codeOf(bad)).toBe("BAD_REQUEST");
  });
});

describe("macros", () => {
  it("applies every action in order, or with a deleted label none of them (412)", async () => {
    const first = await admin.labels.create.mutate({ name: "macro-first", color: "#111111" });
    const second = await admin.labels.create.mutate({ name: "macro-second", color: "#222222" });
    const { id: macroId } = await admin.macros.create.mutate({
      name: "Tag twice",
      actions: [
        { type: "addLabel", labelId: first.id },
        { type: "addLabel", labelId: second.id },
      ],
    });
    expect(await agent.macros.run.mutate({ macroId, conversationId })).toEqual({ ok: true, applied: 2 });
    const names = async () => (await agent.labels.ofConversation.query({ conversationId })).map((label) => label.name).filter((name) => name.startsWith("macro-"));
    expect(await names()).toEqual(["macro-first", "macro-second"]);

    await agent.labels.setOnConversation.mutate({ conversationId, labelId: first.id, on: false });
    await admin.labels.delete.mutate({ id: second.id });
    const refused = await agent.macros.run.mutate({ macroId, conversationId }).catch((err: unknown) => err);
    expect(codeOf(refused)).toBe("PRECONDITION_FAILED");
    expect((refused as Error).message).toContain(`label ${second.id}`);
    // The first action was not applied either.
    expect(await names()).toEqual([]);
    expect(await database.db.auditEvent.count({ where: { action: "macro.run" } })).toBe(1);
  });

  it("adds a private note under the runner's name (no workflow involved)", async () => {
    const { id: macroId } = await admin.macros.create.mutate({ name: "Refund note", actions: [{ type: "addNote", text: "Refund checked by the macro" }] });
    expect(await agent.macros.run.mutate({ macroId, conversationId })).toEqual({ ok: true, applied: 1 });
    const agentUser = await database.db.user.findUniqueOrThrow({ where: { email: SEEDED_ROLE_EMAIL.agent } });
    expect(await agent.notes.list.query({ conversationId })).toMatchObject([{ kind: "note", text: "Refund checked by the macro", author: { id: agentUser.id }, mentions: [] }]);
    expect(await database.db.message.count({ where: { conversationId } })).toBe(0);
  });

  it("is checked when saved: an unknown team or a resolve before the end is refused", async () => {
    const unknownTeam = await admin.macros.create.mutate({ name: "To nowhere", actions: [{ type: "assign", agentId: null, team: "Nowhere" }] }).catch((err: unknown) => err);
    expect(codeOf(unknownTeam)).toBe("PRECONDITION_FAILED");
    const early = await admin.macros.create.mutate({ name: "Early", actions: [{ type: "resolve" }, { type: "assign", agentId: "me" }] }).catch((err: unknown) => err);
    expect(codeOf(early)).toBe("BAD_REQUEST");
    expect(await database.db.macro.count({ where: { name: { in: ["To nowhere", "Early"] } } })).toBe(0);
  });
});
