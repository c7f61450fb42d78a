import { performance } from "node:perf_hooks";
import { databaseKindOf } from "@parley/db";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import type { ApiContext } from "../context";

/** How long one check may take before it counts as down: the page must load while a dependency hangs. */
const CHECK_TIMEOUT_MS = 3000;
/** Temporal's TaskQueueType: workflow tasks and activity tasks are polled separately. */
const TASK_QUEUE_TYPES = { workflow: 1, activity: 2 } as const;

type Check<T> = { ok: true; latencyMs: number; detail: T } | { ok: false; latencyMs: number; error: string };

async function timed<T>(run: () => Promise<T>): Promise<Check<T>> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    const detail = await Promise.race([run(), timeout]);
    return { ok: true, latencyMs: latencyMs(), detail };
  } catch (err) {
    // Only the kind of failure, never a driver's message (it may quote hosts or files).
    const error = err instanceof Error && err.message.startsWith("no answer") ? err.message : "unreachable or refused";
    return { ok: false, latencyMs: latencyMs(), error };
  } finally {
    clearTimeout(timer);
  }
}

/** The workers polling the conversation task queue, as Temporal saw them (DescribeTaskQueue), per kind of task. */
async function pollers(ctx: ApiContext) {
  const { temporal, taskQueue } = ctx;
  const describe = (taskQueueType: number) =>
    temporal.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
      temporal.workflowService.describeTaskQueue({ namespace: temporal.options.namespace, taskQueue: { name: taskQueue }, taskQueueType }),
    );
  const [workflow, activity] = await Promise.all([describe(TASK_QUEUE_TYPES.workflow), describe(TASK_QUEUE_TYPES.activity)]);
  const byIdentity = new Map<string, { identity: string; lastSeenAt: string | null; polls: ("workflow" | "activity")[] }>();
  for (const [kind, answer] of [["workflow", workflow], ["activity", activity]] as const) {
    for (const poller of answer.pollers ?? []) {
      const identity = poller.identity ?? "unknown";
      const seconds = poller.lastAccessTime?.seconds;
      const lastSeenAt = seconds === undefined || seconds === null ? null : new Date(Number(seconds) * 1000).toISOString();
      const entry = byIdentity.get(identity) ?? { identity, lastSeenAt, polls: [] };
      entry.polls.push(kind);
      if (lastSeenAt && (!entry.lastSeenAt || lastSeenAt > entry.lastSeenAt)) entry.lastSeenAt = lastSeenAt;
      byIdentity.set(identity, entry);
    }
  }
  return { namespace: temporal.options.namespace, taskQueue, workers: [...byIdentity.values()].sort((a, b) => a.identity.localeCompare(b.identity)) };
}

/**
 * The health page (Settings → Health, admins and owners): is each part of Parley up as this API
 * process sees it — itself, the database, Temporal, the workers polling the conversation task
 * queue — which voice engines it runs, and how many conversations wait in each team's queue.
 */
export const healthRouter = router({
  status: staffProcedure("settings:manage").query(async ({ ctx }) => {
    const [database, temporal, queues] = await Promise.all([
      timed(async () => {
        await ctx.db.$queryRawUnsafe("SELECT 1");
        return { kind: databaseKindOf(ctx.db) };
      }),
      timed(() => pollers(ctx)),
      ctx.db.conversation.groupBy({
        by: ["team"],
        where: { workspaceId: ctx.workspaceId, status: "handoff", assigneeId: null, team: { not: null }, test: false },
        _count: { _all: true },
      }),
    ]);
    return {
      checkedAt: new Date().toISOString(),
      api: { ok: true, uptimeSeconds: Math.round(process.uptime()), node: process.version },
      database,
      temporal,
      voice: ctx.voiceEngines ?? null,
      queues: queues.map((queue) => ({ team: queue.team!, waiting: queue._count._all })).sort((a, b) => b.waiting - a.waiting || a.team.localeCompare(b.team)),
    };
  }),
});
