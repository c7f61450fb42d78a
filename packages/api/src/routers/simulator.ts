import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { compileFlow, startChannels, validateFlow, type CompiledFlow, type Variables } from "@parley/flow";
import { skipWaitSignal, type CannedResponse, type NodeRunDetail, type TurnResult } from "@parley/workflows";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { idSchema } from "../inputs";
import { toTrpcError } from "../temporal-errors";
import { compiledDraft, endTestConversation, startTestConversation, type TestChannel, type WorkspaceContext } from "../replay/test-conversations";
import { runNumber } from "../node-run-order";
import { validationContext } from "./flow-validation-context";

/** Canned answers by node id: an HTTP status and body, or a custom activity's output. */
export const cannedSchema = z.record(
  z.string().min(1).max(100),
  z.union([
    z.object({ status: z.number().int().min(100).max(599), body: z.unknown() }),
    z.object({ output: z.record(z.string(), z.unknown()) }),
  ]),
);

/** A tester's canned answers travel through the workflow's history: kept small. */
const MAX_CANNED_BYTES = 64 * 1024;


/**
 * The flow editor's simulator: runs the draft as a real conversation workflow in test mode. A
 * test conversation is flagged `test` (kept out of the inbox, its counts and notifications), runs
 * a frozen copy of the draft carried in its start input, may answer HTTP and custom-activity steps
 * from canned responses, and its waits can be skipped. The tester chats through the customer
 * procedures with the token `start` returns. Allowed to whoever may edit the draft.
 */
export const simulatorRouter = router({
  start: staffProcedure("flows:manage")
    .input(
      z.object({
        flowId: idSchema,
        canned: cannedSchema.optional(),
        /** `voice`: the tester calls the draft; the conversation then talks through the voice gateway. */
        channel: z.enum(["web", "voice"]).default("web"),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const canned = input.canned ?? {};
      if (JSON.stringify(canned).length > MAX_CANNED_BYTES) {
        throw new TRPCError({ code: "BAD_REQUEST", message: `canned responses are limited to ${MAX_CANNED_BYTES / 1024} KB` });
      }
      const draft = await compiledDraft(ctx, input.flowId);
      refuseChannelTheDraftDoesNotTake(draft.flow, input.channel);
      const { conversationId, opening } = await startTestConversation(ctx, draft, canned as Record<string, CannedResponse>, undefined, { channel: input.channel });
      return openedTest(ctx, conversationId, opening);
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
      const version = { draftId: flowVersion.id, flow: compileFlow(validation.graph) };
      const { conversationId, opening } = await startTestConversation(ctx, version, {}, { startNodeId: step.nodeId, variables: variablesBefore(runs, at) });
      return openedTest(ctx, conversationId, opening);
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

/** A test behaves as a real conversation would: a draft whose Start step takes no calls cannot be called. */
function refuseChannelTheDraftDoesNotTake(flow: CompiledFlow, channel: TestChannel): void {
  const start = flow.nodes[flow.startNodeId];
  const configured = start?.kind === "start" ? start.config.channels : undefined;
  const channels = typeof configured === "string" ? startChannels({ channels: configured }) : [];
  if (!channels.includes(channel)) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `the draft's Start step does not take the ${channel} channel; add it to the Start step's channels to test it`,
    });
  }
}

/** A test conversation of the caller's workspace, or NOT_FOUND (a real one is never the simulator's). */
async function findTestConversation(ctx: WorkspaceContext, id: string) {
  const conversation = await ctx.db.conversation.findFirst({
    where: { id, workspaceId: ctx.workspaceId, test: true },
    select: { id: true, status: true, variables: true },
  });
  if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `test conversation ${id} not found` });
  return conversation;
}

/** The variables recorded after the last step of the conversation's own flow before step `at`. */
function variablesBefore(runs: { nodeId: string; detail: unknown }[], at: number): Variables {
  for (let i = at - 1; i >= 0; i--) {
    const variables = (runs[i]!.detail as NodeRunDetail | null)?.variables;
    if (!runs[i]!.nodeId.includes("/") && variables) return variables;
  }
  return {};
}

/** What the panel needs to chat with a test conversation: its opening and the tester's token. */
async function openedTest(ctx: WorkspaceContext, conversationId: string, opening: TurnResult) {
  const { token, expiresAt } = await ctx.tokens.issue({ conversationId, workspaceId: ctx.workspaceId });
  return { conversationId, status: opening.status, replies: opening.replies, token, tokenExpiresAt: expiresAt.toISOString() };
}
