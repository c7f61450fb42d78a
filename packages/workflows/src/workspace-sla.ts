import { patched } from "@temporalio/workflow";
import { slaPolicyFromConfig } from "@parley/flow/runtime";
import type { Priority } from "./contracts";
import { persistence } from "./activity-proxies";
import { failureMessage, rethrowCancellation } from "./step-failures";
import type { StepContext } from "./steps/step";

/** Patch id: a handoff without an SLA from its flow looks for a workspace SLA policy. */
export const WORKSPACE_SLA = "workspace-sla-policy";

/**
 * Whether this handoff looks for a workspace SLA policy: only when its flow attached none (the
 * flow's SLA node always wins), and behind a patch. Checked before awaiting anything: an extra
 * await, even one that returns at once, would reorder the commands of histories recorded before.
 */
export const wantsWorkspaceSla = (ctx: StepContext): boolean => !ctx.hasSla() && patched(WORKSPACE_SLA);

/**
 * A handoff whose flow attached no SLA policy takes the workspace's (Settings → SLA policies)
 * that matches its team, priority and channel, if any: its clocks start with the handoff.
 */
export async function applyWorkspaceSla(ctx: StepContext, handoff: { team: string; priority: Priority }): Promise<void> {
  try {
    const config = await persistence.workspaceSlaPolicy({ conversationId: ctx.conversationId, team: handoff.team, priority: handoff.priority });
    if (config) ctx.attachSla(slaPolicyFromConfig(config));
  } catch (err) {
    rethrowCancellation(err);
    ctx.note(`No workspace SLA policy could be read (${failureMessage(err)})`);
  }
}
