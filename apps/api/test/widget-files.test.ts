// Files a customer sends from the embeddable widget (the paperclip), against a real Temporal dev
// server, worker and SQLite database: a good file becomes a customer message with the file stored
// sealed (once, even when the upload is retried), the customer reads it back, an agent downloads
// it; every refusal (401, 403, 413, 415, 400) is a clear 4xx that stores nothing.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { createAudioCipher } from "@parley/activities/voice";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../src";
import { createAttachmentRoute } from "../src/attachments/attachment-route";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { signIn, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { gradientPng } from "../../../test/support/png";

const SHOP = "https://shop.example.com";
const MAX_BYTES = 64 * 1024;
const PHOTO = gradientPng(40, 30);

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;
let base: string;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("widget-files");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  const services = testServices(database, env.client, taskQueue);
  const cipher = createAudioCipher(randomBytes(32));
  server = createApiServer({ services, corsOrigins: [], widgetFiles: { cipher, maxBytes: MAX_BYTES }, routes: [createAttachmentRoute({ services, cipher })] });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { workspaceId, flowId } = database.seed;
  await database.db.workspaceChannel.create({ data: { workspaceId, kind: "web_widget", name: "Shop", flowId, publicId: "files-widget-01", allowedOrigins: [SHOP], config: {} } });
  const other = await database.db.workspace.create({ data: { name: "Elsewhere", slug: "elsewhere-files" } });
  await database.db.workspaceChannel.create({ data: { workspaceId: other.id, kind: "web_widget", name: "Other", publicId: "other-files-01", allowedOrigins: ["*"], config: {} } });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

const channelPath = (channel = "files-widget-01") => `/widget/v1/channels/${channel}`;

async function start(): Promise<{ conversationId: string; token: string }> {
  const response = await fetch(`${base}${channelPath()}/conversations`, { method: "POST", headers: { origin: SHOP, "content-type": "application/json" }, body: "{}" });
  expect(response.status).toBe(200);
  return (await response.json()) as { conversationId: string; token: string };
}

interface Upload {
  token?: string;
  type?: string;
  name?: string | null;
  clientMessageId?: string | null;
  channel?: string;
}

async function upload(conversationId: string, body: Buffer, options: Upload = {}) {
  const query = new URLSearchParams();
  if (options.name !== null) query.set("name", options.name ?? "photo.png");
  if (options.clientMessageId !== null) query.set("clientMessageId", options.clientMessageId ?? `up-${randomBytes(6).toString("hex")}`);
  const response = await fetch(`${base}${channelPath(options.channel)}/conversations/${conversationId}/attachments?${query}`, {
    method: "POST",
    headers: { origin: SHOP, "content-type": options.type ?? "image/png", ...(options.token ? { "x-parley-conversation-token": options.token } : {}) },
    body,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the assertions read whatever came back
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const stored = (conversationId: string) => database.db.messageAttachment.count({ where: { conversationId } });

describe("files from the widget", () => {
  it("offers the paperclip with the size cap in the channel's settings", async () => {
    const settings = await fetch(`${base}${channelPath()}`, { headers: { origin: SHOP } });
    expect(await settings.json()).toMatchObject({ uploads: { maxBytes: MAX_BYTES } });
  });

  it("stores a picture sealed as the customer's message, once per client message id; the customer and an agent read it back", async () => {
    const { conversationId, token } = await start();
    const first = await upload(conversationId, PHOTO, { token, name: "C:\\Users\\ada\\photo.png", clientMessageId: "photo-1" });
    expect(first.status).toBe(200);
    expect(first.body.attachments).toEqual([{ id: expect.any(String), fileName: "photo.png", contentType: "image/png", bytes: PHOTO.byteLength }]);
    const fileId = first.body.attachments[0].id as string;
    const row = await database.db.messageAttachment.findUniqueOrThrow({ where: { id: fileId } });
    expect(row.messageId).toBe(first.body.accepted.id);
    expect(Buffer.from(row.data).equals(PHOTO)).toBe(false);
    const message = await database.db.message.findUniqueOrThrow({ where: { id: row.messageId! } });
    expect([message.author, message.text]).toEqual(["contact", "[sent photo.png]"]);

    // The answer was lost and the widget sends again: the same message and file, nothing new.
    const again = await upload(conversationId, PHOTO, { token, clientMessageId: "photo-1" });
    expect(again.status).toBe(200);
    expect(again.body.attachments.map((file: { id: string }) => file.id)).toEqual([fileId]);
    expect(await stored(conversationId)).toBe(1);

    const transcript = await fetch(`${base}${channelPath()}/conversations/${conversationId}/messages?after=0`, { headers: { origin: SHOP, "x-parley-conversation-token": token } });
    const contact = ((await transcript.json()) as { messages: { author: string; attachments?: unknown[] }[] }).messages.find((m) => m.author === "contact");
    expect(contact?.attachments).toEqual([{ id: fileId, fileName: "photo.png", contentType: "image/png", bytes: PHOTO.byteLength }]);

    const own = await fetch(`${base}${channelPath()}/conversations/${conversationId}/attachments/${fileId}`, { headers: { origin: SHOP, "x-parley-conversation-token": token } });
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("image/png");
    expect(own.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await own.arrayBuffer()).equals(PHOTO)).toBe(true);

    const agent = await fetch(`${base}/api/attachments/${fileId}`, { headers: { cookie: await signIn(base) } });
    expect(agent.status).toBe(200);
    expect(Buffer.from(await agent.arrayBuffer()).equals(PHOTO)).toBe(true);

  });

  it("takes PDFs and plain text by their content, whatever the browser declared", async () => {
    const note = await start();
    const text = await upload(note.conversationId, Buffer.from("Order 1234\nDelivered to the wrong door.\n"), { token: note.token, type: "text/plain", name: "note.txt" });
    expect([text.status, text.body.attachments?.[0]]).toMatchObject([200, { fileName: "note.txt", contentType: "text/plain" }]);
    // A browser that does not know the type says so; the content decides.
    const invoice = await start();
    const pdf = await upload(invoice.conversationId, Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"), { token: invoice.token, type: "application/octet-stream", name: "invoice.pdf" });
    expect([pdf.status, pdf.body.attachments?.[0]]).toMatchObject([200, { fileName: "invoice.pdf", contentType: "application/pdf" }]);
  });

  it("refuses wrong credentials, large files, other kinds and malformed uploads with a 4xx, storing nothing", async () => {
    const { conversationId, token } = await start();
    const other = await start();
    const messagesBefore = await database.db.message.count({ where: { conversationId } });
    const refusals: [string, Promise<{ status: number }>, number][] = [
      ["no token", upload(conversationId, PHOTO), 401],
      ["forged token", upload(conversationId, PHOTO, { token: "forged" }), 401],
      ["another conversation's token", upload(conversationId, PHOTO, { token: other.token }), 403],
      ["another workspace's widget", upload(conversationId, PHOTO, { token, channel: "other-files-01" }), 403],
      ["too large", upload(conversationId, Buffer.concat([PHOTO, Buffer.alloc(MAX_BYTES)]), { token }), 413],
      ["a program named .png", upload(conversationId, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(200)]), { token }), 415],
      ["binary declared as text", upload(conversationId, randomBytes(300), { token, type: "text/plain", name: "a.txt" }), 415],
      ["a PDF declared as a picture", upload(conversationId, Buffer.from("%PDF-1.7\n"), { token }), 415],
      ["HTML declared as HTML", upload(conversationId, Buffer.from("<html><script>alert(1)</script></html>"), { token, type: "text/html", name: "a.html" }), 415],
      ["no file name", upload(conversationId, PHOTO, { token, name: null }), 400],
      ["a bad client message id", upload(conversationId, PHOTO, { token, clientMessageId: "no spaces allowed" }), 400],
      ["an empty file", upload(conversationId, Buffer.alloc(0), { token }), 400],
    ];
    for (const [what, answer, status] of refusals) expect([what, (await answer).status]).toEqual([what, status]);
    expect(await stored(conversationId)).toBe(0);
    // An ended conversation takes no more files (409), and keeps none.
    await database.db.conversation.update({ where: { id: other.conversationId }, data: { status: "resolved" } });
    expect((await upload(other.conversationId, PHOTO, { token: other.token })).status).toBe(409);
    expect(await stored(other.conversationId)).toBe(0);
    expect(await database.db.message.count({ where: { conversationId } })).toBe(messagesBefore);
    const missing = await fetch(`${base}${channelPath()}/conversations/${conversationId}/attachments/nope`, { headers: { origin: SHOP, "x-parley-conversation-token": token } });
    expect(missing.status).toBe(404);
  });
});
