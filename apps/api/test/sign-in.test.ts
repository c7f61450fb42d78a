import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieHeader, TEST_APP_ORIGIN } from "../../../test/support/api";
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from "../../../test/support/database";
import { request, startAuthTestServer, trpcCall, type AuthTestServer } from "./support/auth-server";

/**
 * People's sign-in over real HTTP, as the builder does it: the session cookie and its
 * attributes, refusals that say nothing about who has an account, sign-out and expiry, the
 * sign-in back-off, the audit trail, and the locks against other sites (CSRF, CORS).
 */
let database: TestDatabase;
let api: AuthTestServer;
/** The same API with a sign-in budget of 3 a minute, which believes X-Forwarded-For (so each test is its own client). */
let limited: AuthTestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startAuthTestServer(database);
  limited = await startAuthTestServer(database, { signInAttemptsPerMinute: 3 }, { trustProxy: () => true });
});

afterAll(async () => {
  await api?.close();
  await limited?.close();
  await database?.close();
});

const OWNER = "admin@parley.dev";
const WRONG = "not-the-password-at-all";

function signInRaw(server: AuthTestServer, email: string, password: string, headers: Record<string, string> = {}) {
  return request<{ message?: string; code?: string; user?: { email: string } }>(`${server.baseUrl}/api/auth/sign-in/email`, {
    body: { email, password },
    headers,
  });
}

async function signedInCookie(email = OWNER): Promise<string> {
  const answer = await signInRaw(api, email, TEST_PASSWORD);
  expect(answer.status).toBe(200);
  return answer.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!).join("; ");
}

const sessionCount = () => database.db.session.count();

describe("signing in with a password", () => {
  it("sets an HttpOnly SameSite=Lax session cookie, and account.me shows the person and workspace", async () => {
    const answer = await signInRaw(api, OWNER, TEST_PASSWORD);
    expect(answer.status).toBe(200);
    expect(answer.body.user?.email).toBe(OWNER);
    const session = answer.headers.getSetCookie().find((cookie) => cookie.startsWith("parley.session_token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).toMatch(/;\s*Path=\//i);

    const me = await trpcCall(api.baseUrl, "account.me", { cookie: cookieHeader(new Response(null, { headers: answer.headers })) });
    expect(me.status).toBe(200);
    expect(me.data).toMatchObject({
      user: { id: database.seed.adminId, email: OWNER },
      active: { id: database.seed.workspaceId, role: "owner" },
      workspaces: [{ id: database.seed.workspaceId, role: "owner" }],
    });
  });

  it("answers account.me with null, and staff procedures with 401, to nobody", async () => {
    expect(await trpcCall(api.baseUrl, "account.me")).toMatchObject({ status: 200, data: null });
    expect((await trpcCall(api.baseUrl, "flows.list")).status).toBe(401);
  });

  it("refuses a wrong password and an unknown email alike (401, same message), creating no session", async () => {
    const before = await sessionCount();
    const wrong = await signInRaw(api, OWNER, WRONG);
    const unknown = await signInRaw(api, "nobody-here@parley.dev", WRONG);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.getSetCookie().filter((cookie) => cookie.startsWith("parley.session_token=") && !/=;/.test(cookie))).toEqual([]);
    expect(await sessionCount()).toBe(before);
  });

  it("refuses bad input with a 400, not a 500", async () => {
    for (const body of [{}, { email: "not an email", password: TEST_PASSWORD }, { email: OWNER }, { email: OWNER, password: 12 }]) {
      const answer = await request(`${api.baseUrl}/api/auth/sign-in/email`, { body });
      expect(answer.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(answer.status, JSON.stringify(body)).toBeLessThan(500);
    }
    const notJson = await fetch(`${api.baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_APP_ORIGIN },
      body: "{not json",
    });
    expect(notJson.status).toBeGreaterThanOrEqual(400);
    expect(notJson.status).toBeLessThan(500);
  });

  it("offers no sign-up: people arrive by invitation", async () => {
    const before = await database.db.user.count();
    const answer = await request(`${api.baseUrl}/api/auth/sign-up/email`, { body: { email: "walk-in@example.com", password: "a-long-enough-password", name: "Walk In" } });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(await database.db.user.count()).toBe(before);
  });
});

describe("the end of a session", () => {
  it("signs out: the cookie no longer works (401 on a staff procedure)", async () => {
    const cookie = await signedInCookie();
    expect((await trpcCall(api.baseUrl, "flows.list", { cookie })).status).toBe(200);
    const out = await request(`${api.baseUrl}/api/auth/sign-out`, { body: {}, headers: { cookie } });
    expect(out.status).toBe(200);
    expect((await trpcCall(api.baseUrl, "flows.list", { cookie })).status).toBe(401);
    expect(await trpcCall(api.baseUrl, "account.me", { cookie })).toMatchObject({ status: 200, data: null });
  });

  it("refuses a session past its expiry (401)", async () => {
    const cookie = await signedInCookie();
    const token = decodeURIComponent(/parley\.session_token=([^;]+)/.exec(cookie)![1]!).split(".")[0]!;
    await database.db.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await trpcCall(api.baseUrl, "flows.list", { cookie })).status).toBe(401);
    expect(await trpcCall(api.baseUrl, "account.me", { cookie })).toMatchObject({ status: 200, data: null });
  });

  it("refuses a forged cookie (401): a made-up token, and a real token under a wrong signature", async () => {
    const cookie = await signedInCookie();
    const [token] = decodeURIComponent(/parley\.session_token=([^;]+)/.exec(cookie)![1]!).split(".");
    const forgeries = [
      "parley.session_token=forged-token.forged-signature",
      `parley.session_token=${encodeURIComponent(`${token}.${"A".repeat(43)}=`)}`,
      `parley.session_token=${token}`,
    ];
    for (const forged of forgeries) {
      expect((await trpcCall(api.baseUrl, "flows.list", { cookie: forged })).status, forged).toBe(401);
    }
  });
});

describe("the sign-in back-off", () => {
  /** Each test comes from its own address: the limit counts per client. */
  const from = (address: string) => ({ "x-forwarded-for": address });

  it("answers the 4th attempt within the minute with 429, even with the right password", async () => {
    const client = from("203.0.113.7");
    for (let attempt = 0; attempt < 3; attempt++) expect((await signInRaw(limited, OWNER, WRONG, client)).status).toBe(401);
    const before = await sessionCount();
    const blocked = await signInRaw(limited, OWNER, TEST_PASSWORD, client);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("x-retry-after") ?? blocked.headers.get("retry-after")).toBeTruthy();
    expect(blocked.headers.getSetCookie().some((cookie) => cookie.startsWith("parley.session_token="))).toBe(false);
    expect(await sessionCount()).toBe(before);
    // The address is the server's to say: a client naming another one in our internal header is still held back.
    expect((await signInRaw(limited, OWNER, TEST_PASSWORD, { ...client, "x-parley-client-ip": "198.51.100.1" })).status).toBe(429);
    // Another client is not held back by this one's failures.
    expect((await signInRaw(limited, OWNER, TEST_PASSWORD, from("203.0.113.8"))).status).toBe(200);
  });

  it("writes failed and successful sign-ins to the audit log", async () => {
    const client = from("203.0.113.9");
    const since = new Date();
    expect((await signInRaw(limited, "agent@parley.dev", WRONG, client)).status).toBe(401);
    expect((await signInRaw(limited, "agent@parley.dev", TEST_PASSWORD, client)).status).toBe(200);
    const events = await database.db.auditEvent.findMany({ where: { at: { gte: since }, ip: "203.0.113.9" }, orderBy: { at: "asc" } });
    expect(events.map((event) => [event.action, event.actorType, event.actorLabel])).toEqual([
      ["auth.sign_in_failed", "anonymous", "agent@parley.dev"],
      ["auth.sign_in", "user", "agent@parley.dev"],
    ]);
    expect(events[1]!.actorId).toBe(database.seed.agentId);
  });
});

describe("other sites cannot use the session", () => {
  const rename = (cookie: string, name: string, headers: Record<string, string>) =>
    trpcCall(api.baseUrl, "account.updateProfile", { mutation: true, input: { name }, cookie, headers });
  const ownerName = async () => (await database.db.user.findUniqueOrThrow({ where: { id: database.seed.adminId } })).name;

  it("refuses a cookie-authenticated write from another origin (403) and changes nothing", async () => {
    const cookie = await signedInCookie();
    const before = await ownerName();
    expect((await rename(cookie, "Evil Eve", { origin: "https://evil.example" })).status).toBe(403);
    expect((await rename(cookie, "Evil Eve", { origin: TEST_APP_ORIGIN, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(await ownerName()).toBe(before);
    // A staff write too: no flow is created.
    const flows = await database.db.flow.count();
    const created = await trpcCall(api.baseUrl, "flows.create", { mutation: true, input: { name: "Planted" }, cookie, headers: { origin: "https://evil.example" } });
    expect(created.status).toBe(403);
    expect(await database.db.flow.count()).toBe(flows);
  });

  it("refuses sign-in and sign-out from another origin (Better Auth's own check)", async () => {
    expect((await signInRaw(api, OWNER, TEST_PASSWORD, { origin: "https://evil.example" })).status).toBe(403);
    const cookie = await signedInCookie();
    expect((await request(`${api.baseUrl}/api/auth/sign-out`, { body: {}, headers: { cookie, origin: "https://evil.example" } })).status).toBe(403);
    expect((await trpcCall(api.baseUrl, "flows.list", { cookie })).status).toBe(200);
  });

  it("accepts the write from the builder's origin", async () => {
    const cookie = await signedInCookie();
    const before = await ownerName();
    const renamed = await rename(cookie, "Ada Renamed", { origin: TEST_APP_ORIGIN, "sec-fetch-site": "same-site" });
    expect(renamed.status).toBe(200);
    expect(await ownerName()).toBe("Ada Renamed");
    await database.db.user.update({ where: { id: database.seed.adminId }, data: { name: before } });
  });

  it("lets only the builder's origin send credentials across origins (CORS)", async () => {
    const preflight = (origin: string) =>
      fetch(`${api.baseUrl}/trpc/account.updateProfile`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
    const trusted = await preflight(TEST_APP_ORIGIN);
    expect(trusted.status).toBe(204);
    expect(trusted.headers.get("access-control-allow-origin")).toBe(TEST_APP_ORIGIN);
    expect(trusted.headers.get("access-control-allow-credentials")).toBe("true");
    // Customers' pages may call (corsOrigins defaults to any), but never with the session.
    const other = await preflight("https://evil.example");
    expect(other.headers.get("access-control-allow-credentials")).toBeNull();
    const auth = await fetch(`${api.baseUrl}/api/auth/sign-in/email`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(auth.headers.get("access-control-allow-credentials")).toBeNull();
  });
});
