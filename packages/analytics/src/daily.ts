import { Prisma } from "@parley/db";
import { num, type EventScope, type Range } from "./scope";

/**
 * Counts and sums per event type (and dimension), read from the daily rollup (AnalyticsDaily, kept
 * by triggers on AnalyticsEvent: packages/db README) for the whole UTC days of a range and from
 * the events for its partial first and last day, so a figure stays exact for any range. The
 * team, agent and intent filters select conversations, which a rollup cannot: with one of them
 * the whole range is read from the events (their copies under the fact: scope.ts `from`), through the same sums.
 */
export type Dimension = "day" | "channel" | "flowId" | "team" | "agentId" | "label";

export interface Tally {
  type: string;
  /** The asked dimensions' values (null: absent); `label` is an intent's name or a voice turn's engine. */
  keys: Partial<Record<Dimension, string | null>>;
  count: number;
  /** Unanswered knowledge questions, fallback intents, barge-ins. */
  hits: number;
  valueCount: number;
  valueSum: number;
  value2Count: number;
  value2Sum: number;
  /** value / value2 where value2 > 0: a CSAT score as a share of its scale. */
  shareCount: number;
  shareSum: number;
}

const SUMS = ["count", "hits", "valueCount", "valueSum", "value2Count", "value2Sum", "shareCount", "shareSum"] as const;
const DAY_MS = 86_400_000;

export async function tallies(scope: EventScope, range: Range, types: string[], dimensions: Dimension[] = []): Promise<Tally[]> {
  const { team, agentId, intent } = scope.filters;
  const firstDay = Math.ceil(range.from.getTime() / DAY_MS) * DAY_MS;
  const endDay = Math.floor(range.to.getTime() / DAY_MS) * DAY_MS;
  if (team || agentId || intent || firstDay >= endDay) return merge([await fromEvents(scope, range, types, dimensions)]);
  const parts = [fromRollup(scope, new Date(firstDay), new Date(endDay), types, dimensions)];
  if (range.from.getTime() < firstDay) parts.push(fromEvents(scope, { from: range.from, to: new Date(firstDay) }, types, dimensions));
  if (endDay < range.to.getTime()) parts.push(fromEvents(scope, { from: new Date(endDay), to: range.to }, types, dimensions));
  return merge(await Promise.all(parts));
}

/** One type's tallies summed (optionally only those `where` keeps). */
export function total(rows: Tally[], type: string, where: (row: Tally) => boolean = () => true): Tally {
  const sum: Tally = { type, keys: {}, count: 0, hits: 0, valueCount: 0, valueSum: 0, value2Count: 0, value2Sum: 0, shareCount: 0, shareSum: 0 };
  for (const row of rows) if (row.type === type && where(row)) for (const field of SUMS) sum[field] += row[field];
  return sum;
}

/** Ties broken by name (nulls last), so both ways of reading a range list rows in one order. */
export const byText = (a: string | null | undefined, b: string | null | undefined): number =>
  a === b ? 0 : a === null || a === undefined ? 1 : b === null || b === undefined ? -1 : a < b ? -1 : 1;

export const mean = (row: Tally): number | null => (row.valueCount ? row.valueSum / row.valueCount : null);
export const mean2 = (row: Tally): number | null => (row.value2Count ? row.value2Sum / row.value2Count : null);
export const meanShare = (row: Tally): number | null => (row.shareCount ? row.shareSum / row.shareCount : null);

type Row = Record<string, unknown>;

/** Whole days [from, to) from the rollup; absent dimensions are stored as ''. */
async function fromRollup(scope: EventScope, from: Date, to: Date, types: string[], dimensions: Dimension[]): Promise<Tally[]> {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const keys = dimensions.map((d) => (d === "day" || d === "channel" ? Prisma.raw(`d."${d}"`) : Prisma.raw(`NULLIF(d."${d}", '')`)));
  const where: Prisma.Sql[] = [
    Prisma.sql`d."workspaceId" = ${scope.workspaceId}`,
    Prisma.sql`d."day" >= ${day(from)}`,
    Prisma.sql`d."day" < ${day(to)}`,
    Prisma.sql`d."type" IN (${Prisma.join(types)})`,
  ];
  if (scope.filters.flowId) where.push(Prisma.sql`d."flowId" = ${scope.filters.flowId}`);
  if (scope.filters.channel) where.push(Prisma.sql`d."channel" = ${scope.channel(scope.filters.channel)}`);
  const sums = SUMS.map((field) => Prisma.raw(`SUM(d."${field}") AS "${field}"`));
  const rows = await scope.rows<Row>(Prisma.sql`
    SELECT d."type" AS "type"${columns(keys, dimensions)}, ${Prisma.join(sums)}
    FROM "AnalyticsDaily" d WHERE ${Prisma.join(where, " AND ")}
    GROUP BY ${groupBy(dimensions)} HAVING SUM(d."count") > 0`);
  return rows.map((row) => tally(row, dimensions));
}

/**
 * The same sums from the events. Props are read only when voice turns are asked for: naming the
 * column anywhere would take the query off the covering index (a table lookup per event).
 */
async function fromEvents(scope: EventScope, range: Range, types: string[], dimensions: Dimension[]): Promise<Tally[]> {
  const voice = types.includes("voice_turn");
  const hits: Prisma.Sql[] = [];
  if (types.includes("knowledge")) hits.push(Prisma.sql`(e."type" = 'knowledge' AND e."value" = 0)`);
  if (types.includes("intent")) hits.push(Prisma.sql`(e."type" = 'intent' AND e."intent" = 'fallback')`);
  if (voice) hits.push(Prisma.sql`(e."type" = 'voice_turn' AND ${scope.propTrue("bargeIn")})`);
  const hit = hits.length ? Prisma.sql`CASE WHEN ${Prisma.join(hits, " OR ")} THEN 1 ELSE 0 END` : Prisma.sql`0`;
  const label = Prisma.sql`CASE e."type" WHEN 'intent' THEN e."intent"${voice ? Prisma.sql` WHEN 'voice_turn' THEN ${scope.prop("engine")}` : Prisma.empty} END`;
  const expressions: Record<Dimension, Prisma.Sql> = {
    day: scope.day,
    channel: Prisma.sql`e."channel"`,
    flowId: Prisma.sql`e."flowId"`,
    team: Prisma.sql`e."team"`,
    agentId: Prisma.sql`e."agentId"`,
    label,
  };
  const rows = await scope.rows<Row>(Prisma.sql`
    SELECT e."type" AS "type"${columns(dimensions.map((d) => expressions[d]), dimensions)},
      COUNT(*) AS "count", SUM(${hit}) AS "hits",
      COUNT(e."value") AS "valueCount", SUM(e."value") AS "valueSum", COUNT(e."value2") AS "value2Count", SUM(e."value2") AS "value2Sum",
      SUM(CASE WHEN e."value2" > 0 AND e."value" IS NOT NULL THEN 1 ELSE 0 END) AS "shareCount",
      SUM(CASE WHEN e."value2" > 0 THEN e."value" / e."value2" END) AS "shareSum"
    ${scope.from(types, range)}
    GROUP BY ${groupBy(dimensions)}`);
  return rows.map((row) => tally(row, dimensions));
}

const columns = (expressions: Prisma.Sql[], dimensions: Dimension[]) =>
  expressions.length ? Prisma.sql`, ${Prisma.join(expressions.map((sql, i) => Prisma.sql`${sql} AS ${Prisma.raw(`"${dimensions[i]}"`)}`))}` : Prisma.empty;

/** Grouped by position: the type, then each dimension. */
const groupBy = (dimensions: Dimension[]) => Prisma.raw(["1", ...dimensions.map((_, i) => String(i + 2))].join(", "));

function tally(row: Row, dimensions: Dimension[]): Tally {
  const keys: Tally["keys"] = {};
  for (const d of dimensions) keys[d] = row[d] === null || row[d] === undefined ? null : String(row[d]);
  const result = { type: String(row.type), keys } as Tally;
  for (const field of SUMS) result[field] = num(row[field]) ?? 0;
  return result;
}

/** The parts' tallies with the same type and keys added together. */
function merge(parts: Tally[][]): Tally[] {
  const byKey = new Map<string, Tally>();
  for (const row of parts.flat()) {
    const key = JSON.stringify([row.type, row.keys]);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, row);
    else for (const field of SUMS) seen[field] += row[field];
  }
  return [...byKey.values()];
}
