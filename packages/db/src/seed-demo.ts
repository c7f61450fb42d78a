import { randomBytes } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { demoAssistantFlow, demoFlow, demoSupportFlow, FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import type { Db } from "./client";
import { asJson } from "./json";
import { seedKnowledge } from "./seed-knowledge";

export const DEMO_WORKSPACE_SLUG = "demo";

/** The demo's people: one per role that works in the product every day. */
export const DEMO_PEOPLE = [
  { email: "admin@parley.dev", name: "Ada Admin", role: "owner" },
  { email: "supervisor@parley.dev", name: "Sue Supervisor", role: "supervisor" },
  { email: "agent@parley.dev", name: "Sam Agent", role: "agent" },
  { email: "analyst@parley.dev", name: "Ana Analyst", role: "analyst" },
] as const;

export type DemoEmail = (typeof DEMO_PEOPLE)[number]["email"];

export interface DemoSeedOptions {
  /** The password a person gets when the seed creates them; random (printed once) by default. */
  passwordFor?: (email: DemoEmail) => string;
}

export interface DemoSeed {
  workspaceId: string;
  adminId: string;
  agentId: string;
  supervisorId: string;
  analystId: string;
  /** Sign-ins created by this run (empty when everyone existed): shown once, stored only hashed. */
  createdSignIns: { email: string; password: string; role: string }[];
  flowId: string;
  publishedVersionId: string;
  /** The "Help center" knowledge base. */
  knowledgeBaseId: string;
}

/**
 * Creates (or finds) the demo workspace: an admin, an agent, the Help center knowledge base and
 * three published flows (support intake, support with a human, support assistant), each with an
 * open draft. Safe to run on every start: it only fills in what is missing.
 */
export async function seedDemo(db: Db, options: DemoSeedOptions = {}): Promise<DemoSeed> {
  const workspace = await db.workspace.upsert({
    where: { slug: DEMO_WORKSPACE_SLUG },
    update: {},
    create: { slug: DEMO_WORKSPACE_SLUG, name: "Demo workspace" },
  });
  const passwordFor = options.passwordFor ?? (() => randomBytes(12).toString("base64url"));
  const createdSignIns: DemoSeed["createdSignIns"] = [];
  const ids: Record<string, string> = {};
  for (const person of DEMO_PEOPLE) {
    const { id, role, password } = await ensurePerson(db, workspace.id, person, passwordFor(person.email));
    ids[person.email] = id;
    if (password) createdSignIns.push({ email: person.email, password, role });
  }

  await ensureTeams(db, workspace.id, ids);

  const flow = await ensureFlow(db, workspace.id, {
    name: "Support intake",
    description: "Greets the visitor, asks their name and what they need, and files it.",
    graph: demoFlow,
  });
  await ensureFlow(db, workspace.id, {
    name: "Support with a human",
    description: "Hands the conversation to the Support team under an SLA policy, then asks for a rating.",
    graph: demoSupportFlow,
  });
  const knowledgeBaseId = await seedKnowledge(db, workspace.id);
  await ensureFlow(db, workspace.id, {
    name: "Support assistant",
    description:
      "Answers from the Help center with sources, routes by intent, hands upset customers and requests for a person to Support under an SLA, then asks for a rating.",
    graph: demoAssistantFlow,
  });
  const published = await db.flowVersion.findFirstOrThrow({
    where: { flowId: flow.id, published: true },
    orderBy: { version: "desc" },
  });
  return {
    workspaceId: workspace.id,
    adminId: ids["admin@parley.dev"]!,
    agentId: ids["agent@parley.dev"]!,
    supervisorId: ids["supervisor@parley.dev"]!,
    analystId: ids["analyst@parley.dev"]!,
    createdSignIns,
    flowId: flow.id,
    publishedVersionId: published.id,
    knowledgeBaseId,
  };
}

/**
 * The person with this email, a member of the workspace in `role`. A new person signs in with
 * `password` (hashed the way the auth library verifies it: Better Auth's scrypt); one who has a
 * password keeps it, so reseeding never resets anyone's password.
 */
async function ensurePerson(
  db: Db,
  workspaceId: string,
  person: (typeof DEMO_PEOPLE)[number],
  password: string,
): Promise<{ id: string; role: string; password?: string }> {
  const user =
    (await db.user.findUnique({ where: { email: person.email } })) ??
    (await db.user.create({ data: { email: person.email, name: person.name, emailVerified: true } }));
  // A demo person from before sign-in existed has no password yet: they get one like a new one.
  const hasPassword = await db.account.findFirst({ where: { userId: user.id, providerId: "credential" }, select: { id: true } });
  if (!hasPassword) {
    // Better Auth's own sign-up writes the credential account under the user's id the same way.
    await db.account.create({
      data: { userId: user.id, providerId: "credential", accountId: user.id, password: await hashPassword(password) },
    });
  }
  const member = await db.member.upsert({
    where: { workspaceId_userId: { workspaceId, userId: user.id } },
    update: {},
    create: { workspaceId, userId: user.id, role: person.role },
  });
  return hasPassword ? { id: user.id, role: member.role } : { id: user.id, role: member.role, password };
}

/** A published version 1 of `graph` plus an open draft, unless a flow with that name exists. */
async function ensureFlow(db: Db, workspaceId: string, seed: { name: string; description: string; graph: FlowGraph }) {
  const existing = await db.flow.findFirst({ where: { workspaceId, name: seed.name } });
  if (existing) return existing;
  return db.flow.create({
    data: {
      workspaceId,
      name: seed.name,
      description: seed.description,
      versions: {
        create: [
          { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(seed.graph), published: true, publishedAt: new Date() },
          { version: 2, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(seed.graph) },
        ],
      },
    },
  });
}

/**
 * The teams the demo flows hand off to, and the skills their handoffs may require: Sam works
 * Support in English with some billing; Sue supervises both queues.
 */
const DEMO_TEAMS = [
  { name: "Support", description: "First-line help for every channel.", distribution: "least_busy", people: ["agent@parley.dev", "supervisor@parley.dev"] },
  { name: "Billing", description: "Invoices, refunds and plans.", distribution: "round_robin", people: ["supervisor@parley.dev"] },
] as const;
const DEMO_SKILLS: Record<string, Partial<Record<DemoEmail, number>>> = {
  english: { "agent@parley.dev": 4, "supervisor@parley.dev": 5 },
  billing: { "agent@parley.dev": 2, "supervisor@parley.dev": 4 },
  german: { "supervisor@parley.dev": 3 },
};

async function ensureTeams(db: Db, workspaceId: string, userIds: Record<string, string>) {
  const members = await db.member.findMany({ where: { workspaceId }, select: { id: true, userId: true } });
  const memberOf = (email: string) => members.find((member) => member.userId === userIds[email])!.id;
  for (const { people, ...team } of DEMO_TEAMS) {
    const row = await db.team.upsert({
      where: { workspaceId_name: { workspaceId, name: team.name } },
      update: {},
      create: { workspaceId, ...team },
    });
    for (const email of people) {
      const memberId = memberOf(email);
      await db.teamMember.upsert({
        where: { teamId_memberId: { teamId: row.id, memberId } },
        update: {},
        create: { teamId: row.id, memberId },
      });
    }
  }
  for (const [name, levels] of Object.entries(DEMO_SKILLS)) {
    const skill = await db.skill.upsert({
      where: { workspaceId_name: { workspaceId, name } },
      update: {},
      create: { workspaceId, name },
    });
    for (const [email, level] of Object.entries(levels)) {
      const memberId = memberOf(email);
      await db.agentSkill.upsert({
        where: { memberId_skillId: { memberId, skillId: skill.id } },
        update: {},
        create: { memberId, skillId: skill.id, level },
      });
    }
  }
}
