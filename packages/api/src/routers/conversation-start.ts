import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { WithStartWorkflowOperation } from "@temporalio/client";
import { z } from "zod";
import { LruCache } from "@parley/ai";
import { CHANNELS, compileFlow, matchTrigger, nodeKinds, startChannels, validateFlow, type Channel, type CompiledFlow, type NodeConfig } from "@parley/flow";
import { CONVERSATION_WORKFLOW_TASK_TIMEOUT, openingUpdate, type ConversationInput, type TurnResult, type conversation as conversationWorkflow } from "@parley/workflows";
import { DEFAULT_SEND_DEADLINE_MS } from "@parley/workflows/client";
import type { ApiServices } from "../context";

/** Opening a conversation acts in one workspace: the caller's, or the flow's for a public start. */
type Context = ApiServices & { workspaceId: string };
import { toTrpcError } from "../temporal-errors";
import { rememberConversation } from "../conversation-access";
import { labelSchema } from "../inputs";
import { resolveContact, InvalidIdentityError, type ContactFacts } from "../contacts/resolve";
import { externalIdSchema, phoneNumberSchema } from "../contacts/schemas";

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

export interface PublishedFlow {
  flow: { id: string; name: string };
  versionId: string;
  /** The start node's config, defaults applied. */
  start: NodeConfig<"start">;
  /**
   * The version compiled, frozen into the conversation's start input. Absent when the graph does
   * not validate: the workflow then loads the version itself and fails with the reason.
   */
  compiled?: CompiledFlow;
}

/**
 * Flow names in alphabetical order (case-insensitive first, numbers by value), the same on every
 * engine: ORDER BY name compares bytes on SQLite ("B" before "a") and follows the server's locale
 * on PostgreSQL, and the order decides which flow answers a first message.
 */
const byName = new Intl.Collator("en", { numeric: true }).compare;

/** What a start needs of a published version: its start node's settings and its compiled graph. */
interface ReadVersion {
  start: NodeConfig<"start">;
  compiled?: CompiledFlow;
}

/**
 * Published versions read so far: a published version never changes (a database trigger refuses
 * it), so its graph is read, validated and compiled once, not on every conversation start. As
 * many as the worker keeps (activities' COMPILED_FLOWS_CACHED): a compiled flow of 500 nodes
 * weighs a few hundred KB.
 */
const readVersions = new LruCache<string, ReadVersion>(500);

/** The latest published version of each flow (or of one flow), with its start node's settings. */
export async function publishedFlows(ctx: Context, flowId?: string): Promise<PublishedFlow[]> {
  const flows = await ctx.db.flow.findMany({
    // A deleted flow starts nothing (its finished conversations stay readable; see Flow.deletedAt).
    where: { workspaceId: ctx.workspaceId, deletedAt: null, ...(flowId ? { id: flowId } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, versions: { where: { published: true }, orderBy: { version: "desc" }, take: 1, select: { id: true } } },
  });
  const unread = flows.flatMap((flow) => flow.versions).filter((version) => !readVersions.get(version.id));
  if (unread.length > 0) {
    const graphs = await ctx.db.flowVersion.findMany({ where: { id: { in: unread.map((version) => version.id) } }, select: { id: true, graph: true } });
    for (const { id, graph } of graphs) readVersions.set(id, readVersion(graph));
  }
  // A stable sort: flows of the same name stay oldest first.
  flows.sort((a, b) => byName(a.name, b.name));
  return flows.flatMap((flow) => {
    const read = flow.versions[0] && readVersions.get(flow.versions[0].id);
    if (!read) return [];
    return [{ flow: { id: flow.id, name: flow.name }, versionId: flow.versions[0]!.id, ...read }];
  });
}

/**
 * A stored graph's start node config (migrated, defaults applied; all channels if unreadable) and,
 * when it validates, its compiled form: the same validation and compilation as the worker's
 * `loadFlow`, so a conversation runs the same flow whichever of the two compiled it.
 */
function readVersion(graph: unknown): ReadVersion {
  const validation = validateFlow(graph);
  const node = validation.graph?.nodes.find((candidate) => candidate.kind === "start");
  const parsed = nodeKinds.start.config.safeParse(node?.config ?? {});
  const start = parsed.success ? parsed.data : nodeKinds.start.defaults;
  return validation.ok && validation.graph ? { start, compiled: compileFlow(validation.graph) } : { start };
}

export function allowsChannel(published: PublishedFlow, channel: Channel): boolean {
  return startChannels(published.start).includes(channel);
}

/** The first published flow (by name) whose start node allows the channel and whose trigger matches. */
export function flowForMessage(flows: readonly PublishedFlow[], channel: Channel, text: string): PublishedFlow | undefined {
  return flows.find((published) => allowsChannel(published, channel) && matchTrigger(published.start, text));
}

/**
 * Finds or makes the contact (resolveContact: a known email, phone, visitor or external id
 * joins the person's contact), writes the conversation row and starts the workflow; resolves
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
  await createConversationRows(ctx, id, published, channel, contact, workspaceChannelId);
  rememberConversation(id, ctx.workspaceId);
  const workflowInput: ConversationInput = {
    conversationId: id,
    flowVersionId: published.versionId,
    ...(published.compiled ? { flow: published.compiled } : {}),
    variables: contact?.name ? { contact_name: contact.name } : {},
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
    const opening = await ctx.temporal.connection.withDeadline(startDeadline(ctx), () =>
      ctx.temporal.workflow.executeUpdateWithStart(openingUpdate, { startWorkflowOperation }),
    );
    return { conversationId: id, opening };
  } catch (err) {
    await abandonOpening(ctx, id);
    throw toTrpcError(err);
  }
}

/** When a start (row written, Update-with-Start) gives up on Temporal: the caller hears 503 then. */
export const startDeadline = (ctx: ApiServices) => Date.now() + (ctx.conversationDeadlineMs ?? DEFAULT_SEND_DEADLINE_MS);

/**
 * The conversation row, on the contact its identities resolve to. A contact made for it is
 * removed again when the row cannot be written, so a failed start leaves no stray contact (best
 * effort: one that another start has joined meanwhile is kept, by its foreign key).
 */
async function createConversationRows(
  ctx: Context,
  id: string,
  published: PublishedFlow,
  channel: Channel,
  contact: ContactFacts | undefined,
  workspaceChannelId: string | undefined,
): Promise<void> {
  let resolved;
  try {
    resolved = await resolveContact(ctx.db, ctx.workspaceId, contact ?? {});
  } catch (err) {
    if (err instanceof InvalidIdentityError) throw new TRPCError({ code: "BAD_REQUEST", message: err.message, cause: err });
    throw err;
  }
  try {
    await ctx.db.conversation.create({
      data: {
        id,
        workflowId: id,
        channel,
        workspace: { connect: { id: ctx.workspaceId } },
        flowVersion: { connect: { id: published.versionId } },
        ...(workspaceChannelId ? { workspaceChannel: { connect: { id: workspaceChannelId } } } : {}),
        contact: { connect: { id: resolved.contactId } },
      },
      select: { id: true },
    });
  } catch (err) {
    if (resolved.created) await ctx.db.contact.delete({ where: { id: resolved.contactId }, select: { id: true } }).catch(() => undefined);
    // P2025: a connected record is gone, i.e. the version was deleted since it was looked up.
    if ((err as { code?: unknown }).code === "P2025") {
      throw new TRPCError({ code: "NOT_FOUND", message: `flow "${published.flow.name}" has no published version any more`, cause: err });
    }
    throw err;
  }
}

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
