import { TRPCError } from "@trpc/server";
import { parseSkillList } from "@parley/flow";
import type { Db } from "@parley/db";

interface NamedHandoff {
  flow: string;
  team: string;
  skills: string[];
}

/** The handoffs of the latest published version of every flow of the workspace. */
async function publishedHandoffs(db: Db, workspaceId: string): Promise<NamedHandoff[]> {
  const flows = await db.flow.findMany({
    where: { workspaceId },
    select: { name: true, versions: { where: { published: true }, orderBy: { version: "desc" }, take: 1, select: { graph: true } } },
  });
  const found: NamedHandoff[] = [];
  for (const flow of flows) {
    const graph = flow.versions[0]?.graph as { nodes?: unknown } | undefined;
    if (!graph || !Array.isArray(graph.nodes)) continue;
    for (const node of graph.nodes as { kind?: unknown; config?: Record<string, unknown> }[]) {
      if (node.kind !== "handoff" || !node.config) continue;
      const team = typeof node.config.team === "string" ? node.config.team.trim() : "";
      const skills = typeof node.config.skills === "string" ? parseSkillList(node.config.skills) : [];
      found.push({ flow: flow.name, team, skills });
    }
  }
  return found;
}

const quoted = (names: string[]) => [...new Set(names)].map((name) => `"${name}"`).join(", ");

/**
 * A team is named, not referenced, by flows and conversations (flows stay portable and readable
 * in diffs). Published versions are immutable and conversations keep running on them, so renaming
 * or deleting a team they name would send new handoffs to a queue that no longer exists, and
 * strand the conversations already waiting in it: refused (412) until the flows are republished
 * without it and its queue is empty. Drafts may name it: the editor shows them the error.
 */
export async function refuseIfTeamInUse(db: Db, workspaceId: string, team: string, change: "rename" | "delete") {
  const flows = (await publishedHandoffs(db, workspaceId)).filter((handoff) => handoff.team === team).map((handoff) => handoff.flow);
  const waiting = await db.conversation.count({ where: { workspaceId, team, status: "handoff" } });
  if (flows.length === 0 && waiting === 0) return;
  const reasons = [
    flows.length > 0 ? `the published flow(s) ${quoted(flows)} hand off to it (publish them with another team first)` : null,
    waiting > 0 ? `${waiting} open conversation(s) are in its queue (transfer or resolve them first)` : null,
  ].filter(Boolean);
  throw new TRPCError({ code: "PRECONDITION_FAILED", message: `cannot ${change} the team "${team}": ${reasons.join("; ")}` });
}

/** The same rule for a skill that published handoffs require (it has no queue of its own). */
export async function refuseIfSkillInUse(db: Db, workspaceId: string, skill: string, change: "rename" | "delete") {
  const flows = (await publishedHandoffs(db, workspaceId)).filter((handoff) => handoff.skills.includes(skill)).map((handoff) => handoff.flow);
  if (flows.length === 0) return;
  throw new TRPCError({
    code: "PRECONDITION_FAILED",
    message: `cannot ${change} the skill "${skill}": the published flow(s) ${quoted(flows)} require it (publish them without it first)`,
  });
}
