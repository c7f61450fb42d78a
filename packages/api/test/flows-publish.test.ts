import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, Connection } from "@temporalio/client";
import { appRouter, createCallerFactory } from "../src";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

/**
 * Publishing and saving race for the same draft row when two admins work on one flow. Flows
 * never talk to Temporal, so the client is a lazy one that never connects.
 */
let database: TestDatabase;
const createCaller = createCallerFactory(appRouter);
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  database = await createTestDatabase();
  const temporal = new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) });
  api = createCaller(asPerson(testServices(database, temporal, "unused"), database));
});
afterAll(async () => {
  await database?.close();
});

function outcome(result: PromiseSettledResult<unknown>): string {
  return result.status === "fulfilled" ? "ok" : String((result.reason as { code?: string }).code);
}

describe("one draft, several admins", () => {
  it("publishes each draft once when admins publish and save at the same time; the losers get a 409 (or a 412 when the winner already published the same graph), never a 500", async () => {
    const { id } = await api.flows.create({ name: "Raced" });
    const { draft } = await api.flows.get({ id });
    const results = await Promise.allSettled([
      ...Array.from({ length: 4 }, () => api.flows.publish({ id })),
      ...Array.from({ length: 4 }, () => api.flows.saveDraft({ id, graph: draft.graph })),
    ]);
    const outcomes = results.map(outcome);
    expect(outcomes.filter((o) => o !== "ok" && o !== "CONFLICT" && o !== "PRECONDITION_FAILED")).toEqual([]);
    expect(outcomes.slice(0, 4).filter((o) => o !== "ok").length).toBeGreaterThan(0); // the race happened

    // Versions 1..n, each published once (one per successful publish), then one draft.
    const versions = await database.db.flowVersion.findMany({ where: { flowId: id }, orderBy: { version: "asc" } });
    const published = outcomes.slice(0, 4).filter((o) => o === "ok").length;
    expect(versions.map((v) => [v.version, v.published])).toEqual([
      ...Array.from({ length: published }, (_, i) => [i + 1, true]),
      [published + 1, false],
    ]);
  });
});
