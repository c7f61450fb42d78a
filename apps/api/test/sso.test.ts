import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_APP_ORIGIN } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { freePort, request, startAuthTestServer, trpcCall, type AuthTestServer } from "./support/auth-server";
import { browseThroughSso, CookieJar, startOidcProvider, type TestOidcProvider } from "./support/oidc-provider";

/**
 * Single sign-on through a real OpenID Connect provider on loopback, driven the way a browser
 * does it (plain fetch, redirects by hand, cookies per site): the authorization-code flow with
 * PKCE from the API's sign-in route through the provider's login and consent to the API's
 * callback and a session. Someone whose email is a member's signs in as that member; a new
 * email gets a person without a workspace, who can do nothing in one.
 */
let database: TestDatabase;
let api: AuthTestServer;
let idp: TestOidcProvider;
const AFTER_SIGN_IN = `${TEST_APP_ORIGIN}/inbox`;

beforeAll(async () => {
  database = await createTestDatabase();
  const port = await freePort();
  idp = await startOidcProvider(`http://127.0.0.1:${port}/api/auth/callback/oidc`);
  api = await startAuthTestServer(
    database,
    { oidc: { discoveryUrl: idp.discoveryUrl, clientId: idp.clientId, clientSecret: idp.clientSecret, name: "Test IdP" } },
    {},
    port,
  );
  idp.addPerson("sso-supervisor", { email: "supervisor@parley.dev", name: "Sue from the IdP" });
  idp.addPerson("sso-stranger", { email: "stranger@example.com", name: "Stan Stranger" });
});

afterAll(async () => {
  await api?.close();
  await idp?.close();
  await database?.close();
});

/** The whole sign-in as `accountId` at the provider; the API's cookies afterwards and where the browser lands. */
async function signInWithSso(accountId: string): Promise<{ cookie: string; landing: URL; status: number }> {
  const jar = new CookieJar();
  const apiUrl = new URL(api.baseUrl);
  const started = await fetch(`${api.baseUrl}/api/auth/sign-in/social`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: TEST_APP_ORIGIN },
    body: JSON.stringify({ provider: "oidc", callbackURL: AFTER_SIGN_IN }),
    redirect: "manual",
  });
  expect(started.status).toBe(200);
  jar.keep(apiUrl, started);
  const { url } = (await started.json()) as { url: string };
  const authorize = new URL(url);
  expect(authorize.origin).toBe(idp.issuer);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("redirect_uri")).toBe(`${api.baseUrl}/api/auth/callback/oidc`);

  // Provider: login and consent pages, then back to the API's callback with a code.
  const atCallback = await browseThroughSso(jar, authorize, { accountId, stopAtOrigin: api.baseUrl });
  expect(atCallback.url.pathname).toBe("/api/auth/callback/oidc");
  expect(atCallback.url.searchParams.get("code")).toBeTruthy();

  const callback = await fetch(atCallback.url, { redirect: "manual", headers: { cookie: jar.header(atCallback.url) } });
  jar.keep(apiUrl, callback);
  return { cookie: jar.header(apiUrl), landing: new URL(callback.headers.get("location") ?? "", api.baseUrl), status: callback.status };
}

describe("single sign-on through OpenID Connect", () => {
  it("signs a member in as that member when the provider vouches for their email", async () => {
    const users = await database.db.user.count();
    const { cookie, landing, status } = await signInWithSso("sso-supervisor");
    expect(status).toBe(302);
    expect(landing.href).toBe(AFTER_SIGN_IN);
    expect(cookie).toMatch(/parley\.session_token=/);

    const me = await trpcCall(api.baseUrl, "account.me", { cookie });
    expect(me.data).toMatchObject({ user: { id: database.seed.supervisorId, email: "supervisor@parley.dev" }, active: { id: database.seed.workspaceId, role: "supervisor" } });
    expect((await trpcCall(api.baseUrl, "flows.list", { cookie })).status).toBe(200);
    // Linked to the existing person, not a second one; the provider's account is remembered.
    expect(await database.db.user.count()).toBe(users);
    expect(await database.db.account.findFirst({ where: { userId: database.seed.supervisorId, providerId: "oidc", accountId: "sso-supervisor" } })).not.toBeNull();
    const audited = await database.db.auditEvent.findFirst({ where: { action: "auth.sign_in", actorId: database.seed.supervisorId }, orderBy: { at: "desc" } });
    expect(audited?.details).toMatchObject({ method: "oidc" });
  });

  it("signs a new email in without a workspace: account.me has no active workspace, staff procedures are 403", async () => {
    const { cookie, landing } = await signInWithSso("sso-stranger");
    expect(landing.href).toBe(AFTER_SIGN_IN);
    const me = await trpcCall(api.baseUrl, "account.me", { cookie });
    expect(me.data).toMatchObject({ user: { email: "stranger@example.com", name: "Stan Stranger" }, workspaces: [], active: null });
    for (const path of ["flows.list", "members.list"]) expect((await trpcCall(api.baseUrl, path, { cookie })).status, path).toBe(403);
    expect(await database.db.member.count({ where: { user: { email: "stranger@example.com" } } })).toBe(0);
  });

  it("refuses a callback without the browser's state (CSRF of the sign-in): no session", async () => {
    const sessions = await database.db.session.count();
    const forged = await fetch(`${api.baseUrl}/api/auth/callback/oidc?code=stolen-code&state=made-up-state`, { redirect: "manual" });
    expect(forged.status).toBe(302);
    expect(new URL(forged.headers.get("location")!, api.baseUrl).searchParams.get("error")).toBeTruthy();
    expect(forged.headers.getSetCookie().some((cookie) => /^parley\.session_token=[^;]/.test(cookie))).toBe(false);
    expect(await database.db.session.count()).toBe(sessions);
  });

  it("refuses to send the browser on to another site after sign-in (403)", async () => {
    const answer = await request(`${api.baseUrl}/api/auth/sign-in/social`, { body: { provider: "oidc", callbackURL: "https://evil.example/" } });
    expect(answer.status).toBe(403);
    const unknown = await request(`${api.baseUrl}/api/auth/sign-in/social`, { body: { provider: "nope", callbackURL: AFTER_SIGN_IN } });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
  });
});
