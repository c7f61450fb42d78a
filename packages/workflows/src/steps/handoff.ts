import { renderTemplate } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import { patched } from "@temporalio/workflow";
import { summaries } from "../activity-proxies";
import { failureMessage, rethrowCancellation } from "../step-failures";
import { applyWorkspaceSla, wantsWorkspaceSla } from "../workspace-sla";
import type { StepContext, StepResult } from "./step";

/** Gates the handoff summary activity (see packages/workflows/README.md, Versioning). */
const HANDOFF_SUMMARY = "handoff-summary";
/** Turns the summary reads: enough for the story of a support chat. */
const SUMMARY_TURNS = 30;

/**
 * handoff: says the message, puts the conversation in the team's queue with a summary for the
 * agent (and the workspace's SLA when the flow attached none), then waits until the agent
 * resolves it or hands it back. A continued run resumes the wait without handing off again.
 */
export async function handoffStep(config: NodeConfig<"handoff">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  if (!ctx.resuming(node.id)) {
    const message = renderTemplate(config.message, ctx.variables).trim();
    if (message) ctx.say(message);
    // Conversations that handed off before summaries existed must replay without the call.
    const summary = patched(HANDOFF_SUMMARY) ? await summarizeForAgent(ctx, node) : null;
    ctx.startHandoff({
      team: config.team,
      skills: config.skills.split(",").map((skill) => skill.trim()).filter(Boolean),
      priority: config.priority,
      note: renderTemplate(config.summary, ctx.variables).trim(),
    });
    if (summary) ctx.note(`Summary for the agent (${summary.by}):\n${summary.text}`);
    if (wantsWorkspaceSla(ctx)) await applyWorkspaceSla(ctx, { team: config.team, priority: config.priority });
  }
  return { port: await ctx.waitForAgent() };
}

/**
 * What the agent reads first: the activity's summary (a model's, or extractive). A failure after
 * the activity's retries is a note, and the handoff goes on: the agent still has the transcript.
 */
async function summarizeForAgent(ctx: StepContext, node: FlowNode): Promise<{ text: string; by: string } | null> {
  try {
    return await summaries.summarizeHandoff({ turns: ctx.recentTurns(SUMMARY_TURNS), variables: ctx.variables });
  } catch (err) {
    rethrowCancellation(err);
    ctx.note(`${node.label ?? node.id}: no summary for the agent (${failureMessage(err)})`);
    return null;
  }
}
