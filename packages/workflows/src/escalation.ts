import type { BreachAction, SlaClockName } from "@parley/flow/runtime";
import type { HandoffState, Priority } from "./contracts";
import { escalation } from "./activity-proxies";
import type { SlaEscalation, SlaState } from "./sla";

const clockLabels = {
  firstResponse: "first response",
  nextResponse: "next response",
  resolution: "resolution",
} satisfies Record<SlaClockName, string>;

const raisedPriority = { low: "normal", normal: "high", high: "urgent", urgent: "urgent" } satisfies Record<Priority, Priority>;

/** What an escalation may read and change in the conversation. */
export interface EscalationContext {
  conversationId: string;
  sla: SlaState;
  /** Read live: an earlier step of the same escalation may have changed it. */
  handoff(): HandoffState | null;
  setHandoff(handoff: HandoffState): void;
  note(text: string): void;
}

type Step = (ctx: EscalationContext, event: SlaEscalation, message: string) => Promise<void>;

/** One step per breach action: a new action without a step here does not compile. */
const steps = {
  notify: async (ctx, event, message) => {
    await escalation.notifyTeam({
      id: `${ctx.conversationId}-sla-${event.clock}-${event.cycle}-${event.level}`,
      conversationId: ctx.conversationId,
      level: event.level,
      clock: event.clock,
      message,
      at: new Date().toISOString(),
    });
  },
  raise_priority: async (ctx) => {
    const handoff = ctx.handoff();
    if (!handoff) return;
    const priority = raisedPriority[handoff.priority];
    if (priority === handoff.priority) return;
    ctx.setHandoff({ ...handoff, priority });
    ctx.note(`Priority raised to ${priority}`);
  },
  reassign: async (ctx) => {
    const before = ctx.handoff();
    if (!before) return;
    const agentId = await escalation.pickAgent({ conversationId: ctx.conversationId, excludeAgentId: before.assigneeId });
    const current = ctx.handoff();
    if (!agentId || !current) return ctx.note("No other agent available to reassign to");
    ctx.setHandoff({ ...current, assigneeId: agentId });
    ctx.note("Reassigned after the SLA breach");
  },
  webhook: async (ctx, event) => {
    if (!ctx.sla.policy.webhookUrl) return;
    await escalation.postWebhook({
      url: ctx.sla.policy.webhookUrl,
      payload: {
        event: "sla.breached",
        conversationId: ctx.conversationId,
        clock: event.clock,
        at: new Date().toISOString(),
        team: ctx.handoff()?.team ?? null,
        priority: ctx.handoff()?.priority ?? null,
      },
    });
  },
} satisfies Record<BreachAction, Step>;

/**
 * Runs one rung of the escalation ladder: a warning notifies; a breach runs the policy's
 * actions. Each step's failure is noted in the transcript and does not stop the others or the
 * conversation.
 */
export async function escalate(ctx: EscalationContext, event: SlaEscalation): Promise<void> {
  const { policy } = ctx.sla;
  const label = clockLabels[event.clock];
  const message =
    event.level === "warning"
      ? `SLA warning: ${label} has used ${policy.warnAtPercent}% of its ${Math.round(policy.targets[event.clock] / 60_000)} min target`
      : `SLA breached: ${label} target of ${Math.round(policy.targets[event.clock] / 60_000)} min missed`;
  ctx.note(message);
  const actions: BreachAction[] = event.level === "warning" ? ["notify"] : policy.breachActions;
  for (const action of actions) {
    try {
      await steps[action](ctx, event, message);
    } catch (err) {
      ctx.note(`SLA ${action.replace("_", " ")} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
