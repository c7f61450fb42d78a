import Database from "libsql";
import { Sqlite3Client } from "@libsql/client/sqlite3";
import type { Client, InStatement, ResultSet, Transaction, TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Settings every connection gets, in this order (journal_mode needs no open transaction):
 * - WAL: readers never block the writer, so the API and the worker share the file;
 * - busy_timeout: wait for the other process's write lock instead of failing (also passed as
 *   libsql's `timeout` option, which is the same sqlite3_busy_timeout call);
 * - synchronous NORMAL: sync at checkpoints, not on every commit (a crash can lose the last
 *   commits, not corrupt the file; Temporal replays the turn and the idempotent writes redo them);
 * - foreign_keys ON: libsql's build enables them by default and the schema relies on them
 *   (cascades, refused orphans), so it is stated rather than assumed.
 */
const CONNECTION_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  "PRAGMA synchronous = NORMAL",
  "PRAGMA foreign_keys = ON",
];

/** `file:/abs/x.db`, `file:rel/x.db` or `:memory:` (the CLI's shadow database) → a libsql path. */
function sqlitePath(url: string): string {
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

/**
 * The part of @libsql/client's `Client` that @prisma/adapter-libsql 6.19 calls (execute,
 * executeMultiple, transaction, close; batch for completeness), over ONE libsql connection that
 * lives as long as the client.
 *
 * Why not @libsql/client's own Sqlite3Client: its `transaction()` gives its connection away to
 * the transaction and lazily opens a new one for the next statement, without the pragmas above
 * and with libsql's timeout at 0, and the transaction's connection is never closed (it lingers
 * until garbage collection). It also begins transactions DEFERRED, which take the write lock only
 * at their first write: if another process wrote in between, that upgrade fails with SQLITE_BUSY
 * at once, whatever the busy timeout. And if COMMIT throws, nothing rolls back, so the connection
 * keeps the write lock.
 *
 * One connection per process is safe because the Prisma adapter serializes all I/O of one
 * adapter through a mutex and holds it for a whole transaction; Sqlite3Client is still used to
 * run statements (argument and row conversion, error mapping), it just never opens another.
 */
export class SingleConnectionClient implements Pick<Client, "execute" | "batch" | "executeMultiple" | "close"> {
  readonly protocol = "file";
  readonly #connection: Database.Database;
  readonly #statements: Sqlite3Client;

  constructor(url: string) {
    const path = sqlitePath(url);
    const options = { timeout: SQLITE_BUSY_TIMEOUT_MS };
    this.#connection = new Database(path, options);
    for (const pragma of CONNECTION_PRAGMAS) this.#connection.exec(pragma);
    this.#statements = new Sqlite3Client(path, options, this.#connection, "number");
  }

  get closed(): boolean {
    return this.#statements.closed;
  }

  execute(statement: InStatement): Promise<ResultSet> {
    return this.#statements.execute(statement);
  }

  batch(statements: InStatement[], mode: TransactionMode = "write"): Promise<ResultSet[]> {
    return this.#statements.batch(statements, mode);
  }

  executeMultiple(sql: string): Promise<void> {
    return this.#statements.executeMultiple(sql);
  }

  /**
   * Always BEGIN IMMEDIATE, whatever mode the adapter asks for ("deferred"): the write lock is
   * taken (waiting up to the busy timeout) before the transaction reads anything, so it can never
   * fail later on a lock upgrade.
   */
  async transaction(): Promise<Transaction> {
    this.#connection.exec("BEGIN IMMEDIATE");
    return new ImmediateTransaction(this.#statements, this.#connection);
  }

  close(): void {
    this.#statements.close();
  }
}

/** A transaction on the client's one connection; COMMIT or ROLLBACK always ends it. */
class ImmediateTransaction implements Pick<Transaction, "execute" | "batch" | "executeMultiple" | "commit" | "rollback" | "close"> {
  constructor(
    private readonly statements: Sqlite3Client,
    private readonly connection: Database.Database,
  ) {}

  get closed(): boolean {
    return !this.connection.inTransaction;
  }

  execute(statement: InStatement): Promise<ResultSet> {
    return this.statements.execute(statement);
  }

  async batch(statements: InStatement[]): Promise<ResultSet[]> {
    const results: ResultSet[] = [];
    for (const statement of statements) results.push(await this.statements.execute(statement));
    return results;
  }

  executeMultiple(sql: string): Promise<void> {
    return this.statements.executeMultiple(sql);
  }

  /**
   * A failed COMMIT (a deferred foreign key, a full disk, an I/O error) leaves SQLite's
   * transaction open, holding the write lock for every other process: it is rolled back before
   * the error goes up. COMMIT runs through exec(), which finalizes its statement even when it
   * fails; a prepared COMMIT that failed stays active and pins an old read snapshot, so every
   * later write on the connection fails with SQLITE_BUSY_SNAPSHOT.
   */
  async commit(): Promise<void> {
    try {
      this.connection.exec("COMMIT");
    } catch (error) {
      this.close();
      throw error;
    }
  }

  async rollback(): Promise<void> {
    this.close();
  }

  close(): void {
    if (this.connection.inTransaction) this.connection.exec("ROLLBACK");
  }
}

/**
 * @prisma/adapter-libsql's factory with its client replaced by {@link SingleConnectionClient}:
 * the adapter's queries, transactions and error mapping are unchanged.
 */
export class SingleConnectionPrismaLibSQL extends PrismaLibSQL {
  /** Called with the adapter once Prisma has connected (raw-writes.ts uses the same one). */
  onConnect?: (adapter: Awaited<ReturnType<PrismaLibSQL["connect"]>>) => void;

  override async connect(): ReturnType<PrismaLibSQL["connect"]> {
    const adapter = await super.connect();
    this.onConnect?.(adapter);
    return adapter;
  }

  // The adapter declares its Client from its own copy of @libsql/core, hence the types by name.
  override createClient(config: Parameters<PrismaLibSQL["createClient"]>[0]): ReturnType<PrismaLibSQL["createClient"]> {
    return new SingleConnectionClient(config.url) as unknown as ReturnType<PrismaLibSQL["createClient"]>;
  }
}
