// Contacts as an integration and the widget see them: plain HTTP against a real Temporal dev
// server, worker and SQLite database. The widget's visitor id and pre-chat email, a REST start
// on another channel and the REST contacts API all land on one contact.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { generateApiKey } from "@parley/api";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

const SHOP = "https://shop.example.com";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;
let base: string;
const keys = { read: "", write: "", otherWorkspace: "" };

async function newKey(workspaceId: string, scope: "read" | "write"): Promise<string> {
  const { key, prefix, hash } = generateApiKey();
  await database.db.apiKey.create({ data: { workspaceId, name: `contacts ${scope}`, scope, prefix, hash } });
  return key;
}

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("contacts-rest");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  server = createApiServer({ services: testServices(database, env.client, taskQueue), corsOrigins: [] });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { workspaceId, flowId } = database.seed;
  keys.read = await newKey(workspaceId, "read");
  keys.write = await newKey(workspaceId, "write");
  const other = await database.db.workspace.create({ data: { name: "Elsewhere", slug: "elsewhere-contacts" } });
  keys.otherWorkspace = await newKey(other.id, "write");
  await database.db.workspaceChannel.create({
    data: { workspaceId, kind: "web_widget", name: "Shop", flowId, publicId: "contacts-shop-0001", allowedOrigins: [SHOP], config: { preChatForm: true } },
  });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

async function call(method: string, path: string, options: { key?: string; body?: unknown; origin?: string } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  // Loosely typed on purpose: the assertions read whatever the server sent.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}

const contactOf = async (conversationId: string) => (await database.db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { contactId: true } })).contactId;

describe("one contact across channels", () => {
  it("links the widget's visitor, its pre-chat email and an SMS start with that email to one contact the API shows", async () => {
    const visitorId = "visitor0123456789abcdef";
    const widget = (body: unknown) => call("POST", "/widget/v1/channels/contacts-shop-0001/conversations", { origin: SHOP, body });
    const first = await widget({ visitorId });
    expect(first.status).toBe(200);
    // The same browser comes back and fills in the pre-chat form this time.
    const second = await widget({ visitorId, contact: { name: "Ada Shopper", email: "Ada@Example.com" } });
    const contactId = await contactOf(first.body!.conversationId);
    expect(await contactOf(second.body!.conversationId)).toBe(contactId);

    const bySms = await call("POST", "/api/v1/conversations", { key: keys.write, body: { flowId: database.seed.flowId, channel: "sms", contact: { email: "ada@example.com", phone: "+1 415 555 0199" } } });
    expect(bySms.status).toBe(200);
    expect(await contactOf(bySms.body!.conversationId)).toBe(contactId);

    const found = await call("GET", "/api/v1/contacts?query=%2B1415555", { key: keys.read });
    expect(found.body!.contacts).toEqual([expect.objectContaining({ id: contactId, name: "Ada Shopper", email: "ada@example.com", phone: "+14155550199", conversations: 3 })]);
    const contact = await call("GET", `/api/v1/contacts/${contactId}`, { key: keys.read });
    expect(contact.status).toBe(200);
    expect(contact.body!.identities.map((identity: { kind: string; value: string }) => `${identity.kind}:${identity.value}`).sort()).toEqual([
      "email:ada@example.com",
      "phone:+14155550199",
      `visitor:${visitorId}`,
    ]);
    expect(contact.body!.conversations.map((conversation: { channel: string }) => conversation.channel)).toEqual(["sms", "web", "web"]);
    expect(contact.body!.conversations[0].lastMessage).toEqual({ author: expect.any(String), text: expect.any(String) });
  });

  it("upserts by identity, sets typed attributes, and refuses bad ones, a read key and another workspace", async () => {
    const created = await call("POST", "/api/v1/contacts", { key: keys.write, body: { externalId: "crm-7", name: "Grace", attributes: { plan: "pro", seats: 12, trial: false } } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ created: true, contact: { name: "Grace", attributes: { plan: "pro", seats: 12, trial: false } } });
    const id = created.body!.contact.id as string;
    const again = await call("POST", "/api/v1/contacts", { key: keys.write, body: { externalId: "crm-7", email: "grace@example.com" } });
    expect(again.body).toMatchObject({ created: false, contact: { id, email: "grace@example.com" } });

    const updated = await call("PATCH", `/api/v1/contacts/${id}/attributes`, { key: keys.write, body: { attributes: { seats: 14, trial: null } } });
    expect(updated.status).toBe(200);
    expect(updated.body!.attributes).toEqual({ plan: "pro", seats: 14 });

    for (const bad of [{ attributes: { "no spaces": "x" } }, { attributes: { note: "x".repeat(501) } }, { attributes: { nested: { a: 1 } } }]) {
      expect((await call("PATCH", `/api/v1/contacts/${id}/attributes`, { key: keys.write, body: bad })).status, JSON.stringify(bad).slice(0, 40)).toBe(400);
    }
    expect((await call("POST", "/api/v1/contacts", { key: keys.write, body: { name: "No identity" } })).status).toBe(400);
    expect((await call("POST", "/api/v1/contacts", { key: keys.write, body: { phone: "12" } })).status).toBe(400);
    expect((await call("PATCH", `/api/v1/contacts/${id}/attributes`, { key: keys.read, body: { attributes: { plan: "free" } } })).status).toBe(403);
    expect((await call("GET", `/api/v1/contacts/${id}`, { key: keys.otherWorkspace })).status).toBe(404);
    expect((await call("PATCH", `/api/v1/contacts/${id}/attributes`, { key: keys.otherWorkspace, body: { attributes: { plan: "free" } } })).status).toBe(404);
    const stored = await database.db.contact.findUniqueOrThrow({ where: { id } });
    expect(stored.attributes).toEqual({ plan: "pro", seats: 14 });
  });
});
