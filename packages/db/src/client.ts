import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { adapterFactory, databaseKind } from "./adapter";
import { dbEnv } from "./env";

/**
 * Both generated clients expose the same model API (they come from one schema), so the SQLite
 * client's type stands for either.
 */
export type Db = SqliteClient;

/**
 * Opens the app database at `url` (default: the configured DATABASE_URL or embedded SQLite).
 *
 * SQLite is shared by the API and worker processes: each process holds one connection in WAL
 * mode with a busy timeout, and every transaction begins IMMEDIATE (sqlite-connection.ts says why).
 */
export async function createDb(url: string = dbEnv.databaseUrl): Promise<Db> {
  const adapter = adapterFactory(url);
  if (databaseKind(url) === "postgres") return new PostgresClient({ adapter }) as unknown as Db;
  return new SqliteClient({ adapter });
}
