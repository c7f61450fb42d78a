import { Sqlite3Client } from "@libsql/client/sqlite3";
import type { InStatement } from "@libsql/client";
import type { Db } from "@parley/db";

const counts = new Map<string, number>();
let installed = false;

/** "INSERT Message", "SELECT Conversation", "BEGIN": the verb and first table of a statement. */
function label(statement: InStatement): string {
  const sql = typeof statement === "string" ? statement : statement.sql;
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? "?";
  const table = /(?:FROM|INTO|UPDATE)\s+(?:`?main`?\.)?[`"]?(\w+)/i.exec(sql)?.[1] ?? "";
  return `${verb} ${table}`.trim();
}

/**
 * Counts the SQL statements the app's SQLite connections run (every Prisma query and raw write
 * ends in Sqlite3Client.execute; BEGIN/COMMIT of a transaction are exec() calls and not counted),
 * from now until the returned function is called. Bench-only instrumentation.
 */
export function countStatements(_db: Db): () => Map<string, number> {
  if (!installed) {
    installed = true;
    const execute = Sqlite3Client.prototype.execute;
    Sqlite3Client.prototype.execute = function (this: Sqlite3Client, ...args: Parameters<typeof execute>) {
      const key = label(args[0] as InStatement);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return execute.apply(this, args);
    } as typeof execute;
  }
  const before = new Map(counts);
  return () => new Map([...counts].map(([key, count]) => [key, count - (before.get(key) ?? 0)] as const).filter(([, count]) => count > 0).sort((a, b) => b[1] - a[1]));
}
