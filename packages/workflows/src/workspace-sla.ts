import { isCancellation, patched } from "@temporalio/workflow";
import { slaPolicyFromConfig } from "@parley/flow/runtime";
import type { Priority } from "./contracts";
import type { ConversationRun } from "./conversation-run";
import { persistence } from "./activity-proxies";
import { failureMessage, rethrowCancellation } from "./step-failures";
import type { StepContext } from "./steps/step";

/** Patch id: a handoff without an SLA from its flow looks for a workspace SLA policy. */
export const WORKSPACE_SLA = "workspace-sla-policy";
/** Patch id: a transfer or a priority change re-targets a workspace SLA policy's clocks. */
export const WORKSPACE_SLA_RETARGET = "workspace-sla-retarget";

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
    if (config) ctx.attachSla(slaPolicyFromConfig(config), true);
  } catch (err) {
    rethrowCancellation(err);
    ctx.note(`No workspace SLA policy could be read (${failureMessage(err)})`);
  }
}

/**
 * After a transfer to another team or a priority change (signal handlers call this once they
 * changed `run.handoff`): the workspace policy that now matches the team and priority re-targets
 * the clocks, measured from the original handoff (SlaClocks.retarget); when none matches any more
 * the clocks stop. A flow's own SLA node is never replaced. The lookup is an activity, so it runs
 * beside the handler; of changes in quick succession only the last one's answer applies.
 *
 * Behind a patch, asked only when a re-target is due: histories recorded before it (and every
 * conversation without a workspace policy) replay the commands they always had.
 */
export function retargetWorkspaceSla(run: ConversationRun): void {
  const sla = run.sla;
  const handoff = run.handoff;
  if (!sla?.state.fromWorkspace || run.status !== "handoff" || !handoff || run.phase === "ended") return;
  if (!patched(WORKSPACE_SLA_RETARGET)) return;
  const ticket = ++run.slaRetargets;
  const { team, priority } = handoff;
  const stale = () => ticket !== run.slaRetargets || run.sla !== sla || run.phase === "ended" || run.status !== "handoff";
  const note = (text: string) => {
    run.transcript.add("system", text);
    run.dirty = true;
  };
  persistence.workspaceSlaPolicy({ conversationId: run.conversationId, team, priority }).then(
    (config) => {
      if (stale()) return;
      if (!config) {
        run.sla = null;
        run.slaVersion++;
        return note(`No SLA policy applies to ${team} (${priority} priority): its clocks stop`);
      }
      run.slaChanged((clocks, now) => clocks.retarget(slaPolicyFromConfig(config), now));
      note(`SLA policy for ${team} (${priority} priority) applied, counted from the handoff`);
    },
    (err: unknown) => {
      // A workflow cancelled meanwhile ends without it; anything else leaves the clocks as they were.
      if (stale() || isCancellation(err)) return;
      note(`The SLA policy for ${team} could not be read (${failureMessage(err)}); the clocks keep their targets`);
    },
  );
}
