import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { childEnv, repoRoot } from "../../../test/support/env";

/**
 * The real entry points (apps/api/src/main.ts, apps/worker/src/main.ts) as processes of their own
 * with a production environment: they must exit before connecting to anything, naming every
 * missing or development setting. Nothing listens at the addresses given, so an entry point that
 * wrongly went on would fail differently (and later), not pass.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-production-config-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const key = () => randomBytes(32).toString("base64");

/** A complete production configuration (the variables each check reads). */
const complete = {
  NODE_ENV: "production",
  PARLEY_DATA_DIR: dataDir,
  DATABASE_URL: "postgresql://parley:a-real-password-7f3c@127.0.0.1:1/parley",
  PARLEY_AUTH_SECRET: randomBytes(32).toString("base64"),
  PARLEY_AUDIO_KEY: key(),
  PARLEY_PAYLOAD_KEYS: `k1:${key()}`,
  PARLEY_SECRETS_KEY: key(),
  TEMPORAL_ADDRESS: "127.0.0.1:1",
};

const SETTINGS = ["PARLEY_AUTH_SECRET", "DATABASE_URL", "PARLEY_AUDIO_KEY", "PARLEY_PAYLOAD_KEYS", "PARLEY_SECRETS_KEY"] as const;

/**
 * Runs an entry point until it exits (or, with `until`, until it prints that: then it is stopped);
 * resolves with its exit code and everything it printed.
 */
function run(app: "api" | "worker", env: Record<string, string | undefined>, until?: string): Promise<{ code: number | null; output: string }> {
  const base = childEnv({});
  for (const name of [...SETTINGS, "NODE_ENV", "PARLEY_ENV"]) delete base[name];
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, `apps/${app}/src/main.ts`)], {
    cwd: repoRoot,
    env: { ...base, ...Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const onData = (chunk: Buffer) => {
    output += chunk;
    if (until && output.includes(until)) child.kill("SIGKILL");
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

describe("production refuses missing and development settings", () => {
  it("the API names every missing setting and exits without starting", async () => {
    const { code, output } = await run("api", { NODE_ENV: "production", PARLEY_DATA_DIR: dataDir });
    expect(code).not.toBe(0);
    expect(output).toContain("the API refuses to start in production");
    for (const name of SETTINGS) expect(output).toContain(`${name} is not set`);
    expect(output).not.toContain("api listening");
    // It stopped before generating development keys into the data directory.
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("the worker (PARLEY_ENV=production) refuses the embedded database and an example password", async () => {
    const embedded = await run("worker", { ...complete, NODE_ENV: undefined, PARLEY_ENV: "production", DATABASE_URL: `file:${path.join(dataDir, "parley.db")}`, PARLEY_SECRETS_KEY: undefined });
    expect(embedded.code).not.toBe(0);
    expect(embedded.output).toContain("the worker refuses to start in production");
    expect(embedded.output).toContain("DATABASE_URL is the embedded development database");
    expect(embedded.output).toContain("PARLEY_SECRETS_KEY is not set");
    expect(embedded.output).not.toContain("PARLEY_AUDIO_KEY");

    const example = await run("worker", { ...complete, DATABASE_URL: "postgresql://parley:parley@127.0.0.1:1/parley" });
    expect(example.output).toContain("DATABASE_URL uses an example password");
    expect(example.code).not.toBe(0);
  });

  it("the API refuses the test suite's published auth secret", async () => {
    const { code, output } = await run("api", { ...complete, PARLEY_AUTH_SECRET: "parley-test-secret-parley-test-secret-0123456789" });
    expect(code).not.toBe(0);
    expect(output).toContain("PARLEY_AUTH_SECRET is a published example value");
    expect(output).not.toMatch(/PARLEY_(AUDIO|SECRETS)_KEY|PARLEY_PAYLOAD_KEYS/);
  });

  it("with every setting in place the check passes (the API goes on, to its database)", async () => {
    // The database address is closed: the API gets past its settings and fails on connecting.
    const { output } = await run("api", { ...complete, API_PORT: "0", API_HOST: "127.0.0.1" }, "api listening");
    expect(output).not.toContain("refuses to start");
    expect(output).toMatch(/api listening|ECONNREFUSED 127\.0\.0\.1:1/);
  });
});
