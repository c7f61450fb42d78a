import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, migrateDatabase, seedDemo, type DatabaseKind, type Db, type DemoSeed } from "@parley/db";
import { testEnv } from "./env";

/** Every seeded demo person signs in with this in tests (the real seed makes random ones). */
export const TEST_PASSWORD = "parley-test-password";

export interface TestDatabase {
  kind: DatabaseKind;
  db: Db;
  url: string;
  seed: DemoSeed;
  close(): Promise<void>;
}

/**
 * A fresh database for one test file, with the committed migrations applied (`migrate deploy`,
 * as in production) and the demo seeded: a new database on the PostgreSQL server of
 * PARLEY_TEST_POSTGRES_URL when it is set (./parley test's second pass), else a new SQLite file.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = testEnv.PARLEY_TEST_POSTGRES_URL;
  const created = server ? await createPostgresDatabase(server) : createSqliteFile();
  try {
    await migrateDatabase(created.url);
    const db = await createDb(created.url);
    const seed = await seedDemo(db, { passwordFor: () => TEST_PASSWORD });
    return {
      kind: server ? "postgres" : "sqlite",
      db,
      url: created.url,
      seed,
      async close() {
        await db.$disconnect();
        await created.remove();
      },
    };
  } catch (error) {
    await created.remove();
    throw error;
  }
}

interface CreatedDatabase {
  url: string;
  remove(): Promise<void>;
}

function createSqliteFile(): CreatedDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-test-"));
  return {
    url: `file:${path.join(dir, "parley.db")}`,
    remove: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** CREATE DATABASE parley_test_<random> on the server; removing it drops it, connections and all. */
async function createPostgresDatabase(serverUrl: string): Promise<CreatedDatabase> {
  const name = `parley_test_${randomBytes(6).toString("hex")}`;
  const onServer = async (sql: string) => {
    const server = await createDb(serverUrl);
    try {
      await server.$executeRawUnsafe(sql);
    } finally {
      await server.$disconnect();
    }
  };
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    remove: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
