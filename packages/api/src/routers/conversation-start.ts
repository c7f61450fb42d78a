import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { WithStartWorkflowOperation } from "@temporalio/client";
import { z } from "zod";
import { CHANNELS, matchTrigger, nodeKinds, startChannels, validateFlow, type Channel, type NodeConfig } from "@parley/flow";
import { openingUpdate, type ConversationInput, type TurnResult, type conversation as conversationWorkflow } from "@parley/workflows";
import type { ApiContext as Context } from "../context";
import { toTrpcError } from "../temporal-errors";
import { labelSchema } from "../inputs";

/**
 * Opening conversations: on a flow chosen by id (`start`) or by the first message's trigger
 * (`startFromMessage`). Both check the channel against the flow's start node.
 */

export const channelSchema = z.enum(CHANNELS);

export const contactSchema = z.object({
  name: labelSchema("contact name", 120).optional(),
  email: z.email().max(254).optional(),
});

export interface PublishedFlow {
  flow: { id: string; name: string };
  versionId: string;
  /** The start node's config, defaults applied. */
  start: NodeConfig<"start">;
}

/** The latest published version of each flow (or of one flow), with its start node's settings. */
export async function publishedFlows(ctx: Context, flowId?: string): Promise<PublishedFlow[]> {
  const flows = await ctx.db.flow.findMany({
    where: { workspaceId: ctx.workspaceId, ...(flowId ? { id: flowId } : {}) },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    include: { versions: { where: { published: true }, orderBy: { version: "desc" }, take: 1 } },
  });
  return flows.flatMap((flow) => {
    const version = flow.versions[0];
    if (!version) return [];
    return [{ flow: { id: flow.id, name: flow.name }, versionId: version.id, start: startConfig(version.graph) }];
  });
}

/** The start node's config of a stored graph (migrated, defaults applied; all channels if unreadable). */
function startConfig(graph: unknown): NodeConfig<"start"> {
  const node = validateFlow(graph).graph?.nodes.find((candidate) => candidate.kind === "start");
  const parsed = nodeKinds.start.config.safeParse(node?.config ?? {});
  return parsed.success ? parsed.data : nodeKinds.start.defaults;
}

export function allowsChannel(published: PublishedFlow, channel: Channel): boolean {
  return startChannels(published.start).includes(channel);
}

/** The first published flow (by name) whose start node allows the channel and whose trigger matches. */
export function flowForMessage(flows: readonly PublishedFlow[], channel: Channel, text: string): PublishedFlow | undefined {
  return flows.find((published) => allowsChannel(published, channel) && matchTrigger(published.start, text));
}

/**
 * Creates the contact and conversation rows and starts the workflow; resolves with the bot's
 * opening. The conversation's id is its workflow id, so the inbox, the API and Temporal agree.
 */
export async function openConversation(
  ctx: Context,
  published: PublishedFlow,
  channel: Channel,
  contact: z.infer<typeof contactSchema> | undefined,
): Promise<{ conversationId: string; opening: TurnResult }> {
  const created = await ctx.db.contact.create({
    data: { workspaceId: ctx.workspaceId, name: contact?.name ?? null, email: contact?.email ?? null },
  });
  const id = randomUUID();
  await ctx.db.conversation.create({
    data: {
      id,
      workspaceId: ctx.workspaceId,
      contactId: created.id,
      flowVersionId: published.versionId,
      channel,
      workflowId: id,
    },
  });
  const workflowInput: ConversationInput = {
    conversationId: id,
    flowVersionId: published.versionId,
    variables: contact?.name ? { contact_name: contact.name } : {},
  };
  try {
    const opening = await ctx.temporal.workflow.executeUpdateWithStart(openingUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation<typeof conversationWorkflow>("conversation", {
        workflowId: id,
        taskQueue: ctx.taskQueue,
        args: [workflowInput],
        workflowIdConflictPolicy: "FAIL",
      }),
    });
    return { conversationId: id, opening };
  } catch (err) {
    // Nothing started: mark the row so the inbox does not show a live conversation.
    await ctx.db.conversation.update({ where: { id }, data: { status: "closed" } });
    throw toTrpcError(err);
  }
}

export function channelNotAllowed(published: PublishedFlow, channel: Channel): TRPCError {
  const allowed = startChannels(published.start);
  return new TRPCError({
    code: "BAD_REQUEST",
    message: `flow "${published.flow.name}" does not start on the ${channel} channel; its start node allows ${allowed.join(", ")}`,
  });
}
