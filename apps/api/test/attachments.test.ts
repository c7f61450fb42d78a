import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, Connection } from "@temporalio/client";
import { generateApiKey } from "@parley/api";
import { createAudioCipher } from "@parley/activities/voice";
import { createApiServer } from "../src";
import { createAttachmentRoute } from "../src/attachments/attachment-route";
import { SEEDED_ROLE_EMAIL, signIn, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

// Downloads of the files customers sent: who may fetch one, what comes back and how it is served.
// The workflow is never involved, so Temporal's connection is lazy and points nowhere.
const cipher = createAudioCipher(randomBytes(32));
let database: TestDatabase;
let server: ReturnType<typeof createApiServer>;
let base: string;
const cookies: Record<"admin" | "agent", string> = { admin: "", agent: "" };
let foreignKey: string;
const files: Record<"invoice" | "photo" | "script" | "hidden", string> = { invoice: "", photo: "", script: "", hidden: "" };
const INVOICE = Buffer.from("INVOICE 1234\nTotal: 42 EUR\n");
const PHOTO = randomBytes(600);
const SCRIPT = Buffer.from("<script>alert(document.cookie)</script>");

async function conversation(status: "handoff" | "active", assigneeEmail?: string): Promise<string> {
  const { workspaceId, publishedVersionId } = database.seed;
  const contact = await database.db.contact.create({ data: { workspaceId } });
  const assignee = assigneeEmail ? await database.db.user.findUniqueOrThrow({ where: { email: assigneeEmail } }) : undefined;
  const id = `att-${randomBytes(5).toString("hex")}`;
  await database.db.conversation.create({
    data: { id, workspaceId, contactId: contact.id, flowVersionId: publishedVersionId, workflowId: id, status, ...(assignee ? { assigneeId: assignee.id } : {}) },
  });
  return id;
}

async function attach(conversationId: string, fileName: string, contentType: string, content: Buffer): Promise<string> {
  const sealed = cipher.seal(content);
  const row = await database.db.messageAttachment.create({
    data: { conversationId, fileName, contentType, bytes: content.byteLength, iv: Buffer.from(sealed.iv), tag: Buffer.from(sealed.tag), data: Buffer.from(sealed.data) },
  });
  return row.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const temporal = new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) });
  const services = testServices(database, temporal, "unused");
  server = createApiServer({ services, routes: [createAttachmentRoute({ services, cipher })] });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cookies.admin = await signIn(base);
  cookies.agent = await signIn(base, SEEDED_ROLE_EMAIL.agent);

  const waiting = await conversation("handoff");
  files.invoice = await attach(waiting, "Rechnung März.txt", "text/plain", INVOICE);
  files.photo = await attach(waiting, "photo.jpg", "image/jpeg", PHOTO);
  files.script = await attach(waiting, "page.html", "text/html", SCRIPT);
  // A bot conversation nobody is assigned: supervisors see it, agents do not.
  files.hidden = await attach(await conversation("active"), "private.txt", "text/plain", Buffer.from("not for agents"));

  const other = await database.db.workspace.create({ data: { name: "Elsewhere", slug: "elsewhere-attachments" } });
  const { key, prefix, hash } = generateApiKey();
  await database.db.apiKey.create({ data: { workspaceId: other.id, name: "other", scope: "admin", prefix, hash } });
  foreignKey = key;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

const get = (id: string, headers: Record<string, string> = {}, method = "GET") => fetch(`${base}/api/attachments/${id}`, { method, headers });

describe("attachment downloads", () => {
  it("serve the decrypted file to a member who may read its conversation, safely typed", async () => {
    const invoice = await get(files.invoice, { cookie: cookies.admin });
    expect(invoice.status).toBe(200);
    expect(Buffer.from(await invoice.arrayBuffer()).equals(INVOICE)).toBe(true);
    expect(invoice.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(invoice.headers.get("content-disposition")).toBe(`inline; filename="Rechnung M_rz.txt"; filename*=UTF-8''Rechnung%20M%C3%A4rz.txt`);
    expect(invoice.headers.get("x-content-type-options")).toBe("nosniff");
    expect(invoice.headers.get("content-security-policy")).toContain("sandbox");

    const photo = await get(files.photo, { cookie: cookies.agent });
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await photo.arrayBuffer()).equals(PHOTO)).toBe(true);

    // HTML a customer sent is never a page of ours: downloaded as bytes, not rendered.
    const script = await get(files.script, { cookie: cookies.admin });
    expect(script.headers.get("content-type")).toBe("application/octet-stream");
    expect(script.headers.get("content-disposition")).toMatch(/^attachment; filename="page.html"/);

    const audit = await database.db.auditEvent.findMany({ where: { action: "attachment.read" } });
    expect(audit.map((event) => event.targetId).sort()).toEqual([files.invoice, files.photo, files.script].sort());
  });

  it("refuses anyone else, as the conversation itself would, and changes nothing", async () => {
    const before = await database.db.messageAttachment.count();
    expect((await get(files.invoice)).status).toBe(401);
    expect((await get(files.invoice, { authorization: "Bearer pk_not-a-key" })).status).toBe(401);
    const foreign = await get(files.invoice, { authorization: `Bearer ${foreignKey}` });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ error: `attachment ${files.invoice} not found`, code: "NOT_FOUND" });
    // An agent sees waiting and own conversations only.
    expect((await get(files.hidden, { cookie: cookies.agent })).status).toBe(404);
    expect((await get(files.hidden, { cookie: cookies.admin })).status).toBe(200);
    expect((await get("no-such-file", { cookie: cookies.admin })).status).toBe(404);
    expect((await get("bad id!", { cookie: cookies.admin })).status).toBe(404);
    expect((await get(files.invoice, { cookie: cookies.admin }, "DELETE")).status).toBe(405);
    expect(await database.db.messageAttachment.count()).toBe(before);
  });
});
