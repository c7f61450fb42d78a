import { defineConfig } from "vitest/config";

/**
 * Three kinds of tests:
 *  - unit: pure code, next to it (src/**\/*.test.ts);
 *  - integration: real Temporal dev server, real SQLite database, real HTTP (packages|apps/*\/test);
 *  - harness: robustness over the whole stack — chaos (killed workers, restarted Temporal) and
 *    fuzzing of every route (test/);
 *  - e2e: the built builder app driven in headless Chromium (e2e/).
 */
/**
 * expect.poll waits for something the worker or the browser does in its own time; its default
 * (give up after 1 s) made a loaded CI machine fail tests that were only slow. It now waits up to
 * 30 s: a test still fails when the thing never happens, and never because it happened late.
 */
const PATIENT_POLL = { timeout: 30_000, interval: 50 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          sequence: { groupOrder: 1 },
          include: ["packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          expect: { poll: PATIENT_POLL },
          // Each file starts its own Temporal server and worker; two cores fit two at a time.
          maxWorkers: 2,
          pool: "forks",
        },
      },
      {
        test: {
          // Robustness harnesses over the whole stack (chaos, fuzz): one at a time, after the suites.
          name: "harness",
          sequence: { groupOrder: 2 },
          include: ["test/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 180_000,
          expect: { poll: PATIENT_POLL },
          pool: "forks",
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          sequence: { groupOrder: 3 },
          include: ["e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          expect: { poll: PATIENT_POLL },
          pool: "forks",
          fileParallelism: false,
        },
      },
    ],
  },
});
