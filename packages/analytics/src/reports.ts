import { z } from "zod";
import { mean, meanShare, tallies, total, byText, type Dimension, type Tally } from "./daily";
import type { EventScope, Range } from "./scope";

/**
 * Custom reports: one metric, grouped by a dimension and/or a time grain, over the dashboards'
 * filters and daily tallies (so a report agrees with the dashboards to the last digit). The
 * metrics and dimensions are typed registries: adding one is a line here, and the builder's
 * pickers and the saved definitions' validation follow from it.
 */
type Read = (tally: Tally) => number | null;
const count: Read = (t) => t.count;
const hitRate: Read = (t) => (t.count ? t.hits / t.count : null);

export const REPORT_METRICS = {
  conversations: { label: "Conversations started", type: "started", read: count, format: "count" },
  handoffs: { label: "Handoffs", type: "handoff", read: count, format: "count" },
  resolved: { label: "Conversations resolved", type: "resolved", read: count, format: "count" },
  resolutionSeconds: { label: "Resolution time (mean)", type: "resolved", read: mean, format: "duration" },
  firstResponseSeconds: { label: "First response (mean)", type: "first_response", read: mean, format: "duration" },
  csat: { label: "CSAT (share of scale)", type: "csat", read: meanShare, format: "percent" },
  ratings: { label: "Ratings", type: "csat", read: count, format: "count" },
  quality: { label: "Quality score (mean)", type: "quality", read: mean, format: "points" },
  fallbackRate: { label: "Intent fallback rate", type: "intent", read: hitRate, format: "percent" },
  unansweredRate: { label: "Questions not answered", type: "knowledge", read: hitRate, format: "percent" },
  slaWarnings: { label: "SLA warnings", type: "sla_warning", read: count, format: "count" },
  slaBreaches: { label: "SLA breaches", type: "sla_breach", read: count, format: "count" },
  voiceTurns: { label: "Voice turns", type: "voice_turn", read: count, format: "count" },
  sttConfidence: { label: "Speech recognition confidence", type: "voice_turn", read: mean, format: "percent" },
} satisfies Record<string, { label: string; type: string; read: Read; format: "count" | "percent" | "duration" | "points" }>;
export type ReportMetric = keyof typeof REPORT_METRICS;

/**
 * What a report can be split by besides time; `label` is the intent (intent metrics) or speech
 * engine. `missing` names the group of events without one (the bot's conversations have no agent);
 * `gone` names a flow or agent id that no longer exists.
 */
export const REPORT_DIMENSIONS = {
  none: { label: "Nothing", dimension: null, missing: "All" },
  channel: { label: "Channel", dimension: "channel", missing: "(no channel)" },
  flow: { label: "Flow", dimension: "flowId", missing: "(no flow)", gone: "(deleted flow)" },
  team: { label: "Team", dimension: "team", missing: "(no team)" },
  agent: { label: "Agent", dimension: "agentId", missing: "(no agent)", gone: "(former member)" },
  intent: { label: "Intent or speech engine", dimension: "label", missing: "(none)" },
} satisfies Record<string, { label: string; dimension: Dimension | null; missing: string; gone?: string }>;
export type ReportDimension = keyof typeof REPORT_DIMENSIONS;

export const REPORT_GRAINS = ["none", "day", "week", "month"] as const;
export type ReportGrain = (typeof REPORT_GRAINS)[number];

const keysOf = <T extends object>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];
export const reportDefinitionSchema = z.object({
  metric: z.enum(keysOf(REPORT_METRICS)),
  groupBy: z.enum(keysOf(REPORT_DIMENSIONS)).default("none"),
  grain: z.enum(REPORT_GRAINS).default("none"),
});
export type ReportDefinition = z.infer<typeof reportDefinitionSchema>;

export interface ReportRow {
  /** The period's first day (YYYY-MM-DD) when a grain is asked for. */
  period: string | null;
  /** The group's key (an id for flows and agents) and what to show for it. */
  key: string | null;
  name: string;
  value: number | null;
}

/** At most this many groups per period on screen: a report is for reading, the CSV for everything. */
const MAX_GROUPS = 50;

/** `allGroups`: every group of every period (the CSV export), not only the largest 50. */
export async function runReport(scope: EventScope, range: Range, definition: ReportDefinition, options: { allGroups?: boolean } = {}): Promise<ReportRow[]> {
  const metric = REPORT_METRICS[definition.metric];
  const dimension = REPORT_DIMENSIONS[definition.groupBy].dimension;
  const dimensions: Dimension[] = [...(definition.grain === "none" ? [] : (["day"] as const)), ...(dimension ? [dimension] : [])];
  const rows = await tallies(scope, range, [metric.type], dimensions);
  // Tallies add up, so a week or month is the sum of its days' tallies, and a mean stays exact.
  const groups = new Map<string, { period: string | null; key: string | null; rows: Tally[] }>();
  for (const row of rows) {
    const period = definition.grain === "none" ? null : periodOf(row.keys.day ?? "", definition.grain);
    const key = dimension ? (row.keys[dimension] ?? null) : null;
    const id = JSON.stringify([period, key]);
    const group = groups.get(id) ?? { period, key, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  const names = await namesOf(scope, definition.groupBy, [...groups.values()].map((group) => group.key));
  const split: { missing: string; gone?: string } = REPORT_DIMENSIONS[definition.groupBy];
  const result = [...groups.values()].map((group) => ({
    period: group.period,
    key: group.key,
    name: group.key === null ? split.missing : (names.get(group.key) ?? split.gone ?? group.key),
    value: metric.read(total(group.rows, metric.type)),
  }));
  // Per period, largest first; the group without a key ("(no agent)") last among equals.
  result.sort((a, b) => byText(a.period, b.period) || (b.value ?? -Infinity) - (a.value ?? -Infinity) || Number(a.key === null) - Number(b.key === null) || byText(a.name, b.name));
  return options.allGroups ? result : limitGroups(result);
}

/** A day's week (starting Monday) or month, as its first day. */
export function periodOf(day: string, grain: Exclude<ReportGrain, "none">): string {
  if (grain === "day") return day;
  if (grain === "month") return `${day.slice(0, 7)}-01`;
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

async function namesOf(scope: EventScope, groupBy: ReportDimension, keys: (string | null)[]): Promise<Map<string, string>> {
  const ids = keys.filter((key): key is string => key !== null);
  if (groupBy === "flow") {
    const flows = await scope.db.flow.findMany({ where: { workspaceId: scope.workspaceId, id: { in: ids } }, select: { id: true, name: true } });
    return new Map(flows.map((flow) => [flow.id, flow.name]));
  }
  if (groupBy === "agent") {
    const members = await scope.db.member.findMany({ where: { workspaceId: scope.workspaceId, userId: { in: ids } }, select: { user: { select: { id: true, name: true, email: true } } } });
    return new Map(members.map(({ user }) => [user.id, user.name || user.email]));
  }
  return new Map();
}

function limitGroups(rows: ReportRow[]): ReportRow[] {
  const perPeriod = new Map<string | null, number>();
  return rows.filter((row) => {
    const seen = perPeriod.get(row.period) ?? 0;
    perPeriod.set(row.period, seen + 1);
    return seen < MAX_GROUPS;
  });
}
