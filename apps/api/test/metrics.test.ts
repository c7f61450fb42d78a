import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, Connection } from "@temporalio/client";
import { createApiServer } from "../src";
import { createApiMetrics } from "../src/metrics/api-metrics";
import { watchVoiceGateway } from "../src/metrics/voice-metrics";
import { createCounters } from "../src/voice/counters";
import { signIn, testClient, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { parsePrometheus, sampleValue } from "../../../test/support/prometheus";

// GET /metrics on a real API server and database: requests are counted by route family and
// status, the voice gateway's figures are read at scrape time, the exposition parses as
// Prometheus' text format; without a token only a direct loopback scraper gets it, with one
// only its bearer. Temporal is never called: the client's connection is lazy and points nowhere.
let database: TestDatabase;
const servers: ReturnType<typeof createApiServer>[] = [];
const temporal = new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) });

async function serve(token: string | undefined) {
  const metrics = createApiMetrics({ token });
  const server = createApiServer({ services: testServices(database, temporal, "unused"), metrics });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { metrics, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await database?.close();
});

describe("GET /metrics", () => {
  it("counts requests by route family and status, and reads the voice gateway when scraped", async () => {
    const { metrics, baseUrl } = await serve(undefined);
    const counters = createCounters();
    let live = 2;
    watchVoiceGateway(metrics.registry, { counters, activeCalls: () => live });
    const api = testClient(baseUrl, { cookie: await signIn(baseUrl) });
    await api.flows.list.query();
    await api.flows.list.query();
    await expect(testClient(baseUrl).flows.list.query()).rejects.toThrow();
    expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/no/such/route`)).status).toBe(404);
    counters.framesProcessed = 1234;
    counters.bargeIns = 3;
    live = 1;

    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const samples = parsePrometheus(await response.text());
    const requests = (labels: Record<string, string>) => sampleValue(samples, "parley_http_requests_total", labels);
    expect(requests({ family: "trpc:flows", method: "GET", status: "200" })).toBe(2);
    expect(requests({ family: "trpc:flows", method: "GET", status: "401" })).toBe(1);
    expect(requests({ family: "health", method: "GET", status: "200" })).toBe(1);
    expect(requests({ family: "other", method: "GET", status: "404" })).toBe(1);
    expect(requests({ family: "auth", method: "POST", status: "200" })).toBe(1);
    expect(sampleValue(samples, "parley_http_request_duration_seconds_count", { family: "trpc:flows", method: "GET", status: "200" })).toBe(2);
    expect(sampleValue(samples, "parley_http_request_duration_seconds_bucket", { family: "trpc:flows", method: "GET", status: "200", le: "+Inf" })).toBe(2);
    expect(sampleValue(samples, "parley_voice_live_calls")).toBe(1);
    expect(sampleValue(samples, "parley_voice_frames_processed_total")).toBe(1234);
    expect(sampleValue(samples, "parley_voice_barge_ins_total")).toBe(3);
    // The scrape itself is open while it is served, and the process figures are there.
    expect(sampleValue(samples, "parley_http_open_connections")).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "parley_api_process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(sampleValue(samples, "parley_api_nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);

    // A second scrape counts the first; the voice counters are not added up twice.
    const again = parsePrometheus(await (await fetch(`${baseUrl}/metrics`)).text());
    expect(sampleValue(again, "parley_http_requests_total", { family: "metrics", method: "GET", status: "200" })).toBe(1);
    expect(sampleValue(again, "parley_voice_frames_processed_total")).toBe(1234);
  });

  it("without a token refuses a request that came through a proxy, even from loopback", async () => {
    const { baseUrl } = await serve(undefined);
    const proxied = await fetch(`${baseUrl}/metrics`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(proxied.status).toBe(403);
    expect(await proxied.json()).toMatchObject({ code: "FORBIDDEN" });
    expect((await fetch(`${baseUrl}/metrics`, { headers: { forwarded: "for=203.0.113.9" } })).status).toBe(403);
    expect((await fetch(`${baseUrl}/metrics`, { method: "POST" })).status).toBe(405);
  });

  it("with a token serves only its bearer, proxied or not", async () => {
    const token = "metrics-token-0123456789abcdef";
    const { baseUrl } = await serve(token);
    expect((await fetch(`${baseUrl}/metrics`)).status).toBe(403);
    expect((await fetch(`${baseUrl}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789abcdef" } })).status).toBe(403);
    const allowed = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}`, "x-forwarded-for": "203.0.113.9" } });
    expect(allowed.status).toBe(200);
    expect(parsePrometheus(await allowed.text()).some((sample) => sample.name === "parley_http_requests_total")).toBe(true);
  });
});
