import type { ValidationContext } from "@parley/flow";
import type { Db } from "@parley/db";
import { customActivityCatalog } from "@parley/activities/custom";
import { liveFlow } from "./flow-records";

/**
 * The custom activities the worker registers. The API reads the same catalog module as the
 * worker (packages/activities/src/custom), so both must be deployed from the same build.
 */
export const customActivities = customActivityCatalog();

/**
 * What validation needs beyond the graph: the custom activities (unknown names and fields are
 * errors), the workspace's flows (a subflow must call a published flow, and not its own) and its
 * teams and skills (a handoff must name ones the workspace has). The flow package stays pure:
 * the workspace's names come in here, so the same check runs on save, on publish and in the editor.
 */
export async function validationContext(db: Db, workspaceId: string, flowId: string): Promise<ValidationContext> {
  const [flows, teams, skills] = await Promise.all([
    db.flow.findMany({
      where: { workspaceId, ...liveFlow },
      select: { id: true, name: true, versions: { where: { published: true }, select: { id: true }, take: 1 } },
    }),
    db.team.findMany({ where: { workspaceId }, select: { name: true }, orderBy: { name: "asc" } }),
    db.skill.findMany({ where: { workspaceId }, select: { name: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    flowId,
    customActivities,
    flows: flows.map((flow) => ({ id: flow.id, name: flow.name, published: flow.versions.length > 0 })),
    teams: teams.map((team) => team.name),
    skills: skills.map((skill) => skill.name),
  };
}
