import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { WithStartWorkflowOperation } from "@temporalio/client";
import { z } from "zod";
import { CHANNELS, matchTrigger, startChannels, type Channel } from "@parley/flow";
import { CONVERSATION_WORKFLOW_TASK_TIMEOUT, openingUpdate, type ConversationInput, type TurnResult, type conversation as conversationWorkflow } from "@parley/workflows";
import { DEFAULT_SEND_DEADLINE_MS } from "@parley/workflows/client";
import type { ApiServices } from "../context";

/** Opening a conversation acts in one workspace: the caller's, or the flow's for a public start. */
type Context = ApiServices & { workspaceId: string };
import { turnStore } from "../turn-store";
import { toTrpcError } from "../temporal-errors";
import { rememberConversation } from "../conversation-access";
import { labelSchema } from "../inputs";
import type { ContactFacts } from "../contacts/resolve";
import { writeStartRows } from "./start-rows";
import { externalIdSchema, phoneNumberSchema } from "../contacts/schemas";
import { cachedVersion, flowToStart, readUnreadVersions, type PublishedFlow } from "./published-flow";

/**
 * Opening conversations: on a flow chosen by id (`start`) or by the first message's trigger
 * (`startFromMessage`). Both check the channel against the flow's start node.
 */

export const channelSchema = z.enum(CHANNELS);

/** Who writes, as a start names them: their identities link the conversation to their contact (contacts/resolve.ts). */
export const contactSchema = z.object({
  name: labelSchema("contact name", 120).optional(),
  email: z.email().max(254).optional(),
  phone: phoneNumberSchema.optional(),
  externalId: externalIdSchema.optional(),
});

export type { PublishedFlow } from "./published-flow";

/**
 * Flow names in alphabetical order (case-insensitive first, numbers by value), the same on every
 * engine: ORDER BY name compares bytes on SQLite ("B" before "a") and follows the server's locale
 * on PostgreSQL, and the order decides which flow answers a first message.
 */
const byName = new Intl.Collator("en", { numeric: true }).compare;

/** The latest published version of each flow (or of one flow), with its start node's settings. */
export async function publishedFlows(ctx: Context, flowId?: string): Promise<PublishedFlow[]> {
  if (flowId !== undefined) {
    // One flow (a channel's): the start's one-statement read (published-flow.ts).
    const found = await flowToStart(ctx.db, flowId, ctx.workspaceId);
    return found?.published ? [found.published] : [];
  }
  const flows = await ctx.db.flow.findMany({
    // A deleted flow starts nothing (its finished conversations stay readable; see Flow.deletedAt).
    where: { workspaceId: ctx.workspaceId, deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, versions: { where: { published: true }, orderBy: { version: "desc" }, take: 1, select: { id: true } } },
  });
  await readUnreadVersions(
    ctx.db,
    flows.flatMap((flow) => flow.versions.map((version) => version.id)),
  );
  // A stable sort: flows of the same name stay oldest first.
  flows.sort((a, b) => byName(a.name, b.name));
  return flows.flatMap((flow) => {
    const read = flow.versions[0] && cachedVersion(flow.versions[0].id);
    if (!read) return [];
    return [{ flow: { id: flow.id, name: flow.name }, versionId: flow.versions[0]!.id, ...read }];
  });
}

export function allowsChannel(published: PublishedFlow, channel: Channel): boolean {
  return startChannels(published.start).includes(channel);
}

/** The first published flow (by name) whose start node allows the channel and whose trigger matches. */
export function flowForMessage(flows: readonly PublishedFlow[], channel: Channel, text: string): PublishedFlow | undefined {
  return flows.find((published) => allowsChannel(published, channel) && matchTrigger(published.start, text));
}

/**
 * Finds or makes the contact (a known email, phone, visitor or external id joins the person's
 * contact) and writes the conversation row (start-rows.ts), then starts the workflow; resolves
 * with the bot's opening. The conversation's id is its workflow id, so the inbox, the API and
 * Temporal agree.
 *
 * The row is written before anything starts (a failed write starts nothing), and when the start
 * or the opening fails the workflow is terminated and the row closed (see abandonOpening).
 */
export async function openConversation(
  ctx: Context,
  published: PublishedFlow,
  channel: Channel,
  contact: ContactFacts | undefined,
  /** The configured channel (a web widget, an email address) it comes through, if any. */
  workspaceChannelId?: string,
): Promise<{ conversationId: string; opening: TurnResult }> {
  const id = randomUUID();
  await writeStartRows(
    ctx.db,
    { conversationId: id, workspaceId: ctx.workspaceId, versionId: published.versionId, flowName: published.flow.name, channel, workspaceChannelId },
    contact ?? {},
  );
  rememberConversation(id, ctx.workspaceId);
  const workflowInput: ConversationInput = {
    conversationId: id,
    flowVersionId: published.versionId,
    ...(published.compiled ? { flow: published.compiled } : {}),
    variables: contact?.name ? { contact_name: contact.name } : {},
    // The opening's rows come back with it and are stored here, before the caller hears the opening.
    openingStoredBy: "caller",
  };
  try {
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof conversationWorkflow>("conversation", {
      workflowId: id,
      taskQueue: ctx.taskQueue,
      args: [workflowInput],
      workflowIdConflictPolicy: "FAIL",
      workflowTaskTimeout: CONVERSATION_WORKFLOW_TASK_TIMEOUT,
    });
    // Bounded: with no worker polling, the client would ask the server for the opening for ever.
    const { toStore, ...opening } = await ctx.temporal.connection.withDeadline(startDeadline(ctx), () =>
      ctx.temporal.workflow.executeUpdateWithStart(openingUpdate, { startWorkflowOperation }),
    );
    if (toStore) await turnStore(ctx.db)(toStore);
    return { conversationId: id, opening };
  } catch (err) {
    await abandonOpening(ctx, id);
    throw toTrpcError(err);
  }
}

/** When a start (row written, Update-with-Start) gives up on Temporal: the caller hears 503 then. */
export const startDeadline = (ctx: ApiServices) => Date.now() + (ctx.conversationDeadlineMs ?? DEFAULT_SEND_DEADLINE_MS);

/**
 * The start or the opening failed and the caller is told so: the workflow may exist anyway (the
 * start succeeded but the opening update failed or timed out), so it is terminated, and the row
 * is closed so the inbox shows no live conversation. Both are best effort (terminating a
 * workflow that never started fails, and Temporal or the database may be what failed): the
 * caller must get the original error, not one from the clean-up.
 */
async function abandonOpening(ctx: Context, id: string): Promise<void> {
  await ctx.temporal.workflow
    .getHandle(id)
    .terminate("the conversation's opening failed")
    .catch(() => undefined);
  await ctx.db.conversation.update({ where: { id }, data: { status: "closed" }, select: { id: true } }).catch(() => undefined);
}

export function channelNotAllowed(published: PublishedFlow, channel: Channel): TRPCError {
  const allowed = startChannels(published.start);
  return new TRPCError({
    code: "BAD_REQUEST",
    message: `flow "${published.flow.name}" does not start on the ${channel} channel; its start node allows ${allowed.join(", ")}`,
  });
}
