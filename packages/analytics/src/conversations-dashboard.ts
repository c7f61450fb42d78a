import { Prisma } from "@parley/db";
import { num, ratio, type EventScope, type Figure, type Range } from "./scope";
import { byText, mean, tallies, total } from "./daily";

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
  quality: number | null;
}

/**
 * A period's conversation-level figures: counts and means per type from the daily tallies; the
 * handed-off conversations (a conversation may be handed off more than once) from the handoffs.
 */
async function totals(scope: EventScope, range: Range): Promise<Totals> {
  const [rows, [handoffs]] = await Promise.all([
    tallies(scope, range, ["started", "ended", "resolved", "intent", "knowledge", "quality"]),
    scope.rows<{ handedOff: unknown }>(Prisma.sql`
      SELECT COUNT(DISTINCT e."conversationId") AS "handedOff" ${scope.from(["handoff"], range)}`),
  ]);
  const [intents, knowledge] = [total(rows, "intent"), total(rows, "knowledge")];
  return {
    started: total(rows, "started").count,
    handedOff: num(handoffs?.handedOff) ?? 0,
    ended: total(rows, "ended").count,
    resolved: total(rows, "resolved").count,
    resolutionSeconds: mean(total(rows, "resolved")),
    intents: intents.count,
    fallbacks: intents.hits,
    questions: knowledge.count,
    unanswered: knowledge.hits,
    quality: mean(total(rows, "quality")),
  };
}

/**
 * Conversations: volume by channel and flow, bot containment against handoff, resolution rate
 * and time, top intents with their fallback share, knowledge questions not answered.
 */
export async function conversationsDashboard(scope: EventScope, range: Range) {
  const [[now, before], volume, intents, unanswered] = await Promise.all([
    scope.both(range, (period) => totals(scope, period)),
    // One read of the starts for the three breakdowns (by day, channel and flow), summed below.
    tallies(scope, range, ["started"], ["day", "channel", "flowId"]),
    tallies(scope, range, ["intent"], ["label"]),
    scope.rows<{ question: string | null; count: unknown }>(
      Prisma.sql`SELECT ${scope.prop("question")} AS "question", COUNT(*) AS "count"
        ${scope.from(["knowledge"], range, Prisma.sql`e."value" = 0`)} GROUP BY 1 ORDER BY 2 DESC LIMIT 20`,
    ),
  ]);
  const byDay = countBy(volume, (row) => row.keys.day ?? null).sort((a, b) => ((a.key ?? "") < (b.key ?? "") ? -1 : 1));
  const byChannel = countBy(volume, (row) => row.keys.channel ?? null);
  const byFlow = countBy(volume, (row) => row.keys.flowId ?? null).slice(0, 20);
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
      /** Mean quality score (0–100) of the conversations scored in the period. */
      quality: figure((t) => t.quality),
    },
    byDay: byDay.map((row) => ({ day: row.key ?? "", conversations: row.count })),
    byChannel: byChannel.map((row) => ({ channel: row.key ?? "", conversations: row.count })),
    byFlow: byFlow.map((row) => ({
      flowId: row.key,
      name: flowNames.find((flow) => flow.id === row.key)?.name ?? "(deleted flow)",
      conversations: row.count,
    })),
    intents: intents
      .sort((a, b) => b.count - a.count || byText(a.keys.label, b.keys.label))
      .slice(0, 20)
      .map((row) => ({ intent: row.keys.label ?? "", count: row.count, confidence: mean(row) })),
    unansweredQuestions: unanswered.map((row) => ({ question: row.question ?? "(not recorded)", count: num(row.count) ?? 0 })),
  };
}

/** Counts summed by a key, largest first. */
function countBy<T extends { count: unknown }>(rows: T[], key: (row: T) => string | null): { key: string | null; count: number }[] {
  const sums = new Map<string | null, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + (num(row.count) ?? 0));
  return [...sums].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || byText(a.key, b.key));
}
