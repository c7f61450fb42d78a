import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { WithStartWorkflowOperation } from "@temporalio/client";
import { compileFlow, validateFlow, type Variables } from "@parley/flow";
import {
  CONVERSATION_WORKFLOW_TASK_TIMEOUT,
  openingUpdate,
  type CannedResponse,
  type ConversationInput,
  type TurnResult,
  type conversation as conversationWorkflow,
} from "@parley/workflows";
import { toTrpcError } from "../temporal-errors";
import { rememberConversation } from "../conversation-access";
import type { ApiServices } from "../context";
import { validationContext } from "../routers/flow-validation-context";
import { startDeadline } from "../routers/conversation-start";

/** The contact's name a test conversation starts with (the flow's {{contact_name}}). */
export const TEST_CONTACT_NAME = "Test contact";

export type WorkspaceContext = ApiServices & { workspaceId: string };

/**
 * The flow's draft, validated and compiled once: the simulator, the replay check and the saved
 * test cases all run this frozen copy, so editing the draft meanwhile never changes a running test.
 */
export async function compiledDraft(ctx: WorkspaceContext, flowId: string) {
  const draft = await ctx.db.flowVersion.findFirst({
    where: { flowId, published: false, flow: { workspaceId: ctx.workspaceId } },
    select: { id: true, graph: true },
  });
  if (!draft) throw new TRPCError({ code: "NOT_FOUND", message: `flow ${flowId} not found` });
  const validation = validateFlow(draft.graph, await validationContext(ctx.db, ctx.workspaceId, flowId));
  const firstError = validation.issues.find((issue) => issue.severity === "error");
  if (!validation.graph || firstError) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `the draft cannot run: ${firstError?.message ?? "it is not a valid flow"}` });
  }
  return { draftId: draft.id, flow: compileFlow(validation.graph) };
}

/** Where a test conversation begins when not at the start: a step, with the variables it had then. */
export interface TestStartPoint {
  startNodeId: string;
  variables: Variables;
}

/** How the tester talks to a test conversation: typing (web) or calling it (voice, through the gateway). */
export type TestChannel = "web" | "voice";

/**
 * Starts a test conversation of a compiled flow version (a draft, or the version a real
 * conversation is pinned to when re-running from one of its steps) and returns its opening turn.
 * `skipWaits`: the flow's wait steps pass at once (replays of recorded inputs; the simulator's
 * tester skips them by hand instead).
 */
export async function startTestConversation(
  ctx: WorkspaceContext,
  draft: Awaited<ReturnType<typeof compiledDraft>>,
  canned: Record<string, CannedResponse>,
  from?: TestStartPoint,
  { channel = "web", skipWaits = false }: { channel?: TestChannel; skipWaits?: boolean } = {},
): Promise<{ conversationId: string; opening: TurnResult }> {
  const conversationId = randomUUID();
  await createTestConversation(ctx, conversationId, draft.draftId, channel);
  const workflowInput: ConversationInput = {
    conversationId,
    flowVersionId: draft.draftId,
    variables: { contact_name: TEST_CONTACT_NAME, ...from?.variables },
    simulation: {
      flow: draft.flow,
      cannedResponses: canned,
      ...(from ? { startNodeId: from.startNodeId } : {}),
      ...(skipWaits ? { skipWaits } : {}),
    },
  };
  try {
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof conversationWorkflow>("conversation", {
      workflowId: conversationId,
      taskQueue: ctx.taskQueue,
      args: [workflowInput],
      workflowIdConflictPolicy: "FAIL",
      workflowTaskTimeout: CONVERSATION_WORKFLOW_TASK_TIMEOUT,
    });
    const opening = await ctx.temporal.connection.withDeadline(startDeadline(ctx), () =>
      ctx.temporal.workflow.executeUpdateWithStart(openingUpdate, { startWorkflowOperation }),
    );
    return { conversationId, opening };
  } catch (err) {
    await endTestConversation(ctx, conversationId);
    throw toTrpcError(err);
  }
}

async function createTestConversation(ctx: WorkspaceContext, id: string, draftId: string, channel: TestChannel): Promise<void> {
  const workspace = { connect: { id: ctx.workspaceId } };
  await ctx.db.conversation.create({
    data: {
      id,
      workflowId: id,
      test: true,
      channel,
      workspace,
      flowVersion: { connect: { id: draftId } },
      contact: { create: { workspace, name: TEST_CONTACT_NAME } },
    },
    select: { id: true },
  });
  rememberConversation(id, ctx.workspaceId);
}

/** Best effort, like abandoning a failed opening: the workflow may have ended already. */
export async function endTestConversation(ctx: ApiServices, id: string, reason = "the simulator stopped this test conversation"): Promise<void> {
  await ctx.temporal.workflow
    .getHandle(id)
    .terminate(reason)
    .catch(() => undefined);
  await ctx.db.conversation.update({ where: { id }, data: { status: "closed" }, select: { id: true } }).catch(() => undefined);
}

