import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { historyFromJSON } from "@temporalio/common/lib/proto-utils";
import { Worker } from "@temporalio/worker";
import { loadWorkflowBundle, withWorkflowStackTraces } from "@parley/worker";

const require = createRequire(import.meta.url);
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "histories");
const fixtures = fs.readdirSync(dir).filter((file) => file.endsWith(".json")).sort();

/**
 * Replays recorded conversation histories against the current workflow code. A change that
 * would make a running conversation non-deterministic fails here; wrap such changes in
 * `patched()` and keep the old fixtures next to newly recorded ones.
 */
describe("replay of recorded conversation histories", () => {
  it("has fixtures to replay", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  it.each([
    ["without workflow stack traces (the worker's default)", false],
    ["with workflow stack traces (PARLEY_WORKFLOW_STACK_TRACES)", true],
  ])("replays every fixture without a determinism error, %s", async (_name, stackTraces) => {
    // The worker's own bundle: the modules it shares between conversations (frozen) replay too.
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-replay-bundle-"));
    const workflowBundle = withWorkflowStackTraces(await loadWorkflowBundle(require.resolve("@parley/workflows/workflows"), cacheDir), stackTraces);
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const histories = fixtures.map((file) => ({
      workflowId: file.replace(/\.json$/, ""),
      history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"))),
    }));
    const results = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle, replayName: "parley-replay" },
      histories,
    )) {
      results.push({ workflowId: result.workflowId, error: result.error ? String(result.error) : null });
    }
    expect(results).toEqual(histories.map((history) => ({ workflowId: history.workflowId, error: null })));
  });
});
