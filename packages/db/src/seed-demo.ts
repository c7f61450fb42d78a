import { demoFlow, FLOW_SCHEMA_VERSION } from "@parley/flow";
import type { Db } from "./client";
import { asJson } from "./json";

export const DEMO_WORKSPACE_SLUG = "demo";

export interface DemoSeed {
  workspaceId: string;
  adminId: string;
  agentId: string;
  flowId: string;
  publishedVersionId: string;
}

/**
 * Creates (or finds) the demo workspace: an admin, an agent and a published support-intake flow
 * with an open draft. Safe to run on every start: it only fills in what is missing.
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

  let flow = await db.flow.findFirst({
    where: { workspaceId: workspace.id, name: "Support intake" },
  });
  if (!flow) {
    flow = await db.flow.create({
      data: {
        workspaceId: workspace.id,
        name: "Support intake",
        description: "Greets the visitor, asks their name and what they need, and files it.",
        versions: {
          create: [
            {
              version: 1,
              schemaVersion: FLOW_SCHEMA_VERSION,
              graph: asJson(demoFlow),
              published: true,
              publishedAt: new Date(),
            },
            { version: 2, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(demoFlow) },
          ],
        },
      },
    });
  }
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
  };
}
