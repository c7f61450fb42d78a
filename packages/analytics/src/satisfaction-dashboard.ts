import { Prisma } from "@parley/db";
import { num, type EventScope, type Figure, type Range } from "./scope";

/** A rating as a share of its scale (0..1), so 4 of 5 and 8 of 10 average together. */
const SHARE = Prisma.sql`CASE WHEN e."value2" > 0 THEN e."value" / e."value2" END`;
/** Satisfied: at least 80 % of the scale (4 or 5 of 5), the usual CSAT definition. */
const SATISFIED = Prisma.sql`CASE WHEN e."value2" > 0 AND e."value" >= 0.8 * e."value2" THEN 1 ELSE 0 END`;

async function totals(scope: EventScope, range: Range) {
  const [row] = await scope.rows<{ ratings: unknown; share: unknown; satisfied: unknown }>(Prisma.sql`
    SELECT COUNT(*) AS "ratings", AVG(${SHARE}) AS "share", AVG(${SATISFIED}) AS "satisfied"
    ${scope.from(["csat"], range)}`);
  return { ratings: num(row?.ratings) ?? 0, share: num(row?.share), satisfied: num(row?.satisfied) };
}

function grouped(scope: EventScope, range: Range, key: Prisma.Sql) {
  return scope.rows<{ key: string | null; ratings: unknown; share: unknown }>(Prisma.sql`
    SELECT ${key} AS "key", COUNT(*) AS "ratings", AVG(${SHARE}) AS "share"
    ${scope.from(["csat"], range)} GROUP BY 1 ORDER BY 2 DESC LIMIT 50`);
}

/** Customer satisfaction: score distribution and trend, by flow, team and agent. */
export async function satisfactionDashboard(scope: EventScope, range: Range) {
  const [[now, before], distribution, byDay, byFlow, byTeam, byAgent] = await Promise.all([
    scope.both(range, (period) => totals(scope, period)),
    scope.rows<{ score: unknown; scale: unknown; count: unknown }>(Prisma.sql`
      SELECT e."value" AS "score", e."value2" AS "scale", COUNT(*) AS "count"
      ${scope.from(["csat"], range)} GROUP BY 1, 2 ORDER BY 2, 1`),
    grouped(scope, range, scope.day),
    grouped(scope, range, Prisma.sql`e."flowId"`),
    grouped(scope, range, Prisma.sql`e."team"`),
    grouped(scope, range, Prisma.sql`e."agentId"`),
  ]);
  const [flows, people] = await Promise.all([
    scope.db.flow.findMany({ where: { workspaceId: scope.workspaceId, id: { in: ids(byFlow) } }, select: { id: true, name: true } }),
    scope.db.user.findMany({ where: { id: { in: ids(byAgent) }, memberships: { some: { workspaceId: scope.workspaceId } } }, select: { id: true, name: true, email: true } }),
  ]);
  const figure = (pick: (t: typeof now) => number | null): Figure => ({ value: pick(now), previous: pick(before) });
  const row = (r: { ratings: unknown; share: unknown }) => ({ ratings: num(r.ratings) ?? 0, share: num(r.share) });
  return {
    figures: {
      ratings: figure((t) => t.ratings),
      averageShare: figure((t) => t.share),
      satisfiedRate: figure((t) => t.satisfied),
    },
    distribution: distribution.map((r) => ({ score: num(r.score) ?? 0, scale: num(r.scale) ?? 0, count: num(r.count) ?? 0 })),
    byDay: byDay.map((r) => ({ day: r.key ?? "", ...row(r) })),
    byFlow: byFlow.map((r) => ({ flowId: r.key, name: flows.find((f) => f.id === r.key)?.name ?? "(deleted flow)", ...row(r) })),
    byTeam: byTeam.map((r) => ({ team: r.key ?? "(bot only)", ...row(r) })),
    byAgent: byAgent
      .filter((r) => r.key !== null)
      .map((r) => {
        const person = people.find((p) => p.id === r.key);
        return { agentId: r.key!, name: person ? person.name || person.email : "(former member)", ...row(r) };
      }),
  };
}

const ids = (rows: { key: string | null }[]) => rows.map((r) => r.key).filter((id): id is string => id !== null);
