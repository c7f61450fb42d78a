import { Prisma } from "@parley/db";
import { num, ratio, type EventScope, type Figure, type Range } from "./scope";

interface Totals {
  started: number;
  handedOff: number;
  ended: number;
  resolved: number;
  resolutionSeconds: number | null;
  intents: number;
  fallbacks: number;
  questions: number;
  unanswered: number;
}

/** One pass over the conversation-level events of a period: a count (or mean) per type. */
async function totals(scope: EventScope, range: Range): Promise<Totals> {
  const [row] = await scope.rows<Record<keyof Totals, unknown>>(Prisma.sql`
    SELECT
      SUM(CASE WHEN e."type" = 'started' THEN 1 ELSE 0 END) AS "started",
      COUNT(DISTINCT CASE WHEN e."type" = 'handoff' THEN e."conversationId" END) AS "handedOff",
      SUM(CASE WHEN e."type" = 'ended' THEN 1 ELSE 0 END) AS "ended",
      SUM(CASE WHEN e."type" = 'resolved' THEN 1 ELSE 0 END) AS "resolved",
      AVG(CASE WHEN e."type" = 'resolved' THEN e."value" END) AS "resolutionSeconds",
      SUM(CASE WHEN e."type" = 'intent' THEN 1 ELSE 0 END) AS "intents",
      SUM(CASE WHEN e."type" = 'intent' AND e."intent" = 'fallback' THEN 1 ELSE 0 END) AS "fallbacks",
      SUM(CASE WHEN e."type" = 'knowledge' THEN 1 ELSE 0 END) AS "questions",
      SUM(CASE WHEN e."type" = 'knowledge' AND e."value" = 0 THEN 1 ELSE 0 END) AS "unanswered"
    FROM "AnalyticsEvent" e ${scope.where(["started", "handoff", "ended", "resolved", "intent", "knowledge"], range)}`);
  return {
    started: num(row?.started) ?? 0,
    handedOff: num(row?.handedOff) ?? 0,
    ended: num(row?.ended) ?? 0,
    resolved: num(row?.resolved) ?? 0,
    resolutionSeconds: num(row?.resolutionSeconds),
    intents: num(row?.intents) ?? 0,
    fallbacks: num(row?.fallbacks) ?? 0,
    questions: num(row?.questions) ?? 0,
    unanswered: num(row?.unanswered) ?? 0,
  };
}

/**
 * Conversations: volume by channel and flow, bot containment against handoff, resolution rate
 * and time, top intents with their fallback share, knowledge questions not answered.
 */
export async function conversationsDashboard(scope: EventScope, range: Range) {
  const [[now, before], volume, intents, unanswered] = await Promise.all([
    scope.both(range, (period) => totals(scope, period)),
    // One scan of the starts for the three breakdowns (by day, channel and flow), summed below.
    scope.rows<{ day: string; channel: string; flowId: string | null; count: unknown }>(
      Prisma.sql`SELECT ${scope.day} AS "day", e."channel" AS "channel", e."flowId" AS "flowId", COUNT(*) AS "count"
        FROM "AnalyticsEvent" e ${scope.where(["started"], range)} GROUP BY 1, 2, 3`,
    ),
    scope.rows<{ intent: string; count: unknown; confidence: unknown }>(
      Prisma.sql`SELECT e."intent" AS "intent", COUNT(*) AS "count", AVG(e."value") AS "confidence"
        FROM "AnalyticsEvent" e ${scope.where(["intent"], range)} GROUP BY 1 ORDER BY 2 DESC LIMIT 20`,
    ),
    scope.rows<{ question: string | null; count: unknown }>(
      Prisma.sql`SELECT ${scope.prop("question")} AS "question", COUNT(*) AS "count"
        FROM "AnalyticsEvent" e ${scope.where(["knowledge"], range, Prisma.sql`e."value" = 0`)} GROUP BY 1 ORDER BY 2 DESC LIMIT 20`,
    ),
  ]);
  const byDay = countBy(volume, (row) => row.day).sort((a, b) => ((a.key ?? "") < (b.key ?? "") ? -1 : 1));
  const byChannel = countBy(volume, (row) => row.channel);
  const byFlow = countBy(volume, (row) => row.flowId).slice(0, 20);
  const flowNames = await scope.db.flow.findMany({
    where: { workspaceId: scope.workspaceId, id: { in: byFlow.map((row) => row.key).filter((id): id is string => id !== null) } },
    select: { id: true, name: true },
  });
  const figure = (pick: (t: Totals) => number | null): Figure => ({ value: pick(now), previous: pick(before) });
  return {
    figures: {
      conversations: figure((t) => t.started),
      handoffRate: figure((t) => ratio(t.handedOff, t.started)),
      containmentRate: figure((t) => (t.started ? 1 - t.handedOff / t.started : null)),
      resolutionRate: figure((t) => ratio(t.resolved, t.ended)),
      resolutionSeconds: figure((t) => t.resolutionSeconds),
      fallbackRate: figure((t) => ratio(t.fallbacks, t.intents)),
      unansweredRate: figure((t) => ratio(t.unanswered, t.questions)),
    },
    byDay: byDay.map((row) => ({ day: row.key ?? "", conversations: row.count })),
    byChannel: byChannel.map((row) => ({ channel: row.key ?? "", conversations: row.count })),
    byFlow: byFlow.map((row) => ({
      flowId: row.key,
      name: flowNames.find((flow) => flow.id === row.key)?.name ?? "(deleted flow)",
      conversations: row.count,
    })),
    intents: intents.map((row) => ({ intent: row.intent, count: num(row.count) ?? 0, confidence: num(row.confidence) })),
    unansweredQuestions: unanswered.map((row) => ({ question: row.question ?? "(not recorded)", count: num(row.count) ?? 0 })),
  };
}

/** Counts summed by a key, largest first. */
function countBy<T extends { count: unknown }>(rows: T[], key: (row: T) => string | null): { key: string | null; count: number }[] {
  const sums = new Map<string | null, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + (num(row.count) ?? 0));
  return [...sums].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count);
}
