import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MockActivityEnvironment } from "@temporalio/testing";
import { createSecretBox, generateWebhookSecret, webhookSecretName } from "@parley/db";
import { createEscalationActivities } from "../src/escalation";
import { verifyWebhookSignature } from "../src/webhooks";
import { FailureType } from "../src/types";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

/** SLA webhooks through the SSRF guard, against a real loopback receiver. */

let database: TestDatabase;
let receiver: Server;
let receiverUrl: string;
const received: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ url: req.url ?? "", headers: req.headers, body });
      const to = new URL(req.url ?? "/", "http://x").searchParams.get("to");
      if (to) res.writeHead(307, { location: to }).end();
      else res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/sla`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await database?.close();
});

const payload = { event: "sla.breached", conversationId: "c-1", clock: "firstResponse" };

describe("postWebhook", () => {
  it("refuses a loopback receiver by default, as a non-retryable WebhookRejected", async () => {
    const { postWebhook } = createEscalationActivities({ db: database.db });
    const err = await new MockActivityEnvironment().run(postWebhook, { url: receiverUrl, payload }).catch((caught: unknown) => caught);
    expect(err).toMatchObject({ type: FailureType.WebhookRejected, nonRetryable: true, message: expect.stringMatching(/^webhook refused: 127\.0\.0\.1 is a loopback address/) });
    expect(received).toEqual([]);
  });

  it("posts when the network is allowed, with an Idempotency-Key that a retry repeats", async () => {
    const { postWebhook } = createEscalationActivities({ db: database.db, httpAllowedNetworks: ["127.0.0.1/32"] });
    await new MockActivityEnvironment({ activityId: "12", attempt: 1 }).run(postWebhook, { url: receiverUrl, payload });
    await new MockActivityEnvironment({ activityId: "12", attempt: 2 }).run(postWebhook, { url: receiverUrl, payload });
    await new MockActivityEnvironment({ activityId: "13", attempt: 1 }).run(postWebhook, { url: receiverUrl, payload });
    const keys = received.map((request) => request.headers["idempotency-key"]);
    expect(received.map((request) => JSON.parse(request.body) as unknown)).toEqual([payload, payload, payload]);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it("refuses a redirect to the metadata address", async () => {
    const { postWebhook } = createEscalationActivities({ db: database.db, httpAllowedNetworks: ["127.0.0.1/32"] });
    const url = `${receiverUrl}?to=${encodeURIComponent("http://169.254.169.254/latest/meta-data/iam/")}`;
    const err = await new MockActivityEnvironment().run(postWebhook, { url, payload }).catch((caught: unknown) => caught);
    expect(err).toMatchObject({ type: FailureType.WebhookRejected, nonRetryable: true, message: expect.stringMatching(/169\.254\.169\.254 is a cloud metadata address/) });
  });

  it("signs a breach webhook aimed at a registered endpoint with that endpoint's secret, and only then", async () => {
    const { db, seed } = database;
    const secretBox = createSecretBox(randomBytes(32));
    const secret = generateWebhookSecret();
    const id = randomUUID();
    const sealed = secretBox.seal(seed.workspaceId, webhookSecretName(id), secret);
    const signedUrl = `${receiverUrl}/registered`;
    await db.webhookSubscription.create({
      data: { id, workspaceId: seed.workspaceId, url: signedUrl, eventTypes: ["sla.breached"], secretIv: Buffer.from(sealed.iv), secretTag: Buffer.from(sealed.tag), secretData: Buffer.from(sealed.data) },
    });
    const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId } });
    const conversationId = randomUUID();
    await db.conversation.create({ data: { id: conversationId, workflowId: conversationId, workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId } });
    const { postWebhook } = createEscalationActivities({ db, httpAllowedNetworks: ["127.0.0.1/32"], secretBox });
    const breach = { ...payload, conversationId };

    await new MockActivityEnvironment({ activityId: "21" }).run(postWebhook, { url: signedUrl, payload: breach });
    await new MockActivityEnvironment({ activityId: "22" }).run(postWebhook, { url: receiverUrl, payload: breach });
    const [signed, unsigned] = received.slice(-2);
    const timestamp = verifyWebhookSignature({ body: signed!.body, signature: signed!.headers["parley-signature"] as string, secret });
    expect(String(timestamp)).toBe(signed!.headers["parley-webhook-timestamp"]);
    expect(signed!.headers["parley-webhook-id"]).toBe(`sla_${signed!.headers["idempotency-key"] as string}`);
    expect(unsigned!.headers["parley-signature"]).toBeUndefined();
  });
});
