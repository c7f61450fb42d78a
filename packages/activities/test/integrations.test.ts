import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ApplicationFailure } from "@temporalio/common";
import { MockActivityEnvironment } from "@temporalio/testing";
import { createIntegrationActivities, hostAllowed, MAX_RESPONSE_BYTES, type HttpRequestInput } from "../src/integrations";
import { customActivityCatalog, customActivityHandler, customActivityHandlers, defineCustomActivity } from "../src/custom";
import { calculateShippingCost } from "../src/custom/examples/shipping-cost";
import { checkVatIdFormat } from "../src/custom/examples/vat-id";
import { FailureTypes } from "../src/types";

const env = new MockActivityEnvironment();
const { httpRequest } = createIntegrationActivities();
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
    expect(err).toMatchObject({ type: FailureTypes.InvalidHttpRequest, nonRetryable: true });
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
    await expect(run({ weightKg: "heavy", country: "DE" })).rejects.toMatchObject({ type: FailureTypes.InvalidCustomActivityInput, nonRetryable: true });
    const broken = defineCustomActivity({ name: "broken", description: "", input: z.object({}), output: z.object({ n: z.number() }), run: () => ({ n: "one" as unknown as number }) });
    await expect(customActivityHandler(broken)({})).rejects.toMatchObject({ type: FailureTypes.InvalidCustomActivityOutput, nonRetryable: true });
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
