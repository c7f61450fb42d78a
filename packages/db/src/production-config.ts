/**
 * In production every key and password is configured: a process that fell back to a key file in
 * its data directory, the embedded SQLite database or a published example value would run, look
 * healthy and be insecure (anyone with the repository could forge sessions or read secrets). So
 * each app's env.ts lists what it needs and refuses to start, naming every problem at once.
 */

/** Values from Parley's own docs, examples and tests: never a production setting. */
const KNOWN_DEVELOPMENT_VALUES = new Set([
  "parley-test-secret-parley-test-secret-0123456789",
  "change-me",
  "changeme",
  "parley",
  "postgres",
  "temporal",
]);

export interface ProductionSetting {
  /** The variable's name, as the operator sets it. */
  name: string;
  value: string | undefined;
  /** A reason to refuse this value (beyond missing or a known example), or null. */
  problem?: (value: string) => string | null;
}

/** Whether NODE_ENV or PARLEY_ENV says production. */
export function isProduction(env: { NODE_ENV?: string | undefined; PARLEY_ENV?: string | undefined }): boolean {
  return env.NODE_ENV === "production" || env.PARLEY_ENV === "production";
}

/** One line per problem; empty when every setting is there and none is a development default. */
export function productionConfigProblems(settings: readonly ProductionSetting[]): string[] {
  const problems: string[] = [];
  for (const setting of settings) {
    const value = setting.value?.trim();
    if (!value) problems.push(`${setting.name} is not set`);
    else if (KNOWN_DEVELOPMENT_VALUES.has(value)) problems.push(`${setting.name} is a published example value; generate your own`);
    else {
      const problem = setting.problem?.(value);
      if (problem) problems.push(`${setting.name} ${problem}`);
    }
  }
  return problems;
}

/** A DATABASE_URL problem: the embedded SQLite file, or a password from the examples. */
export function databaseUrlProblem(value: string, embeddedDefault: string): string | null {
  if (value === embeddedDefault) return "is the embedded development database; production uses PostgreSQL";
  try {
    const url = new URL(value);
    if (KNOWN_DEVELOPMENT_VALUES.has(decodeURIComponent(url.password))) return "uses an example password";
  } catch {
    // Not a URL (a file: path is a URL; anything else Prisma will refuse with its own message).
  }
  return null;
}

/** Throws one error listing every problem, so the operator fixes them all in one go. */
export function refuseProductionDefaults(app: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  throw new Error(
    `${app} refuses to start in production (NODE_ENV or PARLEY_ENV is production) with missing or development settings:\n` +
      problems.map((problem) => `  - ${problem}`).join("\n") +
      "\nSee the configuration table in README.md.",
  );
}
