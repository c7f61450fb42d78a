import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { WithStartWorkflowOperation } from "@temporalio/client";
import { z } from "zod";
import { compileFlow, validateFlow, type Variables } from "@parley/flow";
import {
  CONVERSATION_WORKFLOW_TASK_TIMEOUT,
  openingUpdate,
  skipWaitSignal,
  type CannedResponse,
  type ConversationInput,
  type NodeRunDetail,
  type conversation as conversationWorkflow,
} from "@parley/workflows";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { idSchema } from "../inputs";
import { toTrpcError } from "../temporal-errors";
import { rememberConversation } from "../conversation-access";
import type { ApiServices } from "../context";
import { validationContext } from "./flow-validation-context";
import { runNumber } from "./conversation-path";

/** Canned answers by node id: an HTTP status and body, or a custom activity's output. */
const cannedSchema = z.record(
  z.string().min(1).max(100),
  z.union([
    z.object({ status: z.number().int().min(100).max(599), body: z.unknown() }),
    z.object({ output: z.record(z.string(), z.unknown()) }),
  ]),
);

/** A tester's canned answers travel through the workflow's history: kept small. */
const MAX_CANNED_BYTES = 64 * 1024;

/** The contact's name a test conversation starts with (the flow's {{contact_name}}). */
const TEST_CONTACT_NAME = "Test contact";

type Context = ApiServices & { workspaceId: string };

/**
 * The flow editor's simulator: runs the draft as a real conversation workflow in test mode. A
 * test conversation is flagged `test` (kept out of the inbox, its counts and notifications), runs
 * a frozen copy of the draft carried in its start input, may answer HTTP and custom-activity steps
 * from canned responses, and its waits can be skipped. The tester chats through the customer
 * procedures with the token `start` returns. Allowed to whoever may edit the draft.
 */
export const simulatorRouter = router({
  start: staffProcedure("flows:manage")
    .input(z.object({ flowId: idSchema, canned: cannedSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      const canned = input.canned ?? {};
      if (JSON.stringify(canned).length > MAX_CANNED_BYTES) {
        throw new TRPCError({ code: "BAD_REQUEST", message: `canned responses are limited to ${MAX_CANNED_BYTES / 1024} KB` });
      }
      const draft = await ctx.db.flowVersion.findFirst({
        where: { flowId: input.flowId, published: false, flow: { workspaceId: ctx.workspaceId } },
        select: { id: true, graph: true },
      });
      if (!draft) throw new TRPCError({ code: "NOT_FOUND", message: `flow ${input.flowId} not found` });
      const validation = validateFlow(draft.graph, await validationContext(ctx.db, ctx.workspaceId, input.flowId));
      const firstError = validation.issues.find((issue) => issue.severity === "error");
      if (!validation.graph || firstError) {
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: `the draft cannot run: ${firstError?.message ?? "it is not a valid flow"}` });
      }
      return startTestConversation(ctx, draft.id, {
        variables: { contact_name: TEST_CONTACT_NAME },
        simulation: { flow: compileFlow(validation.graph), cannedResponses: canned as Record<string, CannedResponse> },
      });
    }),

  /**
   * "Re-run from this step" on a conversation's path: a test conversation of the version the
   * conversation is pinned to that begins at the step's node with the variables the conversation
   * had when it got there (those after the step before, as the workflow recorded them).
   */
  rerun: staffProcedure("flows:manage")
    .input(z.object({ conversationId: idSchema, nodeRunId: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const conversation = await ctx.db.conversation.findFirst({
        where: { id: input.conversationId, workspaceId: ctx.workspaceId },
        select: { flowVersion: { select: { id: true, flowId: true, graph: true } }, nodeRuns: { select: { id: true, nodeId: true, detail: true } } },
      });
      const runs = (conversation?.nodeRuns ?? []).sort((a, b) => runNumber(a.id) - runNumber(b.id));
      const at = runs.findIndex((run) => run.id === input.nodeRunId);
      if (!conversation || at < 0) throw new TRPCError({ code: "NOT_FOUND", message: `step ${input.nodeRunId} of conversation ${input.conversationId} not found` });
      const step = runs[at]!;
      if (step.nodeId.includes("/")) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "a step inside a subflow cannot be re-run on its own: re-run the subflow's step" });
      }
      const { flowVersion } = conversation;
      const validation = validateFlow(flowVersion.graph, await validationContext(ctx.db, ctx.workspaceId, flowVersion.flowId));
      if (!validation.graph || !validation.graph.nodes.some((node) => node.id === step.nodeId)) {
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: "this version of the flow can no longer run" });
      }
      return startTestConversation(ctx, flowVersion.id, {
        variables: { contact_name: TEST_CONTACT_NAME, ...variablesBefore(runs, at) },
        simulation: { flow: compileFlow(validation.graph), startNodeId: step.nodeId },
      });
    }),

  /** Ends the test conversation's current wait (a wait node, an idle timeout, else the next SLA timer). */
  skip: staffProcedure("flows:manage")
    .input(z.object({ conversationId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      await findTestConversation(ctx, input.conversationId);
      try {
        await ctx.temporal.workflow.getHandle(input.conversationId).signal(skipWaitSignal);
      } catch (err) {
        throw toTrpcError(err);
      }
      return { skipped: true };
    }),

  /** Stops a test conversation (Restart, closing the panel): its workflow ends and its row closes. */
  stop: staffProcedure("flows:manage")
    .input(z.object({ conversationId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      await findTestConversation(ctx, input.conversationId);
      await endTestConversation(ctx, input.conversationId);
      return { stopped: true };
    }),

  /** The path so far: each step with its outcome and (test conversations only) what it saw and did. */
  trace: staffProcedure("flows:manage")
    .input(z.object({ conversationId: idSchema }))
    .query(async ({ ctx, input }) => {
      const conversation = await findTestConversation(ctx, input.conversationId);
      const runs = await ctx.db.nodeRun.findMany({
        where: { conversationId: conversation.id },
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      });
      // Ids are `<conversation>-n<count>`: the count orders steps that started in the same millisecond.
      runs.sort((a, b) => runNumber(a.id) - runNumber(b.id));
      return {
        status: conversation.status,
        variables: (conversation.variables as Variables | null) ?? {},
        steps: runs.map((run) => ({
          id: run.id,
          nodeId: run.nodeId,
          kind: run.kind,
          outcome: run.outcome,
          error: run.error,
          startedAt: run.startedAt.toISOString(),
          finishedAt: run.finishedAt?.toISOString() ?? null,
          detail: (run.detail as NodeRunDetail | null) ?? null,
        })),
      };
    }),
});

/** The variables recorded after the last step of the conversation's own flow before step `at`. */
function variablesBefore(runs: { nodeId: string; detail: unknown }[], at: number): Variables {
  for (let i = at - 1; i >= 0; i--) {
    const variables = (runs[i]!.detail as NodeRunDetail | null)?.variables;
    if (!runs[i]!.nodeId.includes("/") && variables) return variables;
  }
  return {};
}

/** Starts a test conversation of `versionId` and returns its opening and the tester's token. */
async function startTestConversation(ctx: Context, versionId: string, start: Pick<ConversationInput, "variables" | "simulation">) {
  const conversationId = randomUUID();
  await createTestConversation(ctx, conversationId, versionId);
  const workflowInput: ConversationInput = { conversationId, flowVersionId: versionId, ...start };
  try {
    const opening = await ctx.temporal.workflow.executeUpdateWithStart(openingUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation<typeof conversationWorkflow>("conversation", {
        workflowId: conversationId,
        taskQueue: ctx.taskQueue,
        args: [workflowInput],
        workflowIdConflictPolicy: "FAIL",
        workflowTaskTimeout: CONVERSATION_WORKFLOW_TASK_TIMEOUT,
      }),
    });
    const { token, expiresAt } = await ctx.tokens.issue({ conversationId, workspaceId: ctx.workspaceId });
    return { conversationId, status: opening.status, replies: opening.replies, token, tokenExpiresAt: expiresAt.toISOString() };
  } catch (err) {
    await endTestConversation(ctx, conversationId);
    throw toTrpcError(err);
  }
}

async function createTestConversation(ctx: Context, id: string, versionId: string): Promise<void> {
  const workspace = { connect: { id: ctx.workspaceId } };
  await ctx.db.conversation.create({
    data: {
      id,
      workflowId: id,
      test: true,
      workspace,
      flowVersion: { connect: { id: versionId } },
      contact: { create: { workspace, name: TEST_CONTACT_NAME } },
    },
    select: { id: true },
  });
  rememberConversation(id, ctx.workspaceId);
}

/** A test conversation of the caller's workspace, or NOT_FOUND (a real one is never the simulator's). */
async function findTestConversation(ctx: Context, id: string) {
  const conversation = await ctx.db.conversation.findFirst({
    where: { id, workspaceId: ctx.workspaceId, test: true },
    select: { id: true, status: true, variables: true },
  });
  if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `test conversation ${id} not found` });
  return conversation;
}

/** Best effort, like abandoning a failed opening: the workflow may have ended already. */
async function endTestConversation(ctx: Context, id: string): Promise<void> {
  await ctx.temporal.workflow
    .getHandle(id)
    .terminate("the simulator stopped this test conversation")
    .catch(() => undefined);
  await ctx.db.conversation.update({ where: { id }, data: { status: "closed" }, select: { id: true } }).catch(() => undefined);
}
