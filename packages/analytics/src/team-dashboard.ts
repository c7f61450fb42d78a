import { Prisma } from "@parley/db";
import { num, previousRange, ratio, type EventScope, type Figure, type Range } from "./scope";
import { byText, mean, meanShare, tallies, total, type Tally } from "./daily";
import { presenceTimes, type PresenceTimes } from "./presence";

interface Totals {
  handedOff: number;
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
  breached: number;
  warned: number;
}

/** The tallies the dashboard sums: per agent and team at once, so one read serves the totals and both tables. */
const TIMES = ["first_response", "resolved", "csat", "quality"];
const peopleTallies = (scope: EventScope, range: Range) => tallies(scope, range, TIMES, ["agentId", "team"]);

/**
 * Distinct conversations from the events (a conversation has several of them); times from the
 * daily tallies (`known`: the period's, already read for the tables).
 */
async function totals(scope: EventScope, range: Range, known?: Promise<Tally[]>): Promise<Totals> {
  const [rows, [row]] = await Promise.all([
    known ?? tallies(scope, range, ["first_response", "resolved"], ["team"]),
    scope.rows<Record<"handedOff" | "breached" | "warned", unknown>>(Prisma.sql`
      SELECT
        COUNT(DISTINCT CASE WHEN e."type" = 'handoff' THEN e."conversationId" END) AS "handedOff",
        COUNT(DISTINCT CASE WHEN e."type" = 'sla_breach' THEN e."conversationId" END) AS "breached",
        COUNT(DISTINCT CASE WHEN e."type" = 'sla_warning' THEN e."conversationId" END) AS "warned"
      ${scope.from(["handoff", "sla_breach", "sla_warning"], range)}`),
  ]);
  return {
    handedOff: num(row?.handedOff) ?? 0,
    firstResponseSeconds: mean(total(rows, "first_response")),
    resolutionSeconds: mean(total(rows, "resolved", (r) => r.keys.team !== null)),
    breached: num(row?.breached) ?? 0,
    warned: num(row?.warned) ?? 0,
  };
}

interface PeopleRow {
  key: string;
  conversations: number;
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
  breached: number;
  csat: number | null;
  ratings: number;
  /** Mean quality score of their scored conversations. */
  quality: number | null;
}

/**
 * Per agent (the event's agent) or per team: conversations handed to them (assigned, for an agent)
 * and SLA breaches, distinct, from the events; times and CSAT from the daily tallies. Everyone with
 * any of these events (or a warning) is listed, most conversations first.
 */
async function byPeople(scope: EventScope, range: Range, column: "agentId" | "team", known: Promise<Tally[]>): Promise<PeopleRow[]> {
  const key = Prisma.raw(`e."${column}"`);
  const [counts, rows] = await Promise.all([
    scope.rows<{ key: string; conversations: unknown; breached: unknown }>(Prisma.sql`
      SELECT ${key} AS "key",
        COUNT(DISTINCT CASE WHEN e."type" = ${column === "agentId" ? "assignment" : "handoff"} THEN e."conversationId" END) AS "conversations",
        COUNT(DISTINCT CASE WHEN e."type" = 'sla_breach' THEN e."conversationId" END) AS "breached"
      ${scope.from(["handoff", "assignment", "sla_breach", "sla_warning"], range, Prisma.sql`${key} IS NOT NULL`)}
      GROUP BY 1`),
    known,
  ]);
  const keys = new Set([...counts.map((r) => r.key), ...rows.map((r) => r.keys[column]).filter((k): k is string => Boolean(k))]);
  return [...keys]
    .map((k) => {
      const count = counts.find((r) => r.key === k);
      const mine = (r: Tally) => r.keys[column] === k;
      const csat = total(rows, "csat", mine);
      return {
        key: k,
        conversations: num(count?.conversations) ?? 0,
        firstResponseSeconds: mean(total(rows, "first_response", mine)),
        resolutionSeconds: mean(total(rows, "resolved", mine)),
        breached: num(count?.breached) ?? 0,
        csat: meanShare(csat),
        ratings: csat.count,
        quality: mean(total(rows, "quality", mine)),
      };
    })
    .sort((a, b) => b.conversations - a.conversations || byText(a.key, b.key))
    .slice(0, 100);
}

const NO_PRESENCE: PresenceTimes = { online: 0, away: 0, offline: 0, busyOnline: 0 };

/** Everyone's online and handling time added up: the team's occupancy. */
function occupancy(times: Map<string, PresenceTimes>): { online: number; occupancy: number | null } {
  let online = 0;
  let busy = 0;
  for (const t of times.values()) {
    online += t.online;
    busy += t.busyOnline;
  }
  return { online, occupancy: ratio(busy, online) };
}

/**
 * Team performance: first response and resolution time of handed-off conversations, the share
 * that met their SLA (no clock breached), occupancy (handling time ÷ online time), and per agent
 * and team: conversations, times, CSAT; per agent also time online, away and offline.
 */
export async function teamDashboard(scope: EventScope, range: Range, clock: Date = new Date()) {
  // Presence for both periods too (time online and occupancy compare with the previous period like
  // every figure); per agent, the asked period only.
  const current = peopleTallies(scope, range);
  const [[now, before], [presence, presenceBefore], agentRows, teams] = await Promise.all([
    Promise.all([totals(scope, range, current), totals(scope, previousRange(range))]),
    scope.both(range, (period) => presenceTimes(scope, period, clock)),
    byPeople(scope, range, "agentId", current),
    byPeople(scope, range, "team", current),
  ]);
  // Agents who were online or away but handled nothing are listed too (occupancy 0).
  const present = [...presence].filter(([key, t]) => (t.online > 0 || t.away > 0) && !agentRows.some((row) => row.key === key));
  const agents = [...agentRows, ...present.map(([key]) => ({ key, conversations: 0, firstResponseSeconds: null, resolutionSeconds: null, breached: 0, csat: null, ratings: 0, quality: null }))];
  const people = await scope.db.user.findMany({
    where: { id: { in: agents.map((row) => row.key).filter((id): id is string => id !== null) }, memberships: { some: { workspaceId: scope.workspaceId } } },
    select: { id: true, name: true, email: true },
  });
  const shift = occupancy(presence);
  const shiftBefore = occupancy(presenceBefore);
  const figure = (pick: (t: Totals) => number | null): Figure => ({ value: pick(now), previous: pick(before) });
  const row = ({ key: _key, ...figures }: PeopleRow) => figures;
  return {
    figures: {
      handedOff: figure((t) => t.handedOff),
      firstResponseSeconds: figure((t) => t.firstResponseSeconds),
      resolutionSeconds: figure((t) => t.resolutionSeconds),
      slaMetRate: figure((t) => (t.handedOff ? 1 - (ratio(t.breached, t.handedOff) ?? 0) : null)),
      slaWarned: figure((t) => t.warned),
      onlineSeconds: { value: shift.online, previous: shiftBefore.online } satisfies Figure,
      occupancy: { value: shift.occupancy, previous: shiftBefore.occupancy } satisfies Figure,
    },
    agents: agents.map((r) => {
      const person = people.find((p) => p.id === r.key);
      const times = presence.get(r.key) ?? NO_PRESENCE;
      return {
        agentId: r.key,
        name: person ? person.name || person.email : "(former member)",
        ...row(r),
        onlineSeconds: times.online,
        awaySeconds: times.away,
        offlineSeconds: times.offline,
        occupancy: ratio(times.busyOnline, times.online),
      };
    }),
    teams: teams.map((r) => ({ team: r.key, ...row(r) })),
  };
}
