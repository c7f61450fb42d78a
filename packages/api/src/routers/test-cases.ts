import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { asJson } from "@parley/db";
import type { CannedResponse } from "@parley/workflows";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { idSchema, labelSchema } from "../inputs";
import { findFlow } from "./flow-records";
import { cannedSchema } from "./simulator";
import { compiledDraft, type WorkspaceContext } from "../replay/test-conversations";
import { conversationRun } from "../replay/recorded";
import { runTestCase, runTestCases, type TestCase } from "../replay/test-cases";

/** A flow keeps at most this many cases: runAll runs them all on each call. */
const MAX_CASES_PER_FLOW = 100;
const MAX_INPUTS = 50;

const textsSchema = z.array(z.string().max(4000)).max(200);

type Row = { id: string; name: string; inputs: unknown; expectedReplies: unknown; expectedPath: unknown; canned: unknown; createdAt: Date };

const toCase = (row: Row): TestCase & { createdAt: string } => ({
  id: row.id,
  name: row.name,
  inputs: row.inputs as string[],
  expectedReplies: (row.expectedReplies as string[] | null) ?? null,
  expectedPath: (row.expectedPath as string[] | null) ?? null,
  canned: (row.canned as Record<string, CannedResponse> | null) ?? {},
  createdAt: row.createdAt.toISOString(),
});

async function casesOf(ctx: WorkspaceContext, flowId: string, id?: string) {
  await findFlow(ctx.db, ctx.workspaceId, flowId);
  const rows = await ctx.db.flowTestCase.findMany({ where: { flowId, ...(id ? { id } : {}) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toCase);
}

/** What a simulator session did: the customer's messages, the bot's replies and the path. */
async function recordedSession(ctx: WorkspaceContext, conversationId: string) {
  const conversation = await ctx.db.conversation.findFirst({
    where: { id: conversationId, workspaceId: ctx.workspaceId, test: true },
    select: { messages: { where: { author: "contact" }, orderBy: { seq: "asc" }, select: { text: true } } },
  });
  if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `test conversation ${conversationId} not found` });
  const run = await conversationRun(ctx.db, conversationId);
  return { inputs: conversation.messages.map((message) => message.text), expectedReplies: run.replies, expectedPath: run.path };
}

/**
 * A flow's saved test cases: customer messages and the replies and/or path the draft should give,
 * recorded from a simulator session or written by hand (CI). Running one starts a test
 * conversation of the draft per case and reports pass or the first difference.
 */
export const testCasesRouter = router({
  list: staffProcedure("flows:read")
    .input(z.object({ flowId: idSchema }))
    .query(({ ctx, input }) => casesOf(ctx, input.flowId)),

  create: staffProcedure("flows:manage")
    .input(
      z.object({
        flowId: idSchema,
        name: labelSchema("name", 120),
        /** Record the simulator's session: its customer messages, replies and path. */
        conversationId: idSchema.optional(),
        /** Or spell the case out (what CI does): at least the inputs, then what to check. */
        inputs: textsSchema.optional(),
        expectedReplies: textsSchema.nullable().optional(),
        expectedPath: z.array(z.string().max(100)).max(1000).nullable().optional(),
        canned: cannedSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { flow } = await findFlow(ctx.db, ctx.workspaceId, input.flowId);
      if ((await ctx.db.flowTestCase.count({ where: { flowId: flow.id } })) >= MAX_CASES_PER_FLOW) {
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: `a flow keeps at most ${MAX_CASES_PER_FLOW} test cases; delete one first` });
      }
      const recorded = input.conversationId
        ? await recordedSession(ctx, input.conversationId)
        : { inputs: input.inputs, expectedReplies: input.expectedReplies ?? null, expectedPath: input.expectedPath ?? null };
      if (!recorded.inputs) throw new TRPCError({ code: "BAD_REQUEST", message: "give the simulator's conversationId or the inputs" });
      if (recorded.inputs.length > MAX_INPUTS) throw new TRPCError({ code: "BAD_REQUEST", message: `a test case holds at most ${MAX_INPUTS} messages` });
      if (!recorded.expectedReplies && !recorded.expectedPath) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "say what to check: expectedReplies, expectedPath or both" });
      }
      const row = await ctx.db.flowTestCase.create({
        data: {
          flowId: flow.id,
          name: input.name,
          inputs: asJson(recorded.inputs),
          ...(recorded.expectedReplies ? { expectedReplies: asJson(recorded.expectedReplies) } : {}),
          ...(recorded.expectedPath ? { expectedPath: asJson(recorded.expectedPath) } : {}),
          ...(input.canned ? { canned: asJson(input.canned) } : {}),
          createdById: ctx.caller.kind === "user" ? ctx.caller.userId : null,
        },
      });
      return toCase(row);
    }),

  delete: staffProcedure("flows:manage")
    .input(z.object({ flowId: idSchema, id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      await findFlow(ctx.db, ctx.workspaceId, input.flowId);
      const deleted = await ctx.db.flowTestCase.deleteMany({ where: { id: input.id, flowId: input.flowId } });
      if (deleted.count === 0) throw new TRPCError({ code: "NOT_FOUND", message: `test case ${input.id} not found` });
      return { deleted: true };
    }),

  run: staffProcedure("flows:manage")
    .input(z.object({ flowId: idSchema, id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const [testCase] = await casesOf(ctx, input.flowId, input.id);
      if (!testCase) throw new TRPCError({ code: "NOT_FOUND", message: `test case ${input.id} not found` });
      return runTestCase(ctx, await compiledDraft(ctx, input.flowId), testCase);
    }),

  /** Every case of the flow on its draft; `passed` is true only when all pass (CI's exit status). */
  runAll: staffProcedure("flows:manage")
    .input(z.object({ flowId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const cases = await casesOf(ctx, input.flowId);
      const results = await runTestCases(ctx, await compiledDraft(ctx, input.flowId), cases);
      return { passed: results.every((result) => result.passed), total: results.length, failed: results.filter((result) => !result.passed).length, results };
    }),
});
