import { sendCustomerMessage } from "@parley/workflows/client";
import { compareRuns, type Comparison } from "./compare";
import { conversationRun, type RecordedConversation } from "./recorded";
import { endTestConversation, startTestConversation, type WorkspaceContext, type compiledDraft } from "./test-conversations";

/** How long an ended test conversation may take to write its last steps before they are read. */
const SETTLE_MS = 10_000;

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
 * Replays one recorded conversation's customer inputs on the draft as a test conversation and
 * compares the path and replies with the original's. The test conversation is always closed.
 */
export async function replayConversation(
  ctx: WorkspaceContext,
  draft: Awaited<ReturnType<typeof compiledDraft>>,
  recorded: RecordedConversation,
  signal: AbortSignal,
): Promise<ReplayOutcome> {
  const startedAt = Date.now();
  const outcome = { conversationId: recorded.id, version: recorded.version, createdAt: recorded.createdAt.toISOString(), inputs: recorded.inputs.length };
  let testId: string | null = null;
  try {
    const { conversationId, opening } = await startTestConversation(ctx, draft, recorded.canned);
    testId = conversationId;
    const handle = ctx.temporal.workflow.getHandle(conversationId);
    let status = opening.status;
    for (const text of recorded.inputs) {
      signal.throwIfAborted();
      // The draft ended or handed off before the customer said this: the path comparison shows it.
      if (status !== "active") break;
      status = (await sendCustomerMessage(handle, { text })).status;
    }
    if (status === "resolved" || status === "closed") {
      // The flow's last steps are written as it ends: wait for it, so the path read is complete.
      await Promise.race([handle.result().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, SETTLE_MS))]);
    }
    const comparison = compareRuns(recorded, await conversationRun(ctx.db, conversationId));
    return { ...outcome, comparison, error: null, durationMs: Date.now() - startedAt };
  } catch (err) {
    if (signal.aborted) throw err;
    return { ...outcome, comparison: null, error: err instanceof Error ? err.message : String(err), durationMs: Date.now() - startedAt };
  } finally {
    if (testId) await endTestConversation(ctx, testId, "the replay check is done with this test conversation");
  }
}
