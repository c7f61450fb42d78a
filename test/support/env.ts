import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Where the test suites find their tools; ./parley test exports these after its setup. */
export const testEnv = z
  .object({
    TEMPORAL_CLI: z.string().default(path.join(repoRoot, ".tools/pip/bin/temporal")),
    TEMPORAL_TEST_SERVER: z.string().default(path.join(repoRoot, ".tools/pip/bin/temporal-test-server")),
    CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
    /** Where end-to-end tests leave their screenshots. */
    SCREENSHOT_DIR: z.string().default(path.join(repoRoot, "test-results/screenshots")),
    /**
     * A PostgreSQL server (`postgresql://user@host:port/postgres`, a role that may create
     * databases): when set, each test file gets its own fresh database there instead of SQLite.
     * scripts/test.sh sets it for its PostgreSQL pass.
     */
    PARLEY_TEST_POSTGRES_URL: z.url().optional(),
  })
  .parse(process.env);

export { repoRoot };

/** The environment a child process of a test starts with: this one's, plus `extra`. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
