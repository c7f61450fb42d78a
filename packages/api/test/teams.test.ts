import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, Connection } from "@temporalio/client";
import { TRPCError } from "@trpc/server";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { appRouter, createCallerFactory } from "../src";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

/**
 * Teams, skills and capacity as admins manage them (real database, SQLite or PostgreSQL): every
 * change audited, every refusal a clear 4xx. Nothing here talks to Temporal.
 */
let database: TestDatabase;
const createCaller = createCallerFactory(appRouter);
let services: ReturnType<typeof testServices>;
let admin: ReturnType<typeof createCaller>;
let outsiderId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  services = testServices(database, new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) }), "unused");
  admin = createCaller(asPerson(services, database));
  const other = await database.db.workspace.create({ data: { name: "Elsewhere", slug: "elsewhere" } });
  const outsider = await database.db.user.create({ data: { email: "outsider@example.com", name: "Otto Outsider", emailVerified: true } });
  await database.db.member.create({ data: { workspaceId: other.id, userId: outsider.id, role: "agent" } });
  outsiderId = outsider.id;
});
afterAll(async () => {
  await database?.close();
});

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

const audited = (action: string) => database.db.auditEvent.findMany({ where: { action }, orderBy: { at: "asc" } });

/** start → handoff to `team` requiring `skills` → end. */
function handoffGraph(team: string, skills = ""): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
      { id: "human", kind: "handoff", position: { x: 0, y: 120 }, config: { team, skills } },
      { id: "end", kind: "end", position: { x: 0, y: 240 }, config: { status: "resolved" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "human" },
      { id: "e2", source: "human", sourcePort: "resolved", target: "end" },
      { id: "e3", source: "human", sourcePort: "returned", target: "end" },
    ],
  } as FlowGraph;
}

describe("teams", () => {
  it("creates, lists with members and counts, edits and deletes a team, auditing each change", async () => {
    const { id } = await admin.teams.create({ name: "Night shift", description: "After hours", distribution: "round_robin", offerTimeoutSeconds: 45 });
    await admin.teams.addMember({ teamId: id, userId: database.seed.agentId });
    expect(await admin.teams.addMember({ teamId: id, userId: database.seed.agentId })).toEqual({ ok: true, added: false });
    const listed = (await admin.teams.list()).find((team) => team.id === id)!;
    expect(listed).toMatchObject({ name: "Night shift", description: "After hours", distribution: "round_robin", offerTimeoutSeconds: 45, waiting: 0, assigned: 0 });
    expect(listed.members.map((member) => [member.email, member.presence])).toEqual([["agent@parley.dev", "offline"]]);
    // Agents read names only, for pickers.
    const agent = createCaller(asPerson(services, database, "agent"));
    expect((await agent.teams.names()).map((team) => team.name)).toEqual(["Billing", "Night shift", "Support"]);

    await admin.teams.update({ id, name: "Nights", distribution: "least_busy", offerTimeoutSeconds: 20 });
    expect((await admin.teams.list()).find((team) => team.id === id)).toMatchObject({ name: "Nights", distribution: "least_busy", offerTimeoutSeconds: 20 });
    await admin.teams.removeMember({ teamId: id, userId: database.seed.agentId });
    expect((await refusal(admin.teams.removeMember({ teamId: id, userId: database.seed.agentId }))).code).toBe("NOT_FOUND");
    await admin.teams.delete({ id });
    expect((await admin.teams.names()).map((team) => team.name)).toEqual(["Billing", "Support"]);

    expect((await audited("team.create")).at(-1)).toMatchObject({ targetId: id, actorLabel: "admin@parley.dev" });
    expect((await audited("team.update")).at(-1)?.details).toMatchObject({ name: "Nights", changed: { name: { from: "Night shift", to: "Nights" } } });
    for (const action of ["team.member_add", "team.member_remove", "team.delete"]) expect(await audited(action)).toHaveLength(1);
  });

  it("refuses a duplicate name (409), unknown teams and people (404), people of another workspace (404) and analysts (412)", async () => {
    expect(await refusal(admin.teams.create({ name: "Support" }))).toEqual({ code: "CONFLICT", message: 'a team named "Support" exists already' });
    const billing = (await admin.teams.names()).find((team) => team.name === "Billing")!;
    expect((await refusal(admin.teams.update({ id: billing.id, name: "Support" }))).code).toBe("CONFLICT");
    expect((await refusal(admin.teams.update({ id: "no-such-team", description: "x" }))).code).toBe("NOT_FOUND");
    expect((await refusal(admin.teams.addMember({ teamId: "no-such-team", userId: database.seed.agentId }))).code).toBe("NOT_FOUND");
    expect((await refusal(admin.teams.addMember({ teamId: billing.id, userId: "no-such-user" }))).code).toBe("NOT_FOUND");
    expect((await refusal(admin.teams.addMember({ teamId: billing.id, userId: outsiderId }))).code).toBe("NOT_FOUND");
    const analyst = await refusal(admin.teams.addMember({ teamId: billing.id, userId: database.seed.analystId }));
    expect(analyst.code).toBe("PRECONDITION_FAILED");
    expect(analyst.message).toContain("analyst");
    expect((await refusal(admin.teams.create({ name: "Slow", offerTimeoutSeconds: 5000 }))).code).toBe("BAD_REQUEST");
    expect((await refusal(admin.teams.create({ name: "   " }))).code).toBe("BAD_REQUEST");
    // A supervisor reads, never changes.
    const supervisor = createCaller(asPerson(services, database, "supervisor"));
    expect((await supervisor.teams.list()).length).toBeGreaterThan(0);
    expect((await refusal(supervisor.teams.create({ name: "Mine" }))).code).toBe("FORBIDDEN");
  });

  it("refuses to rename or delete a team a published flow names, or whose queue has open conversations (412 naming them)", async () => {
    // The demo's published flows hand off to Support.
    const support = (await admin.teams.names()).find((team) => team.name === "Support")!;
    const renamed = await refusal(admin.teams.update({ id: support.id, name: "Help desk" }));
    expect(renamed.code).toBe("PRECONDITION_FAILED");
    expect(renamed.message).toMatch(/cannot rename the team "Support": the published flow\(s\) ".+" hand off to it/);
    expect(renamed.message).toContain('"Support with a human"');
    expect((await refusal(admin.teams.delete({ id: support.id }))).message).toContain("cannot delete the team");
    // Its description may change.
    await admin.teams.update({ id: support.id, description: "First line" });

    // A team no flow names, with a conversation waiting in its queue.
    const { id: lateId } = await admin.teams.create({ name: "Late" });
    const contact = await database.db.contact.create({ data: { workspaceId: database.seed.workspaceId, name: "Waiting Wanda" } });
    const conversation = await database.db.conversation.create({
      data: { workspaceId: database.seed.workspaceId, contactId: contact.id, flowVersionId: database.seed.publishedVersionId, workflowId: `wf-late-${contact.id}`, status: "handoff", team: "Late" },
    });
    expect((await admin.teams.list()).find((team) => team.id === lateId)).toMatchObject({ waiting: 1, assigned: 0 });
    const waiting = await refusal(admin.teams.delete({ id: lateId }));
    expect(waiting).toEqual({ code: "PRECONDITION_FAILED", message: 'cannot delete the team "Late": 1 open conversation(s) are in its queue (transfer or resolve them first)' });
    await database.db.conversation.update({ where: { id: conversation.id }, data: { status: "resolved" } });
    await admin.teams.delete({ id: lateId });
  });
});

describe("skills", () => {
  it("creates, renames, deletes and sets an agent's levels; refuses duplicates, commas, unknown skills and analysts", async () => {
    const { id } = await admin.skills.create({ name: "french" });
    expect((await refusal(admin.skills.create({ name: "french" }))).code).toBe("CONFLICT");
    expect((await refusal(admin.skills.create({ name: "french, german" }))).code).toBe("BAD_REQUEST");
    await admin.skills.rename({ id, name: "français" });
    await admin.skills.setAgentLevels({ userId: database.seed.agentId, levels: [{ skillId: id, level: 3 }] });
    let french = (await admin.skills.list()).find((skill) => skill.id === id)!;
    expect(french).toEqual({ id, name: "français", agents: [{ userId: database.seed.agentId, level: 3 }] });
    await admin.skills.setAgentLevels({ userId: database.seed.agentId, levels: [{ skillId: id, level: 0 }] });
    french = (await admin.skills.list()).find((skill) => skill.id === id)!;
    expect(french.agents).toEqual([]);

    expect((await refusal(admin.skills.setAgentLevels({ userId: database.seed.agentId, levels: [{ skillId: id, level: 6 }] }))).code).toBe("BAD_REQUEST");
    expect((await refusal(admin.skills.setAgentLevels({ userId: database.seed.agentId, levels: [{ skillId: id, level: 2 }, { skillId: "nope", level: 2 }] }))).code).toBe("NOT_FOUND");
    expect(await database.db.agentSkill.count({ where: { skillId: id } })).toBe(0); // all or nothing
    expect((await refusal(admin.skills.setAgentLevels({ userId: outsiderId, levels: [{ skillId: id, level: 2 }] }))).code).toBe("NOT_FOUND");
    expect((await refusal(admin.skills.setAgentLevels({ userId: database.seed.analystId, levels: [{ skillId: id, level: 2 }] }))).code).toBe("PRECONDITION_FAILED");
    expect((await refusal(admin.skills.rename({ id: "nope", name: "x" }))).code).toBe("NOT_FOUND");
    await admin.skills.delete({ id });
    for (const action of ["skill.create", "skill.rename", "skill.delete"]) expect(await audited(action)).toHaveLength(1);
    expect(await audited("skill.levels_set")).toHaveLength(2);
  });

  it("refuses to rename or delete a skill a published handoff requires", async () => {
    const { id: flowId } = await admin.flows.create({ name: "Billing desk" });
    await admin.flows.saveDraft({ id: flowId, graph: handoffGraph("Billing", "billing, german") });
    await admin.flows.publish({ id: flowId });
    const german = (await admin.skills.names()).find((skill) => skill.name === "german")!;
    const refused = await refusal(admin.skills.delete({ id: german.id }));
    expect(refused).toEqual({ code: "PRECONDITION_FAILED", message: 'cannot delete the skill "german": the published flow(s) "Billing desk" require it (publish them without it first)' });
    expect((await refusal(admin.skills.rename({ id: german.id, name: "deutsch" }))).code).toBe("PRECONDITION_FAILED");
  });
});

describe("publishing a handoff", () => {
  it("reports an unknown team or skill on the node while editing, and refuses to publish it (412 naming node and field)", async () => {
    const { id } = await admin.flows.create({ name: "Sales handoff" });
    const saved = await admin.flows.saveDraft({ id, graph: handoffGraph("Sales", "billing, klingon") });
    expect(saved.issues.map((issue) => [issue.code, issue.nodeId, issue.field])).toEqual([
      ["handoff.unknown_team", "human", "team"],
      ["handoff.unknown_skill", "human", "skills"],
    ]);
    expect((await admin.flows.get({ id })).issues.map((issue) => issue.code)).toEqual(["handoff.unknown_team", "handoff.unknown_skill"]);
    const refused = await refusal(admin.flows.publish({ id }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toContain('Hand off "human": this workspace has no team "Sales"');
    expect(refused.message).toContain('no skill "klingon"');

    // Once the team exists the same draft publishes.
    await admin.teams.create({ name: "Sales" });
    await admin.skills.create({ name: "klingon" });
    await expect(admin.flows.publish({ id })).resolves.toMatchObject({ version: 1 });
  });
});

describe("capacity", () => {
  it("sets chat and call capacity from 0 to 20, audited; refuses out of range, analysts and strangers", async () => {
    await admin.members.setCapacity({ userId: database.seed.agentId, chatCapacity: 5, callCapacity: 0 });
    const listed = (await admin.members.list()).members.find((member) => member.id === database.seed.agentId)!;
    expect([listed.chatCapacity, listed.callCapacity]).toEqual([5, 0]);
    expect((await audited("member.capacity_set")).at(-1)?.details).toMatchObject({ chatCapacity: 5, callCapacity: 0 });
    expect((await refusal(admin.members.setCapacity({ userId: database.seed.agentId, chatCapacity: 21, callCapacity: 1 }))).code).toBe("BAD_REQUEST");
    expect((await refusal(admin.members.setCapacity({ userId: database.seed.agentId, chatCapacity: -1, callCapacity: 1 }))).code).toBe("BAD_REQUEST");
    expect((await refusal(admin.members.setCapacity({ userId: database.seed.analystId, chatCapacity: 2, callCapacity: 1 }))).code).toBe("PRECONDITION_FAILED");
    expect((await refusal(admin.members.setCapacity({ userId: outsiderId, chatCapacity: 2, callCapacity: 1 }))).code).toBe("NOT_FOUND");
  });
});

describe("presence", () => {
  it("each person sets their own; supervisors see everyone's, and an idle online agent reads and is stored as away", async () => {
    const agent = createCaller(asPerson(services, database, "agent"));
    const supervisor = createCaller(asPerson(services, database, "supervisor"));
    expect((await agent.presence.mine()).presence).toBe("offline");
    const set = await agent.presence.set({ presence: "online" });
    expect(set.presence).toBe("online");
    const sam = async () => (await supervisor.presence.list()).find((person) => person.id === database.seed.agentId)!;
    expect(await sam()).toMatchObject({ presence: "online", since: set.since, teams: ["Support"] });
    expect((await supervisor.presence.list()).some((person) => person.role === "analyst")).toBe(false);

    // Eleven minutes without a request (the default limit is ten).
    const idle = new Date(Date.now() - 11 * 60_000);
    await database.db.member.updateMany({ where: { userId: database.seed.agentId, workspaceId: database.seed.workspaceId }, data: { presenceAt: idle, lastActiveAt: idle } });
    expect((await sam()).presence).toBe("away");
    const stored = await database.db.member.findFirstOrThrow({ where: { userId: database.seed.agentId, workspaceId: database.seed.workspaceId } });
    expect(stored.presence).toBe("away");
    expect(stored.presenceAt!.getTime()).toBeGreaterThan(idle.getTime());
    expect((await agent.presence.mine()).presence).toBe("away");

    // With a longer limit configured, the same idle time is still online.
    await agent.presence.set({ presence: "online" });
    await database.db.member.updateMany({ where: { userId: database.seed.agentId, workspaceId: database.seed.workspaceId }, data: { presenceAt: idle, lastActiveAt: idle } });
    const patient = createCaller(asPerson({ ...services, autoAwayMs: 30 * 60_000 }, database, "supervisor"));
    expect((await patient.presence.list()).find((person) => person.id === database.seed.agentId)!.presence).toBe("online");
    await agent.presence.set({ presence: "offline" });
    expect((await refusal(agent.presence.list())).code).toBe("FORBIDDEN");
  });
});
