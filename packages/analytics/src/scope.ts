import { z } from "zod";
import { databaseKindOf, Prisma, type Db } from "@parley/db";
import { CHANNELS, idSchema, labelSchema } from "@parley/flow";

/**
 * What every dashboard query takes: a time range and the filters (flow, channel, team, agent,
 * intent). Flow and channel never change during a conversation and are matched on each event;
 * team, agent and intent select the conversations that were handed to that team, assigned to that
 * agent or recognised with that intent, so a conversation's figures (started, resolved, rated)
 * follow it into the team's or agent's view even from before the handoff.
 */
export const analyticsFiltersSchema = z.object({
  flowId: idSchema.optional(),
  channel: z.enum(CHANNELS).optional(),
  team: labelSchema("team", 100).optional(),
  agentId: idSchema.optional(),
  intent: labelSchema("intent", 40).optional(),
});
export type AnalyticsFilters = z.infer<typeof analyticsFiltersSchema>;

/** At most a year per query: the dashboards read it twice (with the previous period). */
const MAX_RANGE_MS = 366 * 24 * 3600 * 1000;

export const analyticsInputSchema = z
  .object({ from: z.iso.datetime(), to: z.iso.datetime(), filters: analyticsFiltersSchema.default({}) })
  .refine((input) => Date.parse(input.from) < Date.parse(input.to), { error: "from must be before to" })
  .refine((input) => Date.parse(input.to) - Date.parse(input.from) <= MAX_RANGE_MS, { error: "at most a year at a time" });
export type AnalyticsInput = z.infer<typeof analyticsInputSchema>;

export interface Range {
  from: Date;
  to: Date;
}

/** The period just before, as long as the one asked for: what the figures compare with. */
export function previousRange(range: Range): Range {
  const length = range.to.getTime() - range.from.getTime();
  return { from: new Date(range.from.getTime() - length), to: range.from };
}

/** A figure of the asked period and of the previous one (null: nothing to measure). */
export interface Figure {
  value: number | null;
  previous: number | null;
}

type FactKind = "team" | "agent" | "intent";

/** Event types not copied under the facts (ConversationFactEvent): no filtered dashboard reads them. */
const UNCOPIED_TYPES = new Set(["message", "node_left"]);

/** One dashboard query's world: the workspace, its dialect, the filters. */
export class EventScope {
  readonly postgres: boolean;

  constructor(
    readonly db: Db,
    readonly workspaceId: string,
    readonly filters: AnalyticsFilters,
  ) {
    this.postgres = databaseKindOf(db) === "postgres";
  }

  /**
   * `FROM ... WHERE` for events of these types in the range, filters applied (alias `e`). With a
   * team, agent or intent filter the events are read from their copies under that fact
   * (ConversationFactEvent, kept by triggers: packages/db README): a range of the fact's own events
   * on its covering index, where the events of the whole range, each probing the fact's
   * conversation list, cost 2-9 times the CPU (packages/analytics README). Messages and node runs are not
   * copied, so a read of them probes the list; so does a second fact filter.
   */
  from(types: string[], range: Range, extra: Prisma.Sql = Prisma.empty): Prisma.Sql {
    const fact = types.some((type) => UNCOPIED_TYPES.has(type)) ? undefined : this.drivingFact();
    const table = fact ? Prisma.sql`"ConversationFactEvent" e` : Prisma.sql`"AnalyticsEvent" e`;
    const parts = fact ? [Prisma.sql`e."factKind" = ${fact.kind}`, Prisma.sql`e."factValue" = ${fact.value}`] : [];
    return Prisma.sql`FROM ${table} ${this.where(types, range, extra, parts, fact?.kind)}`;
  }

  /** `WHERE` for events of these types in the range, filters applied (alias `e`) but `driven`'s, already in `first`. */
  private where(types: string[], range: Range, extra: Prisma.Sql = Prisma.empty, first: Prisma.Sql[] = [], driven?: FactKind): Prisma.Sql {
    const parts: Prisma.Sql[] = [
      Prisma.sql`e."workspaceId" = ${this.workspaceId}`,
      ...first,
      types.length === 1 ? Prisma.sql`e."type" = ${types[0]}` : Prisma.sql`e."type" IN (${Prisma.join(types)})`,
      Prisma.sql`e."at" >= ${this.time(range.from)}`,
      Prisma.sql`e."at" < ${this.time(range.to)}`,
    ];
    parts.push(...this.filtered("e", driven));
    if (extra !== Prisma.empty) parts.push(extra);
    return Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}`;
  }

  /** The first of the team, agent and intent filters, the one a filtered read is driven from. */
  private drivingFact(): { kind: FactKind; value: string } | undefined {
    const { team, agentId, intent } = this.filters;
    if (team) return { kind: "team", value: team };
    if (agentId) return { kind: "agent", value: agentId };
    if (intent) return { kind: "intent", value: intent };
    return undefined;
  }

  /**
   * The filters as conditions on a table (alias `alias`) that has a conversation's
   * "conversationId", "flowId" and "channel": the events, or the assignment spans stored from them.
   */
  filtered(alias: "e" | "s", driven?: FactKind): Prisma.Sql[] {
    const parts: Prisma.Sql[] = [];
    const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
    const { flowId, channel, team, agentId, intent } = this.filters;
    if (flowId) parts.push(Prisma.sql`${column("flowId")} = ${flowId}`);
    if (channel) parts.push(Prisma.sql`${column("channel")} = ${this.channel(channel)}`);
    if (team && driven !== "team") parts.push(this.conversationsWith(alias, "team", team));
    if (agentId && driven !== "agent") parts.push(this.conversationsWith(alias, "agent", agentId));
    if (intent && driven !== "intent") parts.push(this.conversationsWith(alias, "intent", intent));
    return parts;
  }

  /**
   * Rows of the conversations handed to a team, assigned to an agent or recognised with an intent:
   * the stored facts (ConversationFact, kept by triggers from the handoff, assignment and intent
   * events: packages/db README), read on their primary key, where listing the conversations from
   * the events scanned every such event of the workspace for each of a dashboard's queries. SQLite
   * would drive the query from that list through the conversationId index (a table lookup per
   * event, seconds at 100k conversations); the unary plus keeps it on the covering index's range
   * scan, probing the list instead. PostgreSQL plans a hash semi-join on its own (and has no text `+`).
   */
  private conversationsWith(alias: "e" | "s", kind: FactKind, value: string): Prisma.Sql {
    const column = Prisma.raw(this.postgres ? `${alias}."conversationId"` : `+${alias}."conversationId"`);
    return Prisma.sql`${column} IN (SELECT f."conversationId" FROM "ConversationFact" f WHERE f."workspaceId" = ${this.workspaceId} AND f."kind" = ${kind} AND f."value" = ${value})`;
  }

  /** A channel as a value to compare a column with (PostgreSQL's column is an enum). */
  channel(value: string): Prisma.Sql {
    return this.postgres ? Prisma.sql`${value}::"Channel"` : Prisma.sql`${value}`;
  }

  time(value: Date): Prisma.Sql {
    return this.postgres ? Prisma.sql`${value}::timestamp(3)` : Prisma.sql`${value}`;
  }

  /** The event's day (UTC) as YYYY-MM-DD: SQLite stores ISO text, PostgreSQL a timestamp. */
  get day(): Prisma.Sql {
    return this.postgres ? Prisma.sql`to_char(e."at", 'YYYY-MM-DD')` : Prisma.sql`substr(e."at", 1, 10)`;
  }

  /** A text field of the event's props. */
  prop(name: string): Prisma.Sql {
    return this.postgres ? Prisma.sql`(e."props"->>${name})` : Prisma.sql`json_extract(e."props", ${`$.${name}`})`;
  }

  /** True where a boolean prop is true (SQLite's json_extract answers 1, PostgreSQL's ->> 'true'). */
  propTrue(name: string): Prisma.Sql {
    return this.postgres ? Prisma.sql`(e."props"->>${name}) = 'true'` : Prisma.sql`json_extract(e."props", ${`$.${name}`}) = 1`;
  }

  async rows<T>(query: Prisma.Sql): Promise<T[]> {
    return this.db.$queryRaw<T[]>(query);
  }

  /** The query for both periods, in parallel. */
  async both<T>(range: Range, run: (range: Range) => Promise<T>): Promise<[T, T]> {
    return Promise.all([run(range), run(previousRange(range))]);
  }
}

/** Numbers as the drivers return them (bigint counts, numeric strings) as numbers; null stays null. */
export function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function ratio(part: number | null, whole: number | null): number | null {
  return part === null || !whole ? null : part / whole;
}
