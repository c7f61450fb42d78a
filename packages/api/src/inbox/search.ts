import { databaseKindOf, Prisma, type Db } from "@parley/db";
import { toFts5, toTsquery, type SearchTerm } from "./search-query";

/** A conversation that matched, best first: its score (higher is better) and its best message. */
export interface SearchHit {
  conversationId: string;
  score: number;
  /** The best matching message; null when only the contact's name or email matched. */
  messageId: string | null;
}

/** A snippet as plain text pieces, matched words marked: the UI renders them, no HTML is trusted. */
export type Snippet = { text: string; match: boolean }[];

// Private-use characters mark matches in the engines' snippets; split on them into pieces.
const OPEN = "\uE000";
const CLOSE = "\uE001";

/**
 * The workspace's (non-test) conversations whose messages or contact match, ranked: SQLite FTS5's
 * bm25, PostgreSQL's ts_rank over the GIN-indexed expressions of the migration. A contact match
 * counts double (looking for a person is the commonest search). Visibility is NOT applied here:
 * the caller intersects these candidates with the conversations the person may see.
 */
export async function searchConversations(db: Db, workspaceId: string, terms: SearchTerm[], limit: number): Promise<SearchHit[]> {
  if (terms.length === 0) return [];
  const postgres = databaseKindOf(db) === "postgres";
  const [messages, contacts] = await Promise.all([
    db.$queryRaw<Row[]>(postgres ? messageHitsPostgres(workspaceId, toTsquery(terms), limit) : messageHitsSqlite(workspaceId, toFts5(terms), limit)),
    db.$queryRaw<Row[]>(postgres ? contactHitsPostgres(workspaceId, toTsquery(terms), limit) : contactHitsSqlite(workspaceId, toFts5(terms), limit)),
  ]);
  // A conversation's score is its best match; its snippet always comes from its best message.
  const hits = new Map<string, SearchHit>();
  for (const row of messages) hits.set(row.conversationId, { conversationId: row.conversationId, score: Number(row.score), messageId: row.messageId });
  for (const row of contacts) {
    const score = 2 * Number(row.score);
    const hit = hits.get(row.conversationId);
    if (!hit) hits.set(row.conversationId, { conversationId: row.conversationId, score, messageId: null });
    else if (score > hit.score) hit.score = score;
  }
  return [...hits.values()].sort((a, b) => b.score - a.score || (a.conversationId < b.conversationId ? -1 : 1)).slice(0, limit);
}

interface Row {
  conversationId: string;
  score: number;
  messageId: string | null;
}

// SQLite: bm25 is lower for better matches (negated here); it can only be computed next to the
// MATCH (so the matches are materialized before grouping); SQLite returns the bare column
// `messageId` of the row that holds the MAX.
const messageHitsSqlite = (workspaceId: string, query: string, limit: number) => Prisma.sql`
  WITH hits AS MATERIALIZED (
    SELECT m."conversationId" AS "conversationId", -bm25("MessageSearch") AS score, m."id" AS "messageId"
    FROM "MessageSearch" JOIN "Message" m ON m."rowid" = "MessageSearch"."rowid"
    WHERE "MessageSearch" MATCH ${query}
  )
  SELECT h."conversationId", MAX(h.score) AS score, h."messageId"
  FROM hits h JOIN "Conversation" c ON c."id" = h."conversationId"
  WHERE c."workspaceId" = ${workspaceId} AND c."test" = 0
  GROUP BY h."conversationId" ORDER BY score DESC, h."conversationId" LIMIT ${limit}`;

const contactHitsSqlite = (workspaceId: string, query: string, limit: number) => Prisma.sql`
  SELECT c."id" AS "conversationId", -bm25("ContactSearch") AS score, NULL AS "messageId"
  FROM "ContactSearch" JOIN "Contact" ct ON ct."rowid" = "ContactSearch"."rowid" JOIN "Conversation" c ON c."contactId" = ct."id"
  WHERE "ContactSearch" MATCH ${query} AND ct."workspaceId" = ${workspaceId} AND c."test" = 0
  ORDER BY score DESC, c."id" LIMIT ${limit}`;

// PostgreSQL: the expressions are the GIN indexes' own (the migration), word for word.
const messageHitsPostgres = (workspaceId: string, query: string, limit: number) => Prisma.sql`
  WITH q AS (SELECT to_tsquery('simple', ${query}) AS query),
  best AS (
    SELECT DISTINCT ON (m."conversationId") m."conversationId", ts_rank(to_tsvector('simple', m."text"), q.query) AS score, m."id"
    FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId", q
    WHERE to_tsvector('simple', m."text") @@ q.query AND c."workspaceId" = ${workspaceId} AND c."test" = false
    ORDER BY m."conversationId", score DESC, m."id"
  )
  SELECT "conversationId", score::float8 AS score, "id" AS "messageId" FROM best ORDER BY score DESC, "conversationId" LIMIT ${limit}`;

const contactHitsPostgres = (workspaceId: string, query: string, limit: number) => Prisma.sql`
  SELECT c."id" AS "conversationId", ts_rank(to_tsvector('simple', coalesce(ct."name", '') || ' ' || coalesce(ct."email", '')), q.query)::float8 AS score,
    NULL AS "messageId"
  FROM "Contact" ct JOIN "Conversation" c ON c."contactId" = ct."id", (SELECT to_tsquery('simple', ${query}) AS query) q
  WHERE ct."workspaceId" = ${workspaceId} AND c."test" = false
    AND to_tsvector('simple', coalesce(ct."name", '') || ' ' || coalesce(ct."email", '')) @@ q.query
  ORDER BY score DESC, c."id" LIMIT ${limit}`;

/** The matched words of each message in context, for the result list. */
export async function searchSnippets(db: Db, messageIds: string[], terms: SearchTerm[]): Promise<Map<string, Snippet>> {
  if (messageIds.length === 0 || terms.length === 0) return new Map();
  const rows =
    databaseKindOf(db) === "postgres"
      ? await db.$queryRaw<{ id: string; snippet: string }[]>(Prisma.sql`
          SELECT m."id", ts_headline('simple', m."text", to_tsquery('simple', ${toTsquery(terms)}),
            ${`StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=18, MinWords=6, ShortWord=0`}) AS snippet
          FROM "Message" m WHERE m."id" IN (${Prisma.join(messageIds)})`)
      : await db.$queryRaw<{ id: string; snippet: string }[]>(Prisma.sql`
          SELECT m."id", snippet("MessageSearch", 0, ${OPEN}, ${CLOSE}, '…', 16) AS snippet
          FROM "MessageSearch" JOIN "Message" m ON m."rowid" = "MessageSearch"."rowid"
          WHERE "MessageSearch" MATCH ${toFts5(terms)} AND m."id" IN (${Prisma.join(messageIds)})`);
  return new Map(rows.map((row) => [row.id, snippetPieces(row.snippet)]));
}

/** "a \uE000b\uE001 c" → [{a, false}, {b, true}, {c, false}]. */
export function snippetPieces(marked: string): Snippet {
  const pieces: Snippet = [];
  for (const part of marked.split(OPEN)) {
    const [inside, after] = part.includes(CLOSE) ? part.split(CLOSE, 2) : [null, part];
    if (inside) pieces.push({ text: inside, match: true });
    if (after) pieces.push({ text: after, match: false });
  }
  return pieces;
}
