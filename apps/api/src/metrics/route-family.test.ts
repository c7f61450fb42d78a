import { describe, expect, it } from "vitest";
import { routeFamily } from "./route-family";

describe("routeFamily", () => {
  it("names the tRPC router, a batch, or the plain route, and nothing from the URL otherwise", () => {
    expect(routeFamily("/trpc/flows.get?input=%7B%7D")).toBe("trpc:flows");
    expect(routeFamily("/trpc/flows.get,flows.list?batch=1")).toBe("trpc:flows");
    expect(routeFamily("/trpc/flows.get%2Cconversations.list?batch=1")).toBe("trpc:batch");
    expect(routeFamily("/trpc/nope.nothing")).toBe("trpc:unknown");
    expect(routeFamily("/api/auth/sign-in/email")).toBe("auth");
    expect(routeFamily("/voice/calls/c1")).toBe("voice");
    expect(routeFamily("/codec/decode")).toBe("codec");
    expect(routeFamily("/health")).toBe("health");
    expect(routeFamily("/metrics")).toBe("metrics");
    expect(routeFamily("/wp-admin/../../etc/passwd")).toBe("other");
    expect(routeFamily(undefined)).toBe("other");
  });
});
