import { TRPCError } from "@trpc/server";
import type { Db } from "@parley/db";
import type { MacroAction } from "./macro-actions";

/** What a macro's actions name, looked up: every action checked before any is applied. */
export interface CheckedMacro {
  labels: Map<string, string>;
  canned: Map<string, { id: string; body: string; shortcut: string }>;
}

function refuse(message: string): never {
  throw new TRPCError({ code: "PRECONDITION_FAILED", message });
}

/**
 * Refuses (412, naming what is missing) a macro whose labels, teams, agents or canned responses
 * no longer exist in the workspace. Called when a macro is saved and again when it runs: a label
 * deleted in between must stop the run before anything changed.
 */
export async function checkMacro(db: Db, workspaceId: string, actions: MacroAction[]): Promise<CheckedMacro> {
  const labelIds = actions.flatMap((action) => (action.type === "addLabel" || action.type === "removeLabel" ? [action.labelId] : []));
  const cannedIds = actions.flatMap((action) => (action.type === "cannedReply" ? [action.cannedResponseId] : []));
  const teams = actions.flatMap((action) => (action.type === "assign" && action.team ? [action.team] : []));
  const agentIds = actions.flatMap((action) => (action.type === "assign" && action.agentId && action.agentId !== "me" ? [action.agentId] : []));
  const [labels, canned, knownTeams, members] = await Promise.all([
    db.label.findMany({ where: { workspaceId, id: { in: labelIds } }, select: { id: true, name: true } }),
    db.cannedResponse.findMany({ where: { workspaceId, id: { in: cannedIds } }, select: { id: true, body: true, shortcut: true } }),
    db.team.findMany({ where: { workspaceId, name: { in: teams } }, select: { name: true } }),
    db.member.findMany({ where: { workspaceId, userId: { in: agentIds }, deactivatedAt: null, role: { not: "analyst" } }, select: { userId: true } }),
  ]);
  const missing = [
    ...labelIds.filter((id) => !labels.some((label) => label.id === id)).map((id) => `label ${id} (deleted?)`),
    ...cannedIds.filter((id) => !canned.some((row) => row.id === id)).map((id) => `canned response ${id}`),
    ...teams.filter((name) => !knownTeams.some((team) => team.name === name)).map((name) => `team "${name}"`),
    ...agentIds.filter((id) => !members.some((member) => member.userId === id)).map((id) => `agent ${id}`),
  ];
  if (missing.length > 0) refuse(`the macro names what no longer exists: ${[...new Set(missing)].join(", ")}; nothing was changed`);
  return { labels: new Map(labels.map((label) => [label.id, label.name])), canned: new Map(canned.map((row) => [row.id, row])) };
}
