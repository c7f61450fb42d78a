import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prismaCli = path.resolve(packageRoot, "../../node_modules/prisma/build/index.js");

/**
 * Applies the committed migrations to `url` with the Prisma CLI (JS schema engine, no download).
 * Tests use it to give each suite its own fresh database.
 */
export async function migrateDatabase(url: string): Promise<void> {
  await promisify(execFile)(process.execPath, [prismaCli, "migrate", "deploy"], {
    cwd: packageRoot,
    env: { ...process.env, DATABASE_URL: url },
  });
}
