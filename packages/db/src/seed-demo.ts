import { demoAssistantFlow, demoFlow, demoSupportFlow, FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import type { Db } from "./client";
import { asJson } from "./json";
import { seedKnowledge } from "./seed-knowledge";

export const DEMO_WORKSPACE_SLUG = "demo";

export interface DemoSeed {
  workspaceId: string;
  adminId: string;
  agentId: string;
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
export async function seedDemo(db: Db): Promise<DemoSeed> {
  const workspace = await db.workspace.upsert({
    where: { slug: DEMO_WORKSPACE_SLUG },
    update: {},
    create: { slug: DEMO_WORKSPACE_SLUG, name: "Demo workspace" },
  });
  const admin = await db.user.upsert({
    where: { email: "admin@parley.dev" },
    update: {},
    create: { workspaceId: workspace.id, email: "admin@parley.dev", name: "Ada Admin", role: "admin" },
  });
  const agent = await db.user.upsert({
    where: { email: "agent@parley.dev" },
    update: {},
    create: { workspaceId: workspace.id, email: "agent@parley.dev", name: "Sam Agent", role: "agent" },
  });

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
    adminId: admin.id,
    agentId: agent.id,
    flowId: flow.id,
    publishedVersionId: published.id,
    knowledgeBaseId,
  };
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
