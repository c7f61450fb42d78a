import { fileURLToPath } from "node:url";
import path from "node:path";
import { z } from "zod";

/** Repository root, so the embedded default database lands in <repo>/data whatever the cwd. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const schema = z.object({
  PARLEY_DATA_DIR: z.string().min(1).default(path.join(repoRoot, "data")),
  /** `file:...` (SQLite via libsql, the default) or `postgres://` / `postgresql://`. */
  DATABASE_URL: z.string().min(1).optional(),
});

const parsed = schema.parse(process.env);

const embeddedDatabaseUrl = `file:${path.join(parsed.PARLEY_DATA_DIR, "parley.db")}`;

export const dbEnv = {
  dataDir: parsed.PARLEY_DATA_DIR,
  databaseUrl: parsed.DATABASE_URL ?? embeddedDatabaseUrl,
  /** DATABASE_URL as configured (undefined: unset), for the production checks of the apps. */
  configuredDatabaseUrl: parsed.DATABASE_URL,
  /** The development default: SQLite in the data directory. */
  embeddedDatabaseUrl,
};
