import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { adapterFactory, databaseKind, type DatabaseKind } from "./adapter";
import { dbEnv } from "./env";
import type { Prisma } from "./generated/sqlite/client";
import { writeOnAdapter, type DbConnection } from "./raw-writes";
import { readOnAdapter } from "./raw-reads";

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
  const connection: DbConnection = { kind };
  adapter.onConnect = (connected: unknown) => {
    connection.adapter = connected as unknown as DbConnection["adapter"];
  };
  connections.set(db, connection);
  return db;
}

/** The engine (and, once connected, the driver adapter) behind each client createDb made. */
const connections = new WeakMap<Db, DbConnection>();

/**
 * Which engine a client talks to, for the few hot writes that are raw SQL (their casts and
 * types differ). A client made elsewhere is assumed to be SQLite, the embedded default.
 */
export function databaseKindOf(db: Db): DatabaseKind {
  return connections.get(db)?.kind ?? "sqlite";
}

/**
 * Runs raw statements in one transaction on the client's driver adapter (raw-writes.ts says
 * why); a client made elsewhere runs them through Prisma. Resolves with each one's row count.
 */
export async function writeTransaction(db: Db, statements: Prisma.Sql[]): Promise<number[]> {
  const connection = connections.get(db);
  if (!connection) return db.$transaction(statements.map((statement) => db.$executeRaw(statement)));
  return writeOnAdapter(connection, () => db.$connect(), statements);
}

/**
 * Runs one raw read on the client's driver adapter (raw-reads.ts says when that is worth it); a
 * client made elsewhere runs it through Prisma.
 */
export async function readRows<Row>(db: Db, statement: Prisma.Sql): Promise<Row[]> {
  const connection = connections.get(db);
  if (!connection) return db.$queryRaw<Row[]>(statement);
  return readOnAdapter<Row>(connection, () => db.$connect(), statement);
}
