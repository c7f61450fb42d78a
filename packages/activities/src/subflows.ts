import { ApplicationFailure } from "@temporalio/common";
import type { CompiledFlow } from "@parley/flow";
import type { Db } from "@parley/db";
import { createPersistenceActivities } from "./persistence";
import { FailureType } from "./types";

export interface SubflowDeps {
  db: Db;
}

export interface LoadSubflowInput {
  /** The calling conversation: the subflow must belong to its workspace. */
  conversationId: string;
  flowId: string;
  /** The version pinned earlier in this conversation; absent on first use (then: the latest published). */
  flowVersionId?: string;
}

export interface LoadedSubflow {
  flowVersionId: string;
  version: number;
  flow: CompiledFlow;
}

/** Loading the flow a subflow node calls. The result is recorded in history: that is the pin. */
export function createSubflowActivities({ db }: SubflowDeps) {
  const { loadFlow } = createPersistenceActivities({ db });
  return {
    async loadSubflow(input: LoadSubflowInput): Promise<LoadedSubflow> {
      const conversation = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { workspaceId: true } });
      if (!conversation) {
        throw ApplicationFailure.nonRetryable(`conversation ${input.conversationId} not found`, FailureType.ConversationNotFound);
      }
      const flow = await db.flow.findFirst({ where: { id: input.flowId, workspaceId: conversation.workspaceId }, select: { name: true } });
      if (!flow) throw ApplicationFailure.nonRetryable(`flow ${input.flowId} not found`, FailureType.FlowVersionNotFound);
      const version = await db.flowVersion.findFirst({
        where: input.flowVersionId
          ? { id: input.flowVersionId, flowId: input.flowId }
          : { flowId: input.flowId, published: true },
        orderBy: { version: "desc" },
        select: { id: true, version: true },
      });
      if (!version) {
        throw input.flowVersionId
          ? ApplicationFailure.nonRetryable(`version ${input.flowVersionId} of flow "${flow.name}" not found`, FailureType.FlowVersionNotFound)
          : ApplicationFailure.nonRetryable(`flow "${flow.name}" has no published version`, FailureType.FlowVersionNotPublished);
      }
      return { flowVersionId: version.id, version: version.version, flow: await loadFlow(version.id) };
    },
  };
}
