import type { Prisma } from "./generated/sqlite/client";
import { adapterQuery, connectedAdapter, type DbConnection } from "./raw-writes";

/**
 * Runs one read (Prisma.sql) straight on the driver adapter and returns its rows as objects keyed
 * by column name. For the few hot reads where Prisma's query compiler costs more CPU than the
 * database's work (a conversation start's flow lookup): values come back as the driver gives
 * them (SQLite booleans as 0/1, dates as text), so such a read selects ids and text.
 */
export async function readOnAdapter<Row>(connection: DbConnection, connect: () => Promise<void>, statement: Prisma.Sql): Promise<Row[]> {
  const adapter = await connectedAdapter(connection, connect);
  const { columnNames, rows } = await adapter.queryRaw(adapterQuery(connection, statement));
  return rows.map((values) => Object.fromEntries(columnNames.map((name, index) => [name, values[index]])) as Row);
}
