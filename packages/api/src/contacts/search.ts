import { databaseKindOf, Prisma, type Db } from "@parley/db";
import { parseSearch, toFts5, toTsquery } from "../inbox/search-query";
import { identitySearchPrefixes } from "./identities";

/** A search looks at this many matches at most; the page shows them newest first. */
export const MAX_SEARCH_MATCHES = 500;

/**
 * The ids of the workspace's contacts whose name or email has the query's words (SQLite FTS5's
 * ContactSearch, PostgreSQL's GIN-indexed tsvector: the inbox search's indexes), or one of whose
 * identities starts with the query (an email, an E.164 phone number typed with or without the
 * + and spaces, a visitor or external id), through the (workspaceId, value) index.
 */
export async function matchingContactIds(db: Db, workspaceId: string, query: string): Promise<string[]> {
  const postgres = databaseKindOf(db) === "postgres";
  const terms = parseSearch(query);
  const [byWords, ...byIdentity] = await Promise.all([
    terms.length === 0
      ? Promise.resolve([])
      : db.$queryRaw<{ id: string }[]>(postgres ? wordsPostgres(workspaceId, toTsquery(terms)) : wordsSqlite(workspaceId, toFts5(terms))),
    ...identitySearchPrefixes(query).map((prefix) =>
      db.contactIdentity.findMany({
        // SQLite compares bytes, so a range is a prefix match on the index; PostgreSQL's LIKE
        // 'prefix%' uses the migration's text_pattern_ops index.
        where: { workspaceId, value: postgres ? { startsWith: prefix } : { gte: prefix, lt: `${prefix}\uffff` } },
        select: { contactId: true },
        take: MAX_SEARCH_MATCHES,
      }),
    ),
  ]);
  const ids = new Set(byWords.map((row) => row.id));
  for (const rows of byIdentity) for (const row of rows) ids.add(row.contactId);
  return [...ids].slice(0, MAX_SEARCH_MATCHES);
}

// CROSS JOIN makes SQLite run the full-text match first and look each hit up by rowid: left to
// itself it walks the workspace's contacts by index and evaluates the MATCH once per contact
// (seconds on 10k contacts).
const wordsSqlite = (workspaceId: string, query: string) => Prisma.sql`
  SELECT ct."id" FROM "ContactSearch" CROSS JOIN "Contact" ct ON ct."rowid" = "ContactSearch"."rowid"
  WHERE "ContactSearch" MATCH ${query} AND ct."workspaceId" = ${workspaceId}
  LIMIT ${MAX_SEARCH_MATCHES}`;

// The expression is the GIN index's own (migration 20261206203000_inbox_search), word for word.
const wordsPostgres = (workspaceId: string, query: string) => Prisma.sql`
  SELECT ct."id" FROM "Contact" ct
  WHERE ct."workspaceId" = ${workspaceId}
    AND to_tsvector('simple', coalesce(ct."name", '') || ' ' || coalesce(ct."email", '')) @@ to_tsquery('simple', ${query})
  LIMIT ${MAX_SEARCH_MATCHES}`;
