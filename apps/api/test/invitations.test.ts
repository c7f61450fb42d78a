import { hashPassword } from "better-auth/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from "../../../test/support/database";
import { request, startAuthTestServer, trpcCall, type AuthTestServer } from "./support/auth-server";

/**
 * People join by invitation and are managed by role, over real HTTP: the link makes a new
 * person who can sign in with the invited role, once; admins manage everyone but owners; a
 * deactivated member can do nothing; a workspace never loses its last owner.
 */
let database: TestDatabase;
let api: AuthTestServer;
let owner: string;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startAuthTestServer(database);
  owner = await cookieFor("admin@parley.dev");
});

afterAll(async () => {
  await api?.close();
  await database?.close();
});

async function cookieFor(email: string, password = TEST_PASSWORD): Promise<string> {
  const answer = await request(`${api.baseUrl}/api/auth/sign-in/email`, { body: { email, password } });
  expect(answer.status, `sign-in as ${email}`).toBe(200);
  return answer.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!).join("; ");
}

const call = (path: string, cookie: string | undefined, input?: unknown) => trpcCall(api.baseUrl, path, { mutation: true, input, ...(cookie ? { cookie } : {}) });
const query = (path: string, cookie: string | undefined, input?: unknown) => trpcCall(api.baseUrl, path, { input, ...(cookie ? { cookie } : {}) });

async function invite(cookie: string, email: string, role: string): Promise<string> {
  const invited = await call("members.invite", cookie, { email, role });
  expect(invited.status, JSON.stringify(invited.error)).toBe(200);
  return (invited.data as { token: string }).token;
}

/** Invites `email` as `role` (by the owner) and accepts it as a new person; their session cookie. */
async function join(email: string, role: string, name: string): Promise<{ cookie: string; userId: string }> {
  const token = await invite(owner, email, role);
  const accepted = await call("invitations.accept", undefined, { token, name, password: "their-own-password" });
  expect(accepted.status, JSON.stringify(accepted.error)).toBe(200);
  const user = await database.db.user.findUniqueOrThrow({ where: { email } });
  return { cookie: await cookieFor(email, "their-own-password"), userId: user.id };
}

const roleOf = async (userId: string) =>
  (await database.db.member.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: database.seed.workspaceId, userId } } })).role;

describe("invitations", () => {
  it("lets a new person join with the invited role, once", async () => {
    const token = await invite(owner, "Nora.New@Example.com", "supervisor");
    // The database keeps only the token's hash.
    expect(await database.db.invitation.count({ where: { tokenHash: token } })).toBe(0);

    const preview = await query("invitations.preview", undefined, { token });
    expect(preview).toMatchObject({ status: 200, data: { workspace: "Demo workspace", email: "nora.new@example.com", role: "supervisor", hasAccount: false } });

    // Without a name and password nothing is created, and the link stays good.
    const users = await database.db.user.count();
    expect((await call("invitations.accept", undefined, { token })).status).toBe(400);
    expect((await call("invitations.accept", undefined, { token, name: "Nora", password: "short" })).status).toBe(400);
    expect(await database.db.user.count()).toBe(users);

    const accepted = await call("invitations.accept", undefined, { token, name: "Nora New", password: "noras-own-password" });
    expect(accepted).toMatchObject({ status: 200, data: { email: "nora.new@example.com", workspaceId: database.seed.workspaceId } });

    const cookie = await cookieFor("nora.new@example.com", "noras-own-password");
    const me = await query("account.me", cookie);
    expect(me.data).toMatchObject({ user: { name: "Nora New" }, active: { id: database.seed.workspaceId, role: "supervisor" } });
    expect((await query("flows.list", cookie)).status).toBe(200);
    expect((await query("members.list", cookie)).status).toBe(403);

    // Spent: the link neither previews nor joins again, and nothing changes.
    const members = await database.db.member.count();
    expect((await query("invitations.preview", undefined, { token })).status).toBe(404);
    expect([404, 409]).toContain((await call("invitations.accept", undefined, { token, name: "Mallory", password: "mallorys-password" })).status);
    expect(await database.db.member.count()).toBe(members);
    expect(await database.db.user.count()).toBe(users + 1);
  });

  it("answers a made-up or malformed token with 404/400, never a 500", async () => {
    expect((await query("invitations.preview", undefined, { token: "A".repeat(43) })).status).toBe(404);
    expect((await query("invitations.preview", undefined, { token: "../../etc" })).status).toBe(400);
    expect((await call("invitations.accept", undefined, { token: "B".repeat(43), name: "X", password: "some-password-1" })).status).toBe(404);
  });

  it("asks someone who has an account to sign in as the invited email, then adds the membership", async () => {
    const email = "existing@example.com";
    const user = await database.db.user.create({ data: { email, name: "Ex Isting", emailVerified: true } });
    await database.db.account.create({ data: { userId: user.id, providerId: "credential", accountId: user.id, password: await hashPassword("existing-password") } });
    const token = await invite(owner, email, "analyst");
    expect((await query("invitations.preview", undefined, { token })).data).toMatchObject({ hasAccount: true });

    // Not signed in, or signed in as someone else: 401, and the invitation stays open.
    expect((await call("invitations.accept", undefined, { token, name: "Imposter", password: "imposter-password" })).status).toBe(401);
    expect((await call("invitations.accept", await cookieFor("agent@parley.dev"), { token })).status).toBe(401);
    expect(await database.db.member.count({ where: { userId: user.id } })).toBe(0);
    // The password they already have is untouched by the impostor's try.
    const cookie = await cookieFor(email, "existing-password");
    // Another site cannot make them join with their session (403), and the link stays good.
    const forged = await trpcCall(api.baseUrl, "invitations.accept", { mutation: true, input: { token }, cookie, headers: { origin: "https://evil.example" } });
    expect(forged.status).toBe(403);
    expect(await database.db.member.count({ where: { userId: user.id } })).toBe(0);
    expect((await call("invitations.accept", cookie, { token })).status).toBe(200);
    expect(await roleOf(user.id)).toBe("analyst");
  });

  it("refuses an invitation for someone who is a member already (409)", async () => {
    const before = await database.db.invitation.count();
    expect((await call("members.invite", owner, { email: "agent@parley.dev", role: "admin" })).status).toBe(409);
    expect(await database.db.invitation.count()).toBe(before);
  });
});

describe("managing members by role", () => {
  let admin: { cookie: string; userId: string };
  let agent: { cookie: string; userId: string };

  beforeAll(async () => {
    admin = await join("alma.admin@example.com", "admin", "Alma Admin");
    agent = await join("arlo.agent@example.com", "agent", "Arlo Agent");
  });

  it("lets an admin invite everyone but an owner (403, and no invitation is made)", async () => {
    const before = await database.db.invitation.count();
    expect((await call("members.invite", admin.cookie, { email: "would-be-owner@example.com", role: "owner" })).status).toBe(403);
    expect(await database.db.invitation.count()).toBe(before);
    expect((await call("members.invite", admin.cookie, { email: "new-agent@example.com", role: "agent" })).status).toBe(200);
    // An agent may not invite at all.
    expect((await call("members.invite", agent.cookie, { email: "friend@example.com", role: "agent" })).status).toBe(403);
  });

  it("refuses an admin changing an owner's role (403), or making anyone an owner", async () => {
    expect((await call("members.changeRole", admin.cookie, { userId: database.seed.adminId, role: "agent" })).status).toBe(403);
    expect(await roleOf(database.seed.adminId)).toBe("owner");
    expect((await call("members.changeRole", admin.cookie, { userId: agent.userId, role: "owner" })).status).toBe(403);
    expect(await roleOf(agent.userId)).toBe("agent");
    expect((await call("members.setActive", admin.cookie, { userId: database.seed.adminId, active: false })).status).toBe(403);
    // Within their reach, an admin manages: the agent becomes a supervisor and back.
    expect((await call("members.changeRole", admin.cookie, { userId: agent.userId, role: "supervisor" })).status).toBe(200);
    expect(await roleOf(agent.userId)).toBe("supervisor");
    expect((await call("members.changeRole", admin.cookie, { userId: agent.userId, role: "agent" })).status).toBe(200);
  });

  it("shuts a deactivated member out of the workspace (403), until reactivated", async () => {
    expect((await query("flows.list", agent.cookie)).status).toBe(200);
    expect((await call("members.setActive", admin.cookie, { userId: agent.userId, active: false })).status).toBe(200);
    expect((await query("flows.list", agent.cookie)).status).toBe(403);
    expect((await query("account.me", agent.cookie)).data).toMatchObject({ active: null, workspaces: [] });
    // They cannot switch back in either.
    expect((await call("account.switchWorkspace", agent.cookie, { workspaceId: database.seed.workspaceId })).status).toBe(404);
    expect((await call("members.setActive", admin.cookie, { userId: agent.userId, active: true })).status).toBe(200);
    expect((await query("flows.list", agent.cookie)).status).toBe(200);
  });

  it("never leaves the workspace without an owner", async () => {
    // The only owner can neither demote nor deactivate themselves, and nobody else may.
    expect((await call("members.changeRole", owner, { userId: database.seed.adminId, role: "admin" })).status).toBe(403);
    expect((await call("members.setActive", owner, { userId: database.seed.adminId, active: false })).status).toBe(403);
    expect(await roleOf(database.seed.adminId)).toBe("owner");
    // With a second owner, one owner may demote the other.
    expect((await call("members.changeRole", owner, { userId: admin.userId, role: "owner" })).status).toBe(200);
    expect((await call("members.changeRole", admin.cookie, { userId: database.seed.adminId, role: "admin" })).status).toBe(200);
    expect(await roleOf(database.seed.adminId)).toBe("admin");
    expect((await call("members.changeRole", admin.cookie, { userId: database.seed.adminId, role: "owner" })).status).toBe(200);
    const owners = await database.db.member.count({ where: { workspaceId: database.seed.workspaceId, role: "owner", deactivatedAt: null } });
    expect(owners).toBe(2);
  });

  it("writes every change to the audit log", async () => {
    const actions = (await database.db.auditEvent.findMany({ where: { workspaceId: database.seed.workspaceId }, select: { action: true } })).map((event) => event.action);
    for (const action of ["member.invite", "member.join", "member.role_change", "member.deactivate", "member.reactivate"]) expect(actions).toContain(action);
  });
});
