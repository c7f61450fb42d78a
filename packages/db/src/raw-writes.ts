import type { Prisma } from "./generated/sqlite/client";
import type { DatabaseKind } from "./adapter";

/** The driver adapter Prisma connected through (libsql's or pg's), as far as raw writes use it. */
interface ConnectedAdapter {
  /** A statement outside any transaction (raw-reads.ts). */
  queryRaw(query: AdapterQuery): Promise<{ columnNames: string[]; rows: unknown[][] }>;
  startTransaction(): Promise<{
    /** true: commit() and rollback() end the transaction (libsql); false: they only release the connection (pg). */
    readonly options: { usePhantomQuery: boolean };
    executeRaw(query: AdapterQuery): Promise<number>;
    commit(): Promise<void>;
    rollback(): Promise<void>;
  }>;
}

/** A statement as the adapter takes it: the engine's placeholders, each argument's type. */
export interface AdapterQuery {
  sql: string;
  args: unknown[];
  argTypes: { scalarType: string; arity: "scalar" }[];
}

/** What createDb knows about a client: its engine and, once Prisma has connected, its adapter. */
export interface DbConnection {
  kind: DatabaseKind;
  adapter?: ConnectedAdapter;
}

/**
 * Text that is not well-formed UTF-16 (a lone surrogate) cannot be stored as it is: Prisma's
 * engine refused it, the raw path refuses it too instead of letting the driver replace it.
 */
export class UnstorableTextError extends Error {
  override readonly name = "UnstorableTextError";
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Runs `statements` (Prisma.sql) in one transaction straight on the driver adapter Prisma uses,
 * and returns each statement's count of changed rows. The adapter's own lock (SQLite's one
 * connection) and pool (PostgreSQL) still order these writes with every Prisma query; what is
 * skipped is Prisma's query compiler and transaction manager, which cost more CPU than SQLite's
 * work itself on the hottest write (a conversation's turn; bench/message-roundtrip).
 * Failures are the adapter's DriverAdapterError (dbErrorInfo reads them) or UnstorableTextError.
 */
export async function writeOnAdapter(connection: DbConnection, connect: () => Promise<void>, statements: Prisma.Sql[]): Promise<number[]> {
  const queries = statements.map((statement) => {
    for (const value of statement.values) {
      if (typeof value === "string" && LONE_SURROGATE.test(value)) throw new UnstorableTextError("text with a lone UTF-16 surrogate cannot be stored");
    }
    return adapterQuery(connection, statement);
  });
  const adapter = await connectedAdapter(connection, connect);
  const transaction = await adapter.startTransaction();
  // As Prisma's own transaction manager does: pg's adapter wants COMMIT and ROLLBACK sent as
  // queries before commit() and rollback() give its connection back to the pool.
  const end = async (sql: "COMMIT" | "ROLLBACK") => {
    if (transaction.options.usePhantomQuery) return sql === "COMMIT" ? transaction.commit() : transaction.rollback();
    try {
      await transaction.executeRaw({ sql, args: [], argTypes: [] });
    } finally {
      // A failed COMMIT has ended the transaction too: the connection is released either way.
      await (sql === "COMMIT" ? transaction.commit() : transaction.rollback());
    }
  };
  const counts: number[] = [];
  try {
    for (const query of queries) counts.push(await transaction.executeRaw(query));
  } catch (err) {
    await end("ROLLBACK").catch(() => undefined);
    throw err;
  }
  // A failed COMMIT ends the transaction itself (libsql's rolls back and releases the lock): no
  // rollback after it.
  await end("COMMIT");
  return counts;
}

/** A Prisma.sql statement as the connection's adapter takes it. */
export function adapterQuery(connection: DbConnection, statement: Prisma.Sql): AdapterQuery {
  return {
    // Prisma.sql renders `?` placeholders (SQLite) as `sql` and `$1` ones (PostgreSQL) as `text`.
    sql: connection.kind === "postgres" ? statement.text : statement.sql,
    args: statement.values,
    argTypes: statement.values.map(argType),
  };
}

/** The connection's adapter, connecting Prisma first if it has not yet. */
export async function connectedAdapter(connection: DbConnection, connect: () => Promise<void>): Promise<ConnectedAdapter> {
  if (!connection.adapter) await connect();
  if (!connection.adapter) throw new Error("the database adapter did not connect");
  return connection.adapter;
}

/** How the adapter converts a value: dates as Prisma would write them, the rest as they are. */
function argType(value: unknown): { scalarType: string; arity: "scalar" } {
  if (value instanceof Date) return { scalarType: "datetime", arity: "scalar" };
  if (typeof value === "number") return { scalarType: Number.isInteger(value) ? "int" : "float", arity: "scalar" };
  if (typeof value === "string") return { scalarType: "string", arity: "scalar" };
  return { scalarType: "unknown", arity: "scalar" };
}
