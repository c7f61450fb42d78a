import { Prisma } from "@parley/db";
import type { EventScope, Range } from "./scope";

export type PresenceState = "online" | "away" | "offline";

/** Seconds in each presence in a range, and of the online time, the seconds spent handling conversations. */
export interface PresenceTimes {
  online: number;
  away: number;
  offline: number;
  /** Online seconds with at least one conversation assigned (the occupancy's numerator). */
  busyOnline: number;
}

interface Span {
  from: number;
  to: number;
}

/**
 * How far before the range an assignment may start and still count as work in it: a conversation
 * taken more than a day earlier and still open is not being worked on. It also bounds the stored
 * spans the query reads (bench/analytics).
 */
const HANDLING_LOOKBACK_MS = 24 * 3600 * 1000;

/**
 * Per agent: time online, away and offline in the range (from the presence history, stored by a
 * trigger on every change; before an agent's first change they were offline), and the online time
 * during which they had at least one conversation: from its assignment to them until it ended,
 * was handed off again or was assigned to someone else (an assignment more than a day before the
 * range no longer counts). Occupancy is that time ÷ online time.
 * Time after `now` has not happened yet and is not counted. The agent filter keeps one agent.
 */
export async function presenceTimes(scope: EventScope, range: Range, now: Date = new Date()): Promise<Map<string, PresenceTimes>> {
  const end = Math.min(range.to.getTime(), now.getTime());
  const start = range.from.getTime();
  const result = new Map<string, PresenceTimes>();
  if (end <= start) return result;
  const until = new Date(end);
  const window = { from: new Date(start - HANDLING_LOOKBACK_MS), to: until };
  const agent = scope.filters.agentId;
  const presence = scope.postgres ? Prisma.sql`q."presence"::text` : Prisma.sql`q."presence"`;
  const [before, changes, handled] = await Promise.all([
    scope.rows<{ userId: string; presence: PresenceState | null }>(Prisma.sql`
      SELECT m."userId" AS "userId",
        (SELECT ${presence} FROM "PresenceChange" q
         WHERE q."workspaceId" = m."workspaceId" AND q."userId" = m."userId" AND q."at" < ${scope.time(range.from)}
         ORDER BY q."at" DESC, q."id" DESC LIMIT 1) AS "presence"
      FROM "Member" m WHERE m."workspaceId" = ${scope.workspaceId}${agent ? Prisma.sql` AND m."userId" = ${agent}` : Prisma.empty}`),
    scope.rows<{ userId: string; presence: PresenceState; at: unknown }>(Prisma.sql`
      SELECT q."userId" AS "userId", ${presence} AS "presence", q."at" AS "at" FROM "PresenceChange" q
      WHERE q."workspaceId" = ${scope.workspaceId} AND q."at" >= ${scope.time(range.from)} AND q."at" < ${scope.time(until)}
        ${agent ? Prisma.sql`AND q."userId" = ${agent}` : Prisma.empty}
      ORDER BY q."at", q."id"`),
    // Each assignment's span, stored when its events were (AssignmentSpan, kept by triggers): the
    // conversation's next assignment, handoff or end already found, where ranking the events on
    // every load cost most of the dashboard (bench/analytics). Only spans that reach into the range,
    // as one text per agent ("from/until from/until ..."): a row per span cost the driver more
    // than the query (bench/analytics, the presence part: 3x).
    scope.rows<{ agentId: string; spans: string | null }>(Prisma.sql`
      SELECT s."agentId" AS "agentId", ${spanList(scope)} AS "spans" FROM "AssignmentSpan" s
      WHERE ${Prisma.join(
        [
          Prisma.sql`s."workspaceId" = ${scope.workspaceId}`,
          Prisma.sql`s."assignedAt" >= ${scope.time(window.from)}`,
          Prisma.sql`s."assignedAt" < ${scope.time(window.to)}`,
          Prisma.sql`(s."releasedAt" IS NULL OR s."releasedAt" > ${scope.time(range.from)})`,
          ...scope.filtered("s"),
        ],
        " AND ",
      )}
      GROUP BY s."agentId"`),
  ]);

  const online = new Map<string, Span[]>();
  const timeline = new Map<string, { state: PresenceState; at: number }[]>();
  for (const row of before) timeline.set(row.userId, [{ state: row.presence ?? "offline", at: start }]);
  for (const row of changes) {
    const steps = timeline.get(row.userId) ?? [{ state: "offline" as const, at: start }];
    steps.push({ state: row.presence, at: time(row.at) });
    timeline.set(row.userId, steps);
  }
  for (const [userId, steps] of timeline) {
    const times: PresenceTimes = { online: 0, away: 0, offline: 0, busyOnline: 0 };
    const spans: Span[] = [];
    steps.forEach((step, i) => {
      const stepEnd = steps[i + 1]?.at ?? end;
      if (stepEnd <= step.at) return;
      times[step.state] += (stepEnd - step.at) / 1000;
      if (step.state === "online") spans.push({ from: step.at, to: stepEnd });
    });
    online.set(userId, spans);
    result.set(userId, times);
  }

  const busy = new Map<string, Span[]>();
  for (const row of handled) {
    const spans: Span[] = [];
    for (const span of (row.spans ?? "").split(" ")) {
      if (!span) continue;
      const [assigned = "", released = ""] = span.split("/");
      const from = Math.max(Date.parse(assigned), start);
      const to = Math.min(released ? Date.parse(released) : end, end);
      if (to > from) spans.push({ from, to });
    }
    if (spans.length) busy.set(row.agentId, spans);
  }
  for (const [userId, spans] of busy) {
    const times = result.get(userId);
    if (times) times.busyOnline = overlap(union(spans), online.get(userId) ?? []) / 1000;
  }
  return result;
}

/**
 * An agent's spans as one text, "assigned/released" (ISO 8601 with the zone, released empty while
 * open), space-separated: SQLite stores the ISO text already; PostgreSQL's are formatted in UTC.
 */
function spanList(scope: EventScope): Prisma.Sql {
  if (!scope.postgres) return Prisma.sql`group_concat(s."assignedAt" || '/' || COALESCE(s."releasedAt", ''), ' ')`;
  const iso = (column: string) => Prisma.raw(`to_char(s."${column}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
  return Prisma.sql`string_agg(${iso("assignedAt")} || '/' || COALESCE(${iso("releasedAt")}, ''), ' ')`;
}

/** Milliseconds since the epoch of a timestamp as the drivers return it (a Date, or SQLite's ISO text). */
const time = (value: unknown): number => (value instanceof Date ? value.getTime() : new Date(String(value)).getTime());

/** Overlapping spans merged, in order. */
export function union(spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.from - b.from)) {
    const last = merged.at(-1);
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

/** Milliseconds two sets of disjoint, ordered spans have in common. */
export function overlap(a: readonly Span[], b: readonly Span[]): number {
  let total = 0;
  let j = 0;
  for (const span of a) {
    while (j < b.length && b[j]!.to <= span.from) j++;
    for (let k = j; k < b.length && b[k]!.from < span.to; k++) total += Math.min(span.to, b[k]!.to) - Math.max(span.from, b[k]!.from);
  }
  return total;
}
