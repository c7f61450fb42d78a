// Rate limits shared by several API processes through PostgreSQL (RateLimiterPostgres over a pg
// Pool), against a real PostgreSQL server started for this file. Two API servers, each with its
// own pool and limiter as two processes would have, draw from one budget per client.
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, Connection } from "@temporalio/client";
import { generateApiKey } from "@parley/api";
import { createApiServer, createRateLimiter, parseTrustProxy } from "../src";
import { testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { PostgresServer } from "./support/postgres";

let postgres: PostgresServer;
let database: TestDatabase;
const pools: pg.Pool[] = [];
const servers: ReturnType<typeof createApiServer>[] = [];

beforeAll(async () => {
  [postgres, database] = await Promise.all([PostgresServer.start(), createTestDatabase()]);
}, 60_000);

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await Promise.allSettled(pools.map((pool) => pool.end()));
  postgres?.teardown();
  await database?.close();
});

/** One "API process": its own pg pool and limiter; reads only, so Temporal is never called. */
async function apiProcess(): Promise<string> {
  const pool = new pg.Pool({ connectionString: postgres.url, max: 2, connectionTimeoutMillis: 2000 });
  // An idle client losing its server must not crash the process: pg emits it on the pool.
  pool.on("error", () => undefined);
  pools.push(pool);
  const rateLimiter = await createRateLimiter({ budgets: { reads: 3, starts: 0, sends: 0, uploads: 0 }, trustProxy: parseTrustProxy(""), postgres: pool });
  const services = testServices(database, new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) }), "unused");
  const server = createApiServer({ services, rateLimiter });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("rate limits in PostgreSQL", () => {
  it("two API processes share one budget per client, and fall back to memory when PostgreSQL goes away", async () => {
    const [a, b] = await Promise.all([apiProcess(), apiProcess()]);
    // A server-to-server reader: an API key of the demo workspace with the read scope.
    const { key, prefix, hash } = generateApiKey();
    await database.db.apiKey.create({ data: { workspaceId: database.seed.workspaceId, name: "reader", scope: "read", prefix, hash } });
    const headers = { authorization: `Bearer ${key}` };
    const read = async (base: string) => (await fetch(`${base}/trpc/flows.list`, { headers })).status;
    expect(await read(a)).toBe(200);
    expect(await read(b)).toBe(200);
    expect(await read(a)).toBe(200);
    // Three reads spent across both processes: the fourth is refused by either.
    const limited = await fetch(`${b}/trpc/flows.list`, { headers });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await read(a)).toBe(429);

    const check = new pg.Client({ connectionString: postgres.url });
    await check.connect();
    const rows = await check.query<{ key: string; points: number }>("SELECT key, points FROM parley_rate_limits WHERE key LIKE 'parley-reads:%'");
    await check.end();
    // Counted for the key (a hash of it, never the key itself), not for the address it came from.
    expect(rows.rows).toEqual([expect.objectContaining({ key: expect.stringMatching(/^parley-reads:key:[\w-]{22}$/) })]);
    expect(rows.rows[0]!.key).not.toContain(key);

    // PostgreSQL stops: each process limits in its own memory instead of failing requests.
    postgres.stop();
    expect(await read(a)).toBe(200);
    expect((await fetch(`${a}/health`)).status).toBe(200);
  }, 60_000);
});
