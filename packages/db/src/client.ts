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
 * SQLite is shared by the API and worker processes, so it runs in WAL mode (readers never block
 * the writer), waits for a busy lock instead of failing, and syncs at checkpoints rather than on
 * every commit (a crash can lose the last commits of the OS, not corrupt the file; Temporal
 * replays the turn and the idempotent writes redo them).
 */
export async function createDb(url: string = dbEnv.databaseUrl): Promise<Db> {
  const adapter = adapterFactory(url);
  if (databaseKind(url) === "postgres") return new PostgresClient({ adapter }) as unknown as Db;
  const db = new SqliteClient({ adapter });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  return db;
}
