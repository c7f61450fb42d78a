import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { Client, Connection } from "@temporalio/client";
import type { AppRouter } from "@parley/api";
import { createApiServer } from "../src";
import { signIn, testClient, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { bombPdf, tinyPdf } from "../../../packages/ai/src/knowledge/test-pdf.fixture";

/**
 * Hostile knowledge uploads over real HTTP: documents are parsed in a worker thread with limits,
 * so they get a 4xx with the reason and the API keeps answering meanwhile.
 */

let database: TestDatabase;
let server: ReturnType<typeof createApiServer>;
let api: ReturnType<typeof testClient>;
let baseId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  // Knowledge procedures never reach Temporal: a lazy client that is never dialled.
  const temporal = new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) });
  server = createApiServer({ services: testServices(database, temporal, "unused") });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api = testClient(baseUrl, { cookie: await signIn(baseUrl) });
  baseId = (await api.knowledge.bases.create.mutate({ name: "Uploads" })).id;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

async function refusal(promise: Promise<unknown>): Promise<{ status: number | undefined; code: string | undefined; message: string }> {
  const err = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(err).toBeInstanceOf(TRPCClientError);
  const data = (err as TRPCClientError<AppRouter>).data as { httpStatus?: number; code?: string } | undefined;
  return { status: data?.httpStatus, code: data?.code, message: (err as Error).message };
}

const upload = (title: string, source: { sourceType: "html"; content: string } | { sourceType: "pdf"; base64: string }) =>
  api.knowledge.documents.create.mutate({ knowledgeBaseId: baseId, title, source });

describe("knowledge uploads parsed off the event loop", () => {
  it("answers 422 for 100,000 nested <div>s", async () => {
    expect(await refusal(upload("Nested", { sourceType: "html", content: `${"<div>".repeat(100_000)}deep` }))).toEqual({
      status: 422,
      code: "UNPROCESSABLE_CONTENT",
      message: "the HTML nests elements more than 256 deep; flatten it",
    });
  });

  it("answers 422 for a PDF decompression bomb, and other requests are answered while it is read", async () => {
    const bomb = Buffer.from(bombPdf(100)).toString("base64");
    let uploadSettled = false;
    const pending = refusal(upload("Bomb", { sourceType: "pdf", base64: bomb })).finally(() => (uploadSettled = true));
    // A cheap request sent after the upload is answered before the upload is: the API's event
    // loop is free while the thread reads the file.
    const bases = await api.knowledge.bases.list.query();
    expect(bases.some((base) => base.id === baseId)).toBe(true);
    expect(uploadSettled).toBe(false);
    // Whichever limit the thread reaches first (the heap, or the deadline on a busy machine).
    expect(await pending).toEqual({
      status: 422,
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringMatching(/^reading the document (needs more than 256 MB of memory|took longer than 10 s); split or simplify it$/),
    });
  }, 60_000);

  it("still ingests ordinary HTML and PDF", async () => {
    const html = await upload("Vouchers", { sourceType: "html", content: "<h1>Vouchers</h1><div><p>Gift vouchers never expire.</p></div>" });
    expect(html).toMatchObject({ sourceType: "html", chunkCount: 1 });
    const pdf = await upload("Prices", { sourceType: "pdf", base64: Buffer.from(tinyPdf(["The premium plan costs 49 euros per month."])).toString("base64") });
    expect(pdf).toMatchObject({ sourceType: "pdf", chunkCount: 1 });
    const hits = (await api.knowledge.search.query({ knowledgeBaseId: baseId, query: "premium plan price" })).hits;
    expect(hits[0]).toMatchObject({ documentId: pdf.id });
  });
});
