import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { adapterFactory, databaseKind, type DatabaseKind } from "./adapter";
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
  const kind = databaseKind(url);
  const db = kind === "postgres" ? (new PostgresClient({ adapter }) as unknown as Db) : new SqliteClient({ adapter });
  kinds.set(db, kind);
  return db;
}

/** The engine behind each client createDb made (the client's type does not say). */
const kinds = new WeakMap<Db, DatabaseKind>();

/**
 * Which engine a client talks to, for the few hot writes that are raw SQL (their casts and
 * types differ). A client made elsewhere is assumed to be SQLite, the embedded default.
 */
export function databaseKindOf(db: Db): DatabaseKind {
  return kinds.get(db) ?? "sqlite";
}
