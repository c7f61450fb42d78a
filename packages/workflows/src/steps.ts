import { renderTemplate, type NodeConfig, type NodeKind, type FlowNode } from "@parley/flow";
import type { ConversationStatus } from "./contracts";

/** What the interpreter offers a step: speak, wait for the customer, read and write variables. */
export interface StepContext {
  variables: Record<string, string>;
  say(text: string): void;
  /**
   * True once for the node a continued run resumes at: it asked its question in the previous
   * run and now only waits for the answer.
   */
  alreadyAsked(nodeId: string): boolean;
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
    if (!ctx.alreadyAsked(node.id)) ctx.say(renderTemplate(config.question, ctx.variables));
    ctx.variables[config.variable] = await ctx.waitForCustomer();
    return { port: "answered" };
  },

  end: async (config) => ({ end: config.status }),
} satisfies { [K in NodeKind]: Step<K> };

export function runStep(node: FlowNode, ctx: StepContext): Promise<StepResult> {
  const step = steps[node.kind as NodeKind] as Step<NodeKind>;
  return step(node.config as NodeConfig<NodeKind>, ctx, node);
}
