import { z } from "zod";
import { Prisma } from "@parley/db";
import { num, type EventScope, type Range } from "./scope";

/**
 * Ratings by how they read, as shares of their scale (so 1-5 and 1-10 agree): dissatisfied below
 * 60 % (1–2 of 5, as the "dissatisfied" drill-down), satisfied from 80 % (4–5 of 5, as CSAT counts).
 */
const RATING_BANDS = {
  all: () => Prisma.empty,
  dissatisfied: () => Prisma.sql`e."value" < 0.6 * e."value2"`,
  neutral: () => Prisma.sql`e."value" >= 0.6 * e."value2" AND e."value" < 0.8 * e."value2"`,
  satisfied: () => Prisma.sql`e."value" >= 0.8 * e."value2"`,
} satisfies Record<string, () => Prisma.Sql>;

export const commentFiltersSchema = z.object({
  rating: z.enum(Object.keys(RATING_BANDS) as [keyof typeof RATING_BANDS, ...(keyof typeof RATING_BANDS)[]]).default("all"),
  /** Words the comment contains (case-insensitive). */
  search: z.string().trim().max(100).optional(),
});
export type CommentFilters = z.infer<typeof commentFiltersSchema>;

const LIMIT = 100;

/**
 * What customers wrote with their rating (a csat node with a comment question), latest first, at
 * most 100, with the dashboard's filters, a rating band and words to look for; each with its
 * score, the agent and flow, and the conversation to open.
 */
export async function satisfactionComments(scope: EventScope, range: Range, filters: CommentFilters) {
  const comment = scope.prop("comment");
  const parts = [Prisma.sql`e."value2" > 0`];
  const band = RATING_BANDS[filters.rating]();
  if (band !== Prisma.empty) parts.push(band);
  if (filters.search) {
    // Both dialects: LOWER on each side, the LIKE wildcards in the words taken literally.
    const pattern = `%${filters.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(Prisma.sql`LOWER(${comment}) LIKE ${pattern} ESCAPE '\\'`);
  }
  const from = scope.from(["csat_comment"], range, Prisma.join(parts, " AND "));
  const [rows, [count]] = await Promise.all([
    scope.rows<{ conversationId: string; at: unknown; score: unknown; scale: unknown; comment: string | null; agentId: string | null; flowId: string | null }>(Prisma.sql`
      SELECT e."conversationId" AS "conversationId", e."at" AS "at", e."value" AS "score", e."value2" AS "scale",
        ${comment} AS "comment", e."agentId" AS "agentId", e."flowId" AS "flowId"
      ${from}
      ORDER BY e."at" DESC, e."conversationId" LIMIT ${LIMIT}`),
    scope.rows<{ total: unknown }>(Prisma.sql`SELECT COUNT(*) AS "total" ${from}`),
  ]);
  const ids = (key: "agentId" | "flowId") => [...new Set(rows.map((row) => row[key]).filter((id): id is string => id !== null))];
  const [people, flows] = await Promise.all([
    scope.db.user.findMany({ where: { id: { in: ids("agentId") }, memberships: { some: { workspaceId: scope.workspaceId } } }, select: { id: true, name: true, email: true } }),
    scope.db.flow.findMany({ where: { workspaceId: scope.workspaceId, id: { in: ids("flowId") } }, select: { id: true, name: true } }),
  ]);
  return {
    total: num(count?.total) ?? 0,
    comments: rows.map((row) => {
      const person = people.find((p) => p.id === row.agentId);
      return {
        conversationId: row.conversationId,
        at: (row.at instanceof Date ? row.at : new Date(String(row.at))).toISOString(),
        score: num(row.score) ?? 0,
        scale: num(row.scale) ?? 0,
        comment: row.comment ?? "",
        agent: row.agentId ? (person ? person.name || person.email : "(former member)") : null,
        flow: row.flowId ? (flows.find((f) => f.id === row.flowId)?.name ?? "(deleted flow)") : null,
      };
    }),
  };
}
