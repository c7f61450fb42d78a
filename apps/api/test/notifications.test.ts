import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { Client, Connection } from "@temporalio/client";
import type { AppRouter } from "@parley/api";
import { createApiServer } from "../src";
import { signIn, testClient, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

// Notifications are rows the workflows' activities write (see packages/workflows/test/handoff
// and sla tests); this reads and acknowledges them over HTTP. Temporal is never called here, so
// the client's connection is lazy and points nowhere.
let database: TestDatabase;
let server: ReturnType<typeof createApiServer>;
let api: ReturnType<typeof testClient>;
let conversationId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const temporal = new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) });
  server = createApiServer({ services: testServices(database, temporal, "unused") });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api = testClient(baseUrl, { cookie: await signIn(baseUrl) });

  const { workspaceId, publishedVersionId } = database.seed;
  const contact = await database.db.contact.create({ data: { workspaceId, name: "Grace" } });
  const conversation = await database.db.conversation.create({
    data: { workspaceId, contactId: contact.id, flowVersionId: publishedVersionId, workflowId: "wf-notifications" },
  });
  conversationId = conversation.id;
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute));
  await database.db.notification.createMany({
    data: [
      { id: `${conversationId}-queued-4`, workspaceId, conversationId, team: "Billing", level: "queued", message: "Customer asks: refund", createdAt: at(0) },
      { id: `${conversationId}-sla-firstResponse-0-warning`, workspaceId, conversationId, team: "Billing", level: "warning", clock: "firstResponse", message: "First reply due in 3 min", createdAt: at(12) },
      { id: `${conversationId}-sla-firstResponse-0-breach`, workspaceId, conversationId, team: "Billing", level: "breach", clock: "firstResponse", message: "First reply overdue", createdAt: at(15) },
    ],
  });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

describe("notifications", () => {
  it("lists the newest first with the contact's name and the unread count", async () => {
    const list = await api.notifications.list.query({ limit: 10 });
    expect(list.unread).toBe(3);
    expect(list.items.map((item) => [item.level, item.contactName, item.message, item.read])).toEqual([
      ["breach", "Grace", "First reply overdue", false],
      ["warning", "Grace", "First reply due in 3 min", false],
      ["queued", "Grace", "Customer asks: refund", false],
    ]);
    expect(list.items[0]).toMatchObject({ conversationId, team: "Billing", clock: "firstResponse" });
  });

  it("marks one read, then all; marking again changes nothing", async () => {
    const one = await api.notifications.markRead.mutate({ ids: [`${conversationId}-queued-4`] });
    expect(one.marked).toBe(1);
    expect((await api.notifications.list.query()).unread).toBe(2);

    expect((await api.notifications.markRead.mutate({})).marked).toBe(2);
    const after = await api.notifications.list.query();
    expect(after.unread).toBe(0);
    expect(after.items.every((item) => item.read)).toBe(true);
    expect((await api.notifications.markRead.mutate({})).marked).toBe(0);
  });

  it("refuses malformed input with a clear error", async () => {
    const error = await api.notifications.markRead.mutate({ ids: [] }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe("BAD_REQUEST");
    const tooMany = await api.notifications.list.query({ limit: 1000 }).catch((err: unknown) => err);
    expect((tooMany as TRPCClientError<AppRouter>).data?.code).toBe("BAD_REQUEST");
  });
});
