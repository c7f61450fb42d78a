import type { Db } from "@parley/db";
import { nodeKinds, type NodeConfig } from "@parley/flow";

export interface WorkspaceSlaInput {
  conversationId: string;
  team: string;
  priority: string;
}

const listOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);
/** An empty list matches anything. */
const allows = (list: unknown, value: string) => listOf(list).length === 0 || listOf(list).includes(value);

/**
 * The workspace SLA policy for a handoff whose flow set none: the first enabled policy (by
 * position) whose teams, priorities and channels match the conversation; null if none does. Its
 * config is the SLA node's, read through the node's own schema (a policy that no longer parses
 * is passed over).
 */
export function createSlaPolicyActivities(deps: { db: Db }) {
  return {
    async workspaceSlaPolicy(input: WorkspaceSlaInput): Promise<NodeConfig<"sla_policy"> | null> {
      const conversation = await deps.db.conversation.findUnique({ where: { id: input.conversationId }, select: { workspaceId: true, channel: true } });
      if (!conversation) return null;
      const policies = await deps.db.slaPolicy.findMany({ where: { workspaceId: conversation.workspaceId, enabled: true }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
      for (const policy of policies) {
        if (!allows(policy.teams, input.team) || !allows(policy.priorities, input.priority) || !allows(policy.channels, conversation.channel)) continue;
        const config = nodeKinds.sla_policy.config.safeParse(policy.config);
        if (config.success) return config.data;
      }
      return null;
    },
  };
}
