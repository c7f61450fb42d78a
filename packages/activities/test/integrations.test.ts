import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ApplicationFailure } from "@temporalio/common";
import { MockActivityEnvironment } from "@temporalio/testing";
import { createIntegrationActivities, hostAllowed, MAX_RESPONSE_BYTES, type HttpRequestInput, type HttpRequestResult } from "../src/integrations";
import { createEgressPolicy, type ResolveHost } from "../src/egress";
import { customActivityCatalog, customActivityHandler, customActivityHandlers, defineCustomActivity } from "../src/custom";
import { calculateShippingCost } from "../src/custom/examples/shipping-cost";
import { checkVatIdFormat } from "../src/custom/examples/vat-id";
import { FailureType } from "../src/types";

const env = new MockActivityEnvironment();
// The loopback test server must be allowed explicitly: the guard refuses loopback by default.
const { httpRequest } = createIntegrationActivities({ httpAllowedNetworks: ["127.0.0.1/32"] });
let server: Server;
let base: string;
/** A port nothing listens on: a server started and closed again. */
let closedPort: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/huge") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("x".repeat(MAX_RESPONSE_BYTES + 10));
    } else {
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok": true}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(() => new Promise((resolve) => server?.close(resolve)));

const request = (overrides: Partial<HttpRequestInput>) =>
  env.run(httpRequest, { method: "GET", url: `${base}/`, headers: {}, body: null, timeoutMs: 2000, mapping: [], ...overrides } satisfies HttpRequestInput);

describe("httpRequest", () => {
  it("throws a failed connection of an idempotent method (Temporal retries it)", async () => {
    await expect(request({ url: `http://127.0.0.1:${closedPort}/x` })).rejects.toThrow(/GET 127\.0\.0\.1:\d+ failed: ECONNREFUSED/);
  });

  it("returns a failed connection of a POST as an error result: it is never sent twice", async () => {
    expect(await request({ method: "POST", url: `http://127.0.0.1:${closedPort}/x`, body: "{}" })).toEqual({
      ok: false,
      status: null,
      error: expect.stringMatching(/POST 127\.0\.0\.1:\d+ failed: ECONNREFUSED/),
    });
  });

  it("refuses URLs that are not http(s), and responses over the size cap, as error results", async () => {
    expect(await request({ url: "file:///etc/passwd" })).toEqual({ ok: false, status: null, error: "only http and https URLs can be called, not file:" });
    expect(await request({ url: "not a url" })).toMatchObject({ ok: false, error: "not a valid URL: not a url" });
    expect(await request({ url: `${base}/huge` })).toEqual({ ok: false, status: 200, error: "response larger than 1024 KB" });
  });

  it("calls only allowed hosts when an allow-list is set", async () => {
    const limited = createIntegrationActivities({ httpAllowedHosts: ["api.example.com", "*.internal.test"] }).httpRequest;
    const refused = await env.run(limited, { method: "GET", url: `${base}/`, headers: {}, body: null, timeoutMs: 2000, mapping: [] } satisfies HttpRequestInput);
    expect(refused).toEqual({ ok: false, status: null, error: "127.0.0.1 is not among the hosts flows may call (PARLEY_HTTP_ALLOWED_HOSTS)" });
    expect(hostAllowed("api.example.com", ["api.example.com"])).toBe(true);
    expect(hostAllowed("API.Example.com", ["api.example.com"])).toBe(true);
    expect(hostAllowed("evil-api.example.com", ["api.example.com"])).toBe(false);
    expect(hostAllowed("orders.internal.test", ["*.internal.test"])).toBe(true);
    expect(hostAllowed("internal.test", ["*.internal.test"])).toBe(false);
    expect(hostAllowed("notinternal.test", ["*.internal.test"])).toBe(false);
    expect(hostAllowed("anything.example", [])).toBe(true);
    // The unrestricted default still reaches the local server.
    expect(await request({})).toMatchObject({ ok: true, status: 200 });
  });

  it("fails for good on input the node could not have produced", async () => {
    const err = await request({ timeoutMs: 999_999 }).catch((caught: unknown) => caught);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: FailureType.InvalidHttpRequest, nonRetryable: true });
  });
});

/**
 * The SSRF guard. The "API" listens on 127.0.0.2, the only address allowed; a second server on
 * 127.0.0.1 (loopback, not allowed) counts the requests that must never reach it.
 */
describe("httpRequest's SSRF guard", () => {
  let apiServer: Server;
  let apiBase: string;
  let innerServer: Server;
  let innerBase: string;
  const innerHits: string[] = [];
  const apiHits: { url: string; headers: Record<string, string | string[] | undefined> }[] = [];
  /** `api.example.test` is the API (127.0.0.2); `internal.example.test` a private address; `mixed.example.test` has one of each. */
  const resolveHost: ResolveHost = async (hostname) => {
    const table: Record<string, string[]> = {
      "api.example.test": ["127.0.0.2"],
      "internal.example.test": ["10.0.0.5"],
      "mixed.example.test": ["93.184.215.14", "192.168.1.20"],
      "cgnat.example.test": ["100.64.1.1"],
      "mapped.example.test": ["::ffff:127.0.0.1"],
      localhost: ["127.0.0.1", "::1"],
    };
    return (table[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const guarded = createIntegrationActivities({ httpAllowedNetworks: ["127.0.0.2/32"], resolveHost }).httpRequest;
  const strict = createIntegrationActivities({ resolveHost }).httpRequest;
  const call = (run: typeof httpRequest, url: string, overrides: Partial<HttpRequestInput> = {}, activityEnv = env) =>
    activityEnv.run(run, { method: "GET", url, headers: {}, body: null, timeoutMs: 2000, mapping: [], ...overrides } satisfies HttpRequestInput);

  beforeAll(async () => {
    innerServer = createServer((req, res) => {
      innerHits.push(req.url ?? "");
      res.end("secret");
    });
    await new Promise<void>((resolve) => innerServer.listen(0, "127.0.0.1", resolve));
    innerBase = `http://127.0.0.1:${(innerServer.address() as AddressInfo).port}`;
    apiServer = createServer((req, res) => {
      apiHits.push({ url: req.url ?? "", headers: req.headers });
      const to = new URL(req.url ?? "/", "http://x").searchParams.get("to");
      if (req.url?.startsWith("/loop")) res.writeHead(302, { location: "/loop" }).end();
      else if (to) res.writeHead(302, { location: to }).end();
      else res.writeHead(200, { "content-type": "application/json" }).end('{"ok": true}');
    });
    await new Promise<void>((resolve) => apiServer.listen(0, "127.0.0.2", resolve));
    apiBase = `http://127.0.0.2:${(apiServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => apiServer?.close(resolve));
    await new Promise((resolve) => innerServer?.close(resolve));
  });

  it("refuses loopback by default, and reaches it once the network is allowed", async () => {
    expect(await call(strict, `${innerBase}/`)).toEqual({
      ok: false,
      status: null,
      error: "127.0.0.1 is a loopback address; only public addresses may be called (PARLEY_HTTP_ALLOWED_NETWORKS allows others)",
    });
    expect(await call(strict, `http://[::1]:${new URL(innerBase).port}/`)).toMatchObject({ ok: false, error: expect.stringMatching(/^::1 is a loopback address/) });
    // IPv4-mapped IPv6 is the IPv4 address it stands for.
    expect(await call(strict, `http://[::ffff:127.0.0.1]:${new URL(innerBase).port}/`)).toMatchObject({ ok: false, error: expect.stringMatching(/^127\.0\.0\.1 is a loopback address/) });
    expect(await call(strict, `http://localhost:${new URL(innerBase).port}/`)).toMatchObject({ ok: false, error: expect.stringMatching(/^localhost resolves to 127\.0\.0\.1, a loopback address/) });
    expect(innerHits).toEqual([]);
    expect(await call(guarded, `${apiBase}/`)).toMatchObject({ ok: true, status: 200 });
  });

  it("refuses private, carrier-grade NAT, link-local, unique-local, multicast, unspecified and metadata addresses", async () => {
    const refusals = await Promise.all(
      ["http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.0.1/", "http://100.64.0.1/", "http://169.254.1.1/", "http://[fe80::1]/", "http://[fd12::1]/", "http://224.0.0.1/", "http://0.0.0.0/", "http://[::]/"].map(
        async (url) => [url, ((await call(strict, url)) as HttpRequestResult).ok],
      ),
    );
    expect(refusals).toEqual(refusals.map(([url]) => [url, false]));
    // Metadata endpoints stay refused even when every private network is allowed with `*`.
    const open = createIntegrationActivities({ httpAllowedNetworks: ["*"], resolveHost }).httpRequest;
    expect(await call(open, "http://169.254.169.254/latest/meta-data/")).toMatchObject({ ok: false, error: expect.stringMatching(/^169\.254\.169\.254 is a cloud metadata address/) });
    expect(await call(open, "http://[fd00:ec2::254]/")).toMatchObject({ ok: false, error: expect.stringMatching(/^fd00:ec2::254 is a cloud metadata address/) });
    expect(await call(open, "http://metadata.google.internal/computeMetadata/v1/")).toMatchObject({ ok: false, error: expect.stringMatching(/^metadata\.google\.internal is a cloud metadata host/) });
    expect(createEgressPolicy().refusal("8.8.8.8")).toBeNull();
    expect(createEgressPolicy().refusal("2606:4700::1111")).toBeNull();
  });

  it("checks every address a name resolves to, and connects to the address it checked", async () => {
    expect(await call(guarded, "http://internal.example.test/")).toMatchObject({ ok: false, error: expect.stringMatching(/^internal\.example\.test resolves to 10\.0\.0\.5, a private \(RFC 1918\) address/) });
    expect(await call(guarded, "http://mixed.example.test/")).toMatchObject({ ok: false, error: expect.stringMatching(/^mixed\.example\.test resolves to 192\.168\.1\.20, a private/) });
    expect(await call(guarded, "http://cgnat.example.test/")).toMatchObject({ ok: false, error: expect.stringMatching(/100\.64\.1\.1, a carrier-grade NAT/) });
    expect(await call(guarded, "http://mapped.example.test/")).toMatchObject({ ok: false, error: expect.stringMatching(/::ffff:127\.0\.0\.1, a loopback address/) });
    // The name resolves (through the injected resolver) to the allowed 127.0.0.2: the socket goes there.
    const port = new URL(apiBase).port;
    expect(await call(guarded, `http://api.example.test:${port}/hello`)).toMatchObject({ ok: true, status: 200 });
    expect(apiHits.at(-1)).toMatchObject({ url: "/hello", headers: { host: `api.example.test:${port}` } });
  });

  it("re-checks every redirect hop and stops after five", async () => {
    const via = (to: string) => `${apiBase}/go?to=${encodeURIComponent(to)}`;
    expect(await call(guarded, via(`${innerBase}/steal`))).toMatchObject({ ok: false, error: expect.stringMatching(/^127\.0\.0\.1 is a loopback address/) });
    expect(await call(guarded, via("http://169.254.169.254/latest/meta-data/"))).toMatchObject({ ok: false, error: expect.stringMatching(/^169\.254\.169\.254 is a cloud metadata address/) });
    expect(await call(guarded, via(`http://localhost:${new URL(innerBase).port}/steal`))).toMatchObject({ ok: false, error: expect.stringMatching(/^localhost resolves to 127\.0\.0\.1/) });
    expect(innerHits).toEqual([]);
    // An allowed hop is followed; a POST redirected with 302 continues as a GET.
    expect(await call(guarded, via(`${apiBase}/landed`), { method: "POST", body: "{}" })).toMatchObject({ ok: true, status: 200 });
    expect(apiHits.at(-1)?.url).toBe("/landed");
    expect(await call(guarded, `${apiBase}/loop`)).toEqual({ ok: false, status: null, error: "more than 5 redirects" });
  });

  it("sends an Idempotency-Key that stays the same across retries of one node run", async () => {
    const attempt = (activityId: string, n: number) =>
      call(guarded, `${apiBase}/keyed`, { method: "POST", body: "{}" }, new MockActivityEnvironment({ activityId, attempt: n }));
    await attempt("7", 1);
    await attempt("7", 2);
    await attempt("8", 1);
    const keys = apiHits.filter((hit) => hit.url === "/keyed").map((hit) => hit.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});

describe("custom activities", () => {
  it("describes the catalog's fields with types and whether they are required", () => {
    const shipping = customActivityCatalog().find((entry) => entry.name === "calculateShippingCost")!;
    expect(shipping.input).toEqual([
      { name: "weightKg", type: "number", required: true, description: "Parcel weight in kilograms (at most 31.5)" },
      { name: "country", type: "string", required: true, description: "Destination country, ISO 3166 two-letter code" },
      { name: "express", type: "boolean", required: false, description: "Express delivery: double price, half the days" },
    ]);
    expect(shipping.output.map((field) => [field.name, field.type])).toEqual([
      ["cost", "number"],
      ["currency", "string"],
      ["days", "number"],
      ["zone", "string"],
    ]);
  });

  it("validates input and output with the schemas, failing for good with a typed failure", async () => {
    const run = customActivityHandler(calculateShippingCost);
    expect(await run({ weightKg: 0.5, country: "de" })).toEqual({ cost: 5.4, currency: "EUR", days: 2, zone: "domestic" });
    await expect(run({ weightKg: "heavy", country: "DE" })).rejects.toMatchObject({ type: FailureType.InvalidCustomActivityInput, nonRetryable: true });
    const broken = defineCustomActivity({ name: "broken", description: "", input: z.object({}), output: z.object({ n: z.number() }), run: () => ({ n: "one" as unknown as number }) });
    await expect(customActivityHandler(broken)({})).rejects.toMatchObject({ type: FailureType.InvalidCustomActivityOutput, nonRetryable: true });
  });

  it("checks VAT number formats", async () => {
    const run = customActivityHandler(checkVatIdFormat);
    expect(await run({ vatId: "de 123.456.789" })).toEqual({ valid: true, country: "DE", normalized: "DE123456789" });
    expect(await run({ vatId: "NL123456789B01" })).toMatchObject({ valid: true });
    expect(await run({ vatId: "DE12345" })).toMatchObject({ valid: false, country: "DE" });
    expect(await run({ vatId: "123456789" })).toEqual({ valid: false, country: "", normalized: "123456789" });
  });

  it("refuses names that are not identifiers, taken twice, or shadow a built-in activity", () => {
    expect(() => defineCustomActivity({ ...calculateShippingCost, name: "shipping cost" })).toThrow(/must match/);
    expect(() => customActivityHandlers([calculateShippingCost, calculateShippingCost], [])).toThrow(/registered twice/);
    expect(() => customActivityHandlers([{ ...calculateShippingCost, name: "loadFlow" }], ["loadFlow"])).toThrow(/shadows a built-in/);
  });
});
