import { Prisma } from "@parley/db";
import { num, ratio, type EventScope, type Figure, type Range } from "./scope";

interface Totals {
  handedOff: number;
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
  breached: number;
  warned: number;
}

const PEOPLE_TYPES = ["handoff", "first_response", "resolved", "sla_breach", "sla_warning", "assignment", "csat"];

async function totals(scope: EventScope, range: Range): Promise<Totals> {
  const [row] = await scope.rows<Record<keyof Totals, unknown>>(Prisma.sql`
    SELECT
      COUNT(DISTINCT CASE WHEN e."type" = 'handoff' THEN e."conversationId" END) AS "handedOff",
      AVG(CASE WHEN e."type" = 'first_response' THEN e."value" END) AS "firstResponseSeconds",
      AVG(CASE WHEN e."type" = 'resolved' AND e."team" IS NOT NULL THEN e."value" END) AS "resolutionSeconds",
      COUNT(DISTINCT CASE WHEN e."type" = 'sla_breach' THEN e."conversationId" END) AS "breached",
      COUNT(DISTINCT CASE WHEN e."type" = 'sla_warning' THEN e."conversationId" END) AS "warned"
    FROM "AnalyticsEvent" e ${scope.where(["handoff", "first_response", "resolved", "sla_breach", "sla_warning"], range)}`);
  return {
    handedOff: num(row?.handedOff) ?? 0,
    firstResponseSeconds: num(row?.firstResponseSeconds),
    resolutionSeconds: num(row?.resolutionSeconds),
    breached: num(row?.breached) ?? 0,
    warned: num(row?.warned) ?? 0,
  };
}

interface PeopleRow {
  key: string | null;
  conversations: unknown;
  firstResponseSeconds: unknown;
  resolutionSeconds: unknown;
  breached: unknown;
  csat: unknown;
  ratings: unknown;
}

/** Per agent (the event's agent) or per team: the same figures, grouped. */
function byPeople(scope: EventScope, range: Range, column: "agentId" | "team") {
  const key = Prisma.raw(`e."${column}"`);
  return scope.rows<PeopleRow>(Prisma.sql`
    SELECT ${key} AS "key",
      COUNT(DISTINCT CASE WHEN e."type" = ${column === "agentId" ? "assignment" : "handoff"} THEN e."conversationId" END) AS "conversations",
      AVG(CASE WHEN e."type" = 'first_response' THEN e."value" END) AS "firstResponseSeconds",
      AVG(CASE WHEN e."type" = 'resolved' THEN e."value" END) AS "resolutionSeconds",
      COUNT(DISTINCT CASE WHEN e."type" = 'sla_breach' THEN e."conversationId" END) AS "breached",
      AVG(CASE WHEN e."type" = 'csat' AND e."value2" > 0 THEN e."value" / e."value2" END) AS "csat",
      SUM(CASE WHEN e."type" = 'csat' THEN 1 ELSE 0 END) AS "ratings"
    FROM "AnalyticsEvent" e ${scope.where(PEOPLE_TYPES, range, Prisma.sql`${key} IS NOT NULL`)}
    GROUP BY 1 ORDER BY 2 DESC LIMIT 100`);
}

/**
 * Team performance: first response and resolution time of handed-off conversations, the share
 * that met their SLA (no clock breached), and per agent and team: conversations, times, CSAT.
 */
export async function teamDashboard(scope: EventScope, range: Range) {
  const [[now, before], agents, teams] = await Promise.all([
    scope.both(range, (period) => totals(scope, period)),
    byPeople(scope, range, "agentId"),
    byPeople(scope, range, "team"),
  ]);
  const people = await scope.db.user.findMany({
    where: { id: { in: agents.map((row) => row.key).filter((id): id is string => id !== null) }, memberships: { some: { workspaceId: scope.workspaceId } } },
    select: { id: true, name: true, email: true },
  });
  const figure = (pick: (t: Totals) => number | null): Figure => ({ value: pick(now), previous: pick(before) });
  const row = (r: PeopleRow) => ({
    conversations: num(r.conversations) ?? 0,
    firstResponseSeconds: num(r.firstResponseSeconds),
    resolutionSeconds: num(r.resolutionSeconds),
    breached: num(r.breached) ?? 0,
    csat: num(r.csat),
    ratings: num(r.ratings) ?? 0,
  });
  return {
    figures: {
      handedOff: figure((t) => t.handedOff),
      firstResponseSeconds: figure((t) => t.firstResponseSeconds),
      resolutionSeconds: figure((t) => t.resolutionSeconds),
      slaMetRate: figure((t) => (t.handedOff ? 1 - (ratio(t.breached, t.handedOff) ?? 0) : null)),
      slaWarned: figure((t) => t.warned),
    },
    agents: agents.map((r) => {
      const person = people.find((p) => p.id === r.key);
      return { agentId: r.key!, name: person ? person.name || person.email : "(former member)", ...row(r) };
    }),
    teams: teams.map((r) => ({ team: r.key!, ...row(r) })),
  };
}
