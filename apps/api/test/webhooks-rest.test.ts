// Webhook subscriptions managed over the REST API with API keys: the workspace comes from the key,
// and what the API will not call is a 400 (the real stack of support/webhooks-harness.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiKey } from "@parley/api";
import { asPerson } from "../../../test/support/api";
import { createCaller, startWebhooksHarness, type WebhooksHarness } from "./support/webhooks-harness";

let hooks: WebhooksHarness;
beforeAll(async () => {
  hooks = await startWebhooksHarness("webhooks-rest");
});
afterAll(() => hooks?.close());

describe("webhooks over the REST API", () => {
  async function call(method: string, path: string, key: string, body?: unknown) {
    const response = await fetch(`${hooks.restBase}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  async function adminKey(workspaceId: string) {
    const { key, prefix, hash } = generateApiKey();
    await hooks.database.db.apiKey.create({ data: { workspaceId, name: "webhooks", scope: "admin", prefix, hash } });
    return key;
  }

  it("creates, lists and deletes with an admin key; another workspace's key finds nothing", async () => {
    const key = await adminKey(hooks.database.seed.workspaceId);
    const created = await call("POST", "/webhooks", key, { url: "https://hooks.example.com/parley", eventTypes: ["message.created", "sla.breached"] });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ url: "https://hooks.example.com/parley", eventTypes: ["message.created", "sla.breached"], enabled: true, secret: expect.stringMatching(/^whsec_/) });
    const id = created.body.id as string;
    const listed = await call("GET", "/webhooks", key);
    expect((listed.body.webhooks as { id: string; secret?: string }[]).find((row) => row.id === id)).toEqual(expect.not.objectContaining({ secret: expect.anything() }));

    const other = await hooks.database.db.workspace.create({ data: { name: "Elsewhere", slug: "elsewhere-webhooks" } });
    const otherKey = await adminKey(other.id);
    expect((await call("DELETE", `/webhooks/${id}`, otherKey)).status).toBe(404);
    expect((await call("GET", "/webhooks", otherKey)).body.webhooks).toEqual([]);
    expect(await createCaller(asPerson(hooks.services, hooks.database)).webhooks.deliveries({ id })).toEqual([]);

    expect((await call("DELETE", `/webhooks/${id}`, key)).status).toBe(200);
    expect((await call("DELETE", `/webhooks/${id}`, key)).status).toBe(404);
  });

  it("answers 400 to an unknown event type and to URLs it will not call", async () => {
    const key = await adminKey(hooks.database.seed.workspaceId);
    const before = await hooks.database.db.webhookSubscription.count();
    for (const body of [
      { url: "https://hooks.example.com/x", eventTypes: ["conversation.exploded"] },
      { url: "https://hooks.example.com/x", eventTypes: [] },
      { url: "not a url", eventTypes: ["message.created"] },
      { url: "ftp://hooks.example.com/x", eventTypes: ["message.created"] },
      { url: "https://user:password@hooks.example.com/x", eventTypes: ["message.created"] },
    ]) {
      const { status } = await call("POST", "/webhooks", key, body);
      expect(status, JSON.stringify(body)).toBe(400);
    }
    expect(await hooks.database.db.webhookSubscription.count()).toBe(before);
  });
});
