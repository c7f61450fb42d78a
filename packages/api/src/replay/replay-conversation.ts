import type { CannedResponse } from "@parley/workflows";
import { sendCustomerMessage } from "@parley/workflows/client";
import { compareRuns, type Comparison, type ConversationRun } from "./compare";
import { conversationRun, type RecordedConversation } from "./recorded";
import { endTestConversation, startTestConversation, type WorkspaceContext, type compiledDraft } from "./test-conversations";

/** How long an ended test conversation may take to write its last steps before they are read. */
const SETTLE_MS = 10_000;

type Draft = Awaited<ReturnType<typeof compiledDraft>>;

/** One recorded conversation replayed on the draft: the verdict, or why it could not run. */
export interface ReplayOutcome {
  conversationId: string;
  version: number;
  createdAt: string;
  inputs: number;
  comparison: Comparison | null;
  error: string | null;
  durationMs: number;
}

/**
 * Sends the customer's messages, in order, to a new test conversation of the draft and reads back
 * what it did (path and replies); the draft's wait steps pass at once. The test conversation is
 * always closed afterwards.
 */
export async function runInputsOnDraft(
  ctx: WorkspaceContext,
  draft: Draft,
  inputs: string[],
  canned: Record<string, CannedResponse>,
  signal?: AbortSignal,
): Promise<ConversationRun> {
  // Nobody is there to skip the draft's waits, and a wait would swallow the inputs after it.
  const { conversationId, opening } = await startTestConversation(ctx, draft, canned, undefined, { skipWaits: true });
  try {
    const handle = ctx.temporal.workflow.getHandle(conversationId);
    let status = opening.status;
    for (const text of inputs) {
      signal?.throwIfAborted();
      // The draft ended or handed off before the customer said this: the path comparison shows it.
      if (status !== "active") break;
      status = (await sendCustomerMessage(handle, { text })).status;
    }
    if (status === "resolved" || status === "closed") {
      // The flow's last steps are written as it ends: wait for it, so the path read is complete.
      await Promise.race([handle.result().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, SETTLE_MS))]);
    }
    return await conversationRun(ctx.db, conversationId);
  } finally {
    await endTestConversation(ctx, conversationId, "the draft's test run is done with this test conversation");
  }
}

/** Replays one recorded conversation's customer inputs on the draft and compares path and replies with the original's. */
export async function replayConversation(ctx: WorkspaceContext, draft: Draft, recorded: RecordedConversation, signal: AbortSignal): Promise<ReplayOutcome> {
  const startedAt = Date.now();
  const outcome = { conversationId: recorded.id, version: recorded.version, createdAt: recorded.createdAt.toISOString(), inputs: recorded.inputs.length };
  try {
    const comparison = compareRuns(recorded, await runInputsOnDraft(ctx, draft, recorded.inputs, recorded.canned, signal));
    return { ...outcome, comparison, error: null, durationMs: Date.now() - startedAt };
  } catch (err) {
    if (signal.aborted) throw err;
    return { ...outcome, comparison: null, error: err instanceof Error ? err.message : String(err), durationMs: Date.now() - startedAt };
  }
}
