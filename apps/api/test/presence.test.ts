import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from "../../../test/support/database";
import { request, startAuthTestServer, trpcCall, type AuthTestServer } from "./support/auth-server";

/**
 * Presence over real HTTP with a session cookie, as the builder's sidebar uses it: requests note
 * the person's last activity (at most one write a minute), and signing out goes offline.
 */
let database: TestDatabase;
let api: AuthTestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startAuthTestServer(database);
});

afterAll(async () => {
  await api?.close();
  await database?.close();
});

async function signIn(email: string): Promise<string> {
  const answer = await request(`${api.baseUrl}/api/auth/sign-in/email`, { body: { email, password: TEST_PASSWORD } });
  expect(answer.status).toBe(200);
  return answer.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!).join("; ");
}

const agentMember = () => database.db.member.findFirstOrThrow({ where: { userId: database.seed.agentId, workspaceId: database.seed.workspaceId } });

describe("presence over HTTP", () => {
  it("notes the last activity once a minute, not on every request, and shows presence to supervisors", async () => {
    const cookie = await signIn("agent@parley.dev");
    expect((await trpcCall(api.baseUrl, "presence.mine", { cookie })).data).toMatchObject({ presence: "offline" });
    const first = (await agentMember()).lastActiveAt;
    expect(first).not.toBeNull();
    // More requests within the minute leave it as it was (no write per request).
    await trpcCall(api.baseUrl, "teams.names", { cookie });
    await trpcCall(api.baseUrl, "presence.mine", { cookie });
    expect((await agentMember()).lastActiveAt).toEqual(first);
    // A minute later, the next request notes it again.
    const old = new Date(Date.now() - 2 * 60_000);
    await database.db.member.update({ where: { id: (await agentMember()).id }, data: { lastActiveAt: old } });
    await trpcCall(api.baseUrl, "teams.names", { cookie });
    expect((await agentMember()).lastActiveAt!.getTime()).toBeGreaterThan(old.getTime());

    const set = await trpcCall(api.baseUrl, "presence.set", { cookie, mutation: true, input: { presence: "online" } });
    expect(set.status).toBe(200);
    const supervisor = await signIn("supervisor@parley.dev");
    const listed = (await trpcCall(api.baseUrl, "presence.list", { cookie: supervisor })).data as { email: string; presence: string }[];
    expect(listed.find((person) => person.email === "agent@parley.dev")?.presence).toBe("online");
    // Agents do not watch their colleagues.
    expect((await trpcCall(api.baseUrl, "presence.list", { cookie })).status).toBe(403);
  });

  it("signing out sets the person offline", async () => {
    const cookie = await signIn("agent@parley.dev");
    await trpcCall(api.baseUrl, "presence.set", { cookie, mutation: true, input: { presence: "online" } });
    expect((await agentMember()).presence).toBe("online");
    // Another site cannot sign them out, so it cannot set them offline either.
    const forged = await request(`${api.baseUrl}/api/auth/sign-out`, { body: {}, headers: { cookie, origin: "https://evil.example" } });
    expect(forged.status).toBe(403);
    expect((await agentMember()).presence).toBe("online");
    const out = await request(`${api.baseUrl}/api/auth/sign-out`, { body: {}, headers: { cookie } });
    expect(out.status).toBe(200);
    const after = await agentMember();
    expect(after.presence).toBe("offline");
    expect(after.presenceAt).not.toBeNull();
    expect(await database.db.auditEvent.count({ where: { action: "auth.sign_out", actorId: database.seed.agentId } })).toBe(1);
  });
});
