import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, migrateDatabase, seedDemo, type Db, type DemoSeed } from "@parley/db";

export interface TestDatabase {
  db: Db;
  url: string;
  seed: DemoSeed;
  dir: string;
  close(): Promise<void>;
}

/** A fresh SQLite database file with the committed migrations applied and the demo seeded. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-test-"));
  const url = `file:${path.join(dir, "parley.db")}`;
  await migrateDatabase(url);
  const db = await createDb(url);
  const seed = await seedDemo(db);
  return {
    db,
    url,
    seed,
    dir,
    async close() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
