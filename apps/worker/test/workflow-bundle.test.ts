// The workflow bundle is evaluated again for every conversation (Temporal gives each workflow run
// its own module cache), so what it contains is paid for per start and per cached conversation.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { afterAll, describe, expect, it } from "vitest";
import { bundledFiles, loadWorkflowBundle } from "../src/workflow-bundle";

const require = createRequire(import.meta.url);
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-bundle-"));
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

describe("workflow bundle", () => {
  it("holds no zod and no node kind schemas: workflows run flows through @parley/flow/runtime", async () => {
    const { code } = await loadWorkflowBundle(require.resolve("@parley/workflows/workflows"), cacheDir);
    const files = bundledFiles(code).map((file) => file.split(path.sep).join("/"));
    expect(files.some((file) => file.includes("/packages/workflows/src/"))).toBe(true);
    expect(files.filter((file) => file.includes("/node_modules/zod/"))).toEqual([]);
    expect(files.filter((file) => /\/packages\/flow\/src\/(registry|validate|graph)\.ts$/.test(file))).toEqual([]);
  });

  it("shares re2js and jsep between conversations: preloaded once per worker, not evaluated per conversation", async () => {
    const { code } = await loadWorkflowBundle(require.resolve("@parley/workflows/workflows"), cacheDir);
    const preload = code.slice(code.indexOf("function preloadModules()"), code.indexOf("exports.importWorkflows"));
    expect(preload).toContain("./packages/flow/src/shared-libraries.ts");
    // The preloaded module imports the same (ESM) builds as the runtime, so they are one module each.
    const files = bundledFiles(code).map((file) => file.split(path.sep).join("/"));
    expect(files.filter((file) => file.includes("/node_modules/re2js/"))).toEqual([expect.stringMatching(/re2js\/build\/index\.js$/)]);
    expect(files.filter((file) => file.includes("/node_modules/jsep/"))).toEqual([expect.stringMatching(/jsep\/dist\/jsep\.js$/)]);
  });
});
