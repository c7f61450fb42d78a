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
  const rows =
    databaseKindOf(db) === "postgres"
      ? await db.$queryRaw<SearchHit[]>(Prisma.sql`
          WITH q AS (SELECT to_tsquery('simple', ${toTsquery(terms)}) AS query),
          hits AS (
            SELECT m."conversationId" AS cid, ts_rank(to_tsvector('simple', m."text"), q.query) AS score, m."id" AS mid
            FROM "Message" m, q WHERE to_tsvector('simple', m."text") @@ q.query
            UNION ALL
            SELECT c."id", 2 * ts_rank(to_tsvector('simple', coalesce(ct."name", '') || ' ' || coalesce(ct."email", '')), q.query), NULL
            FROM "Contact" ct JOIN "Conversation" c ON c."contactId" = ct."id", q
            WHERE ct."workspaceId" = ${workspaceId}
              AND to_tsvector('simple', coalesce(ct."name", '') || ' ' || coalesce(ct."email", '')) @@ q.query
          ),
          best AS (
            SELECT DISTINCT ON (h.cid) h.cid, h.score, h.mid FROM hits h JOIN "Conversation" c ON c."id" = h.cid
            WHERE c."workspaceId" = ${workspaceId} AND c."test" = false
            ORDER BY h.cid, h.score DESC, h.mid NULLS LAST
          )
          SELECT cid AS "conversationId", score::float8 AS score, mid AS "messageId" FROM best
          ORDER BY score DESC, cid LIMIT ${limit}`)
      : await db.$queryRaw<SearchHit[]>(Prisma.sql`
          WITH hits AS (
            SELECT m."conversationId" AS cid, -bm25("MessageSearch") AS score, m."id" AS mid
            FROM "MessageSearch" JOIN "Message" m ON m."rowid" = "MessageSearch"."rowid"
            WHERE "MessageSearch" MATCH ${toFts5(terms)}
            UNION ALL
            SELECT c."id", -2 * bm25("ContactSearch"), NULL
            FROM "ContactSearch" JOIN "Contact" ct ON ct."rowid" = "ContactSearch"."rowid" JOIN "Conversation" c ON c."contactId" = ct."id"
            WHERE "ContactSearch" MATCH ${toFts5(terms)} AND ct."workspaceId" = ${workspaceId}
          )
          SELECT h.cid AS "conversationId", MAX(h.score) AS score, h.mid AS "messageId"
          FROM hits h JOIN "Conversation" c ON c."id" = h.cid
          WHERE c."workspaceId" = ${workspaceId} AND c."test" = 0
          GROUP BY h.cid ORDER BY score DESC, h.cid LIMIT ${limit}`);
  return rows.map((row) => ({ conversationId: row.conversationId, score: Number(row.score), messageId: row.messageId ?? null }));
}

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
