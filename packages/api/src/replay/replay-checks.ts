import { randomUUID } from "node:crypto";
import { recordedConversations } from "./recorded";
import { replayConversation, type ReplayOutcome } from "./replay-conversation";
import { compiledDraft, type WorkspaceContext } from "./test-conversations";

/** Replays running at once per check: each is a few workflow updates, mostly waiting on the worker. */
export const REPLAY_CONCURRENCY = 4;
/** A finished check stays readable this long, then is forgotten. */
const KEEP_FINISHED_MS = 60 * 60 * 1000;

export type ReplayCheckStatus = "running" | "done" | "cancelled" | "failed";

export interface ReplayCheck {
  id: string;
  workspaceId: string;
  flowId: string;
  status: ReplayCheckStatus;
  /** Recorded conversations found (at most the limit asked for) and how many have been replayed. */
  total: number;
  completed: number;
  results: ReplayOutcome[];
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

interface RunningCheck {
  check: ReplayCheck;
  controller: AbortController;
}

/**
 * The replay checks of this API process. A check is a background job, not a workflow: it is a
 * few seconds of advisory work whose every step (a test conversation) is already durable in
 * Temporal; if the process restarts the admin simply runs it again. See the package README.
 */
const checks = new Map<string, RunningCheck>();

/** Starts a check of the flow's draft against its last `limit` recorded conversations; a running check of the same flow is cancelled. */
export async function startReplayCheck(ctx: WorkspaceContext, flowId: string, limit: number): Promise<ReplayCheck> {
  // Validation errors (no flow, a draft that cannot run) are the caller's answer, not a failed job.
  const draft = await compiledDraft(ctx, flowId);
  forgetFinished();
  for (const running of checks.values()) {
    if (running.check.flowId === flowId && running.check.workspaceId === ctx.workspaceId && running.check.status === "running") {
      running.controller.abort();
    }
  }
  const recorded = await recordedConversations(ctx.db, ctx.workspaceId, flowId, limit);
  const check: ReplayCheck = {
    id: randomUUID(),
    workspaceId: ctx.workspaceId,
    flowId,
    status: "running",
    total: recorded.length,
    completed: 0,
    results: [],
    error: null,
    startedAt: new Date().toISOString(),
    finishedAt: null,
  };
  const controller = new AbortController();
  checks.set(check.id, { check, controller });
  const results: (ReplayOutcome | undefined)[] = new Array(recorded.length);
  let next = 0;
  const lane = async () => {
    while (next < recorded.length && !controller.signal.aborted) {
      const index = next++;
      results[index] = await replayConversation(ctx, draft, recorded[index]!, controller.signal);
      check.completed++;
      check.results = results.filter((result): result is ReplayOutcome => result !== undefined);
    }
  };
  void Promise.all(Array.from({ length: Math.min(REPLAY_CONCURRENCY, recorded.length) }, lane))
    .then(() => {
      check.status = controller.signal.aborted ? "cancelled" : "done";
    })
    .catch((err: unknown) => {
      check.status = controller.signal.aborted ? "cancelled" : "failed";
      check.error = controller.signal.aborted ? null : err instanceof Error ? err.message : String(err);
    })
    .finally(() => {
      check.finishedAt = new Date().toISOString();
    });
  return check;
}

/** A check of the workspace, or undefined (another workspace's check is never visible). */
export function findReplayCheck(workspaceId: string, id: string): ReplayCheck | undefined {
  const running = checks.get(id);
  return running?.check.workspaceId === workspaceId ? running.check : undefined;
}

/** Stops a running check: no further replay starts, the ones in flight stop at their next message and are closed. */
export function cancelReplayCheck(workspaceId: string, id: string): ReplayCheck | undefined {
  const running = checks.get(id);
  if (running?.check.workspaceId !== workspaceId) return undefined;
  running.controller.abort();
  return running.check;
}

function forgetFinished() {
  const cutoff = Date.now() - KEEP_FINISHED_MS;
  for (const [id, { check }] of checks) {
    if (check.finishedAt && Date.parse(check.finishedAt) < cutoff) checks.delete(id);
  }
}
