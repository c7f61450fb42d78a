import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from "../../../test/support/database";
import { request, startAuthTestServer, trpcCall, type AuthTestServer } from "./support/auth-server";

/**
 * One person, two workspaces, over real HTTP: the session acts in one at a time, switching
 * changes what they see and what they may do, and nobody switches into a workspace they are not
 * a member of. The workspace always comes from the session, never from the input.
 */
let database: TestDatabase;
let api: AuthTestServer;
let otherWorkspaceId: string;
let strangersWorkspaceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startAuthTestServer(database);
  // The demo's owner is an agent in a second workspace, which has one flow of its own.
  const other = await database.db.workspace.create({
    data: {
      name: "Second shop",
      slug: "second-shop",
      members: { create: { userId: database.seed.adminId, role: "agent" } },
      flows: { create: { name: "Second shop's flow", description: "" } },
    },
  });
  otherWorkspaceId = other.id;
  strangersWorkspaceId = (await database.db.workspace.create({ data: { name: "Strangers", slug: "strangers", flows: { create: { name: "Not yours", description: "" } } } })).id;
});

afterAll(async () => {
  await api?.close();
  await database?.close();
});

async function cookieFor(email = "admin@parley.dev"): Promise<string> {
  const answer = await request(`${api.baseUrl}/api/auth/sign-in/email`, { body: { email, password: TEST_PASSWORD } });
  expect(answer.status).toBe(200);
  return answer.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!).join("; ");
}

const flowNames = async (cookie: string) => {
  const listed = await trpcCall(api.baseUrl, "flows.list", { cookie });
  expect(listed.status).toBe(200);
  return (listed.data as { name: string }[]).map((flow) => flow.name).sort();
};
const switchTo = (cookie: string, workspaceId: string, headers: Record<string, string> = {}) =>
  trpcCall(api.baseUrl, "account.switchWorkspace", { mutation: true, input: { workspaceId }, cookie, headers });
const activeOf = async (cookie: string) => ((await trpcCall(api.baseUrl, "account.me", { cookie })).data as { active: { id: string; role: string } | null }).active;

describe("switching workspaces", () => {
  it("lists both workspaces and acts in the oldest membership first", async () => {
    const cookie = await cookieFor();
    const me = (await trpcCall(api.baseUrl, "account.me", { cookie })).data as { workspaces: { id: string; role: string }[]; active: { id: string } };
    expect(me.workspaces).toEqual([
      expect.objectContaining({ id: database.seed.workspaceId, role: "owner" }),
      expect.objectContaining({ id: otherWorkspaceId, role: "agent", name: "Second shop" }),
    ]);
    expect(me.active.id).toBe(database.seed.workspaceId);
  });

  it("changes what flows.list returns and the role, for this session only", async () => {
    const cookie = await cookieFor();
    const elsewhere = await cookieFor();
    const demoFlows = await flowNames(cookie);
    expect(demoFlows).toContain("Support intake");
    expect((await trpcCall(api.baseUrl, "members.list", { cookie })).status).toBe(200);

    const switched = await switchTo(cookie, otherWorkspaceId);
    expect(switched).toMatchObject({ status: 200, data: { workspaceId: otherWorkspaceId, role: "agent" } });
    expect(await flowNames(cookie)).toEqual(["Second shop's flow"]);
    expect(await activeOf(cookie)).toMatchObject({ id: otherWorkspaceId, role: "agent" });
    // An agent there: managing members is refused, and nothing in the demo workspace is reachable.
    expect((await trpcCall(api.baseUrl, "members.list", { cookie })).status).toBe(403);
    const demoFlowId = database.seed.flowId;
    expect((await trpcCall(api.baseUrl, "flows.get", { cookie, input: { id: demoFlowId } })).status).toBe(404);

    // The other session still acts in the demo workspace as owner.
    expect(await flowNames(elsewhere)).toEqual(demoFlows);
    expect(await activeOf(elsewhere)).toMatchObject({ id: database.seed.workspaceId, role: "owner" });

    expect((await switchTo(cookie, database.seed.workspaceId)).status).toBe(200);
    expect(await flowNames(cookie)).toEqual(demoFlows);
  });

  it("refuses a workspace one is not a member of (404) and stays where it was", async () => {
    const cookie = await cookieFor();
    for (const workspaceId of [strangersWorkspaceId, "no-such-workspace"]) {
      expect((await switchTo(cookie, workspaceId)).status).toBe(404);
    }
    expect(await activeOf(cookie)).toMatchObject({ id: database.seed.workspaceId });
    expect(await flowNames(cookie)).not.toContain("Not yours");
  });

  it("cannot be steered through the auth library's own session update", async () => {
    const cookie = await cookieFor();
    const answer = await request(`${api.baseUrl}/api/auth/update-session`, { body: { activeWorkspaceId: strangersWorkspaceId }, headers: { cookie } });
    expect(answer.status).toBeLessThan(500);
    expect(await activeOf(cookie)).toMatchObject({ id: database.seed.workspaceId });
    expect(await database.db.session.count({ where: { activeWorkspaceId: strangersWorkspaceId } })).toBe(0);
  });

  it("refuses a switch from another site (403) and one without a session (401)", async () => {
    const cookie = await cookieFor();
    expect((await switchTo(cookie, otherWorkspaceId, { origin: "https://evil.example" })).status).toBe(403);
    expect(await activeOf(cookie)).toMatchObject({ id: database.seed.workspaceId });
    expect((await trpcCall(api.baseUrl, "account.switchWorkspace", { mutation: true, input: { workspaceId: otherWorkspaceId } })).status).toBe(401);
  });

  it("falls back to a workspace one still belongs to when the switched-to membership is deactivated", async () => {
    const cookie = await cookieFor();
    expect((await switchTo(cookie, otherWorkspaceId)).status).toBe(200);
    await database.db.member.update({ where: { workspaceId_userId: { workspaceId: otherWorkspaceId, userId: database.seed.adminId } }, data: { deactivatedAt: new Date() } });
    try {
      expect(await activeOf(cookie)).toMatchObject({ id: database.seed.workspaceId, role: "owner" });
      expect(await flowNames(cookie)).not.toContain("Second shop's flow");
      expect((await switchTo(cookie, otherWorkspaceId)).status).toBe(404);
    } finally {
      await database.db.member.update({ where: { workspaceId_userId: { workspaceId: otherWorkspaceId, userId: database.seed.adminId } }, data: { deactivatedAt: null } });
    }
  });
});
