import { normalizeCompiledFlow, type CompiledFlow } from "@parley/flow/runtime";
import { persistence } from "./activity-proxies";
import { failureMessage, rethrowCancellation } from "./step-failures";

/** Subflows calling subflows: deeper than this is almost surely a loop between flows. */
export const MAX_SUBFLOW_DEPTH = 5;

/** A subflow node cannot run its flow (not found, not published, invalid, nested too deep): its `failed` exit. */
export class SubflowUnavailable extends Error {}

/**
 * The flow versions a conversation's subflow nodes run. The first run of a subflow node loads the
 * latest published version of its flow through an activity (so the choice is in history) and pins
 * it: later runs in this conversation, also after a continue-as-new (the pins are part of the
 * checkpoint), use the same version, as the conversation's own flow does.
 */
export class SubflowVersions {
  private readonly loaded = new Map<string, CompiledFlow>();

  constructor(private readonly pinned: Record<string, string> = {}) {}

  /** The pins to carry into a continued run; undefined when there are none (old checkpoints stay as they were). */
  get checkpoint(): Record<string, string> | undefined {
    return Object.keys(this.pinned).length > 0 ? { ...this.pinned } : undefined;
  }

  async load(conversationId: string, flowId: string): Promise<CompiledFlow> {
    const cached = this.loaded.get(flowId);
    if (cached) return cached;
    try {
      const flowVersionId = Object.hasOwn(this.pinned, flowId) ? this.pinned[flowId] : undefined;
      const result = await persistence.loadSubflow({ conversationId, flowId, ...(flowVersionId ? { flowVersionId } : {}) });
      this.pinned[flowId] = result.flowVersionId;
      const flow = normalizeCompiledFlow(result.flow);
      this.loaded.set(flowId, flow);
      return flow;
    } catch (err) {
      rethrowCancellation(err);
      throw new SubflowUnavailable(failureMessage(err));
    }
  }
}
