import { z } from "zod";
import { Prisma } from "@parley/db";
import { num, type EventScope, type Range } from "./scope";

/** The figures a dashboard lets one open: which events stand behind each. */
const DRILL_DOWNS = {
  conversations: { types: ["started"] },
  handedOff: { types: ["handoff"] },
  resolved: { types: ["resolved"] },
  fallback: { types: ["intent"], where: () => Prisma.sql`e."intent" = 'fallback'` },
  unanswered: { types: ["knowledge"], where: () => Prisma.sql`e."value" = 0` },
  firstResponse: { types: ["first_response"] },
  slaBreached: { types: ["sla_breach"] },
  rated: { types: ["csat"] },
  dissatisfied: { types: ["csat"], where: () => Prisma.sql`e."value2" > 0 AND e."value" < 0.6 * e."value2"` },
  voiceTurns: { types: ["voice_turn"] },
  bargeIns: { types: ["voice_turn"], where: (scope: EventScope) => scope.propTrue("bargeIn") },
  /** Scored below "fair" (packages/ai quality): the conversations a supervisor should review. */
  poorQuality: { types: ["quality"], where: () => Prisma.sql`e."value" < 50` },
} satisfies Record<string, { types: string[]; where?: (scope: EventScope) => Prisma.Sql }>;

export const drillDownSchema = z.enum(Object.keys(DRILL_DOWNS) as [keyof typeof DRILL_DOWNS, ...(keyof typeof DRILL_DOWNS)[]]);
export type DrillDown = z.infer<typeof drillDownSchema>;

const LIMIT = 100;

/** The conversations behind a figure, latest first (at most 100), as the inbox lists them. */
export async function drillDown(scope: EventScope, range: Range, figure: DrillDown) {
  const spec: { types: string[]; where?: (scope: EventScope) => Prisma.Sql } = DRILL_DOWNS[figure];
  const rows = await scope.rows<{ conversationId: string; at: unknown; value: unknown }>(Prisma.sql`
    SELECT e."conversationId" AS "conversationId", MAX(e."at") AS "at", MAX(e."value") AS "value"
    ${scope.from(spec.types, range, spec.where?.(scope) ?? Prisma.empty)}
    GROUP BY 1 ORDER BY 2 DESC LIMIT ${LIMIT}`);
  const conversations = await scope.db.conversation.findMany({
    where: { workspaceId: scope.workspaceId, id: { in: rows.map((row) => row.conversationId) } },
    select: { id: true, status: true, channel: true, team: true, createdAt: true, contact: { select: { name: true, email: true, phone: true } } },
  });
  return rows.flatMap((row) => {
    const conversation = conversations.find((c) => c.id === row.conversationId);
    if (!conversation) return [];
    const { contact, createdAt, ...rest } = conversation;
    return [
      {
        ...rest,
        contact: contact.name ?? contact.email ?? contact.phone ?? "Anonymous",
        startedAt: createdAt.toISOString(),
        at: timeOf(row.at, createdAt).toISOString(),
        value: num(row.value),
      },
    ];
  });
}

/** MAX("at") as the engines return it: a Date (PostgreSQL) or the stored ISO text (SQLite). */
function timeOf(value: unknown, fallback: Date): Date {
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? fallback : date;
}
