import { renderTemplate, slaPolicyFromConfig, type NodeConfig, type NodeKind, type FlowNode, type SlaPolicy } from "@parley/flow";
import type { ConversationStatus, Priority } from "./contracts";

/** What the interpreter offers a step: speak, wait for the customer, read and write variables. */
export interface StepContext {
  variables: Record<string, string>;
  say(text: string): void;
  /**
   * True once for the node a continued run resumes at: it already spoke in the previous run
   * (asked its question, announced the handoff) and now only waits.
   */
  resuming(nodeId: string): boolean;
  /** Puts the conversation in a team's queue; the bot stays quiet until an agent is done. */
  startHandoff(handoff: { team: string; skills: string[]; priority: Priority; note: string }): void;
  /** Attaches an SLA policy; its clocks run while a person has the conversation. */
  attachSla(policy: SlaPolicy): void;
  /** Resolves when the agent resolves the conversation or hands it back to the bot. */
  waitForAgent(): Promise<"resolved" | "returned">;
  /** Resolves with the customer's next message (the conversation is idle until then). */
  waitForCustomer(): Promise<string>;
}

/** Where to go next: an output port of the node, or the end of the conversation. */
export type StepResult = { port: string } | { end: Exclude<ConversationStatus, "active"> };

type Step<K extends NodeKind> = (config: NodeConfig<K>, ctx: StepContext, node: FlowNode) => Promise<StepResult>;

/**
 * One step per node kind. `satisfies Record<NodeKind, ...>` makes a kind added to
 * @parley/flow without a step here a compile error.
 */
export const steps = {
  start: async () => ({ port: "next" }),

  message: async (config, ctx) => {
    ctx.say(renderTemplate(config.text, ctx.variables));
    return { port: "next" };
  },

  ask: async (config, ctx, node) => {
    if (!ctx.resuming(node.id)) ctx.say(renderTemplate(config.question, ctx.variables));
    ctx.variables[config.variable] = await ctx.waitForCustomer();
    return { port: "answered" };
  },

  sla_policy: async (config, ctx) => {
    ctx.attachSla(slaPolicyFromConfig(config));
    return { port: "next" };
  },

  handoff: async (config, ctx, node) => {
    if (!ctx.resuming(node.id)) {
      const message = renderTemplate(config.message, ctx.variables).trim();
      if (message) ctx.say(message);
      ctx.startHandoff({
        team: config.team,
        skills: config.skills.split(",").map((skill) => skill.trim()).filter(Boolean),
        priority: config.priority,
        note: renderTemplate(config.summary, ctx.variables).trim(),
      });
    }
    return { port: await ctx.waitForAgent() };
  },

  end: async (config) => ({ end: config.status }),
} satisfies { [K in NodeKind]: Step<K> };

export function runStep(node: FlowNode, ctx: StepContext): Promise<StepResult> {
  const step = steps[node.kind as NodeKind] as Step<NodeKind>;
  return step(node.config as NodeConfig<NodeKind>, ctx, node);
}
