import { defineConfig } from "vitest/config";

/**
 * Three kinds of tests:
 *  - unit: pure code, next to it (src/**\/*.test.ts);
 *  - integration: real Temporal dev server, real SQLite database, real HTTP (packages|apps/*\/test);
 *  - e2e: the built builder app driven in headless Chromium (e2e/).
 */
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
          include: ["packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts", "test/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file starts its own Temporal server and worker; two cores fit two at a time.
          maxWorkers: 2,
          pool: "forks",
        },
      },
      {
        test: {
          name: "e2e",
          sequence: { groupOrder: 2 },
          include: ["e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: "forks",
          fileParallelism: false,
        },
      },
    ],
  },
});
