import type { CannedResponse } from "@parley/workflows";
import { compareRuns, type Comparison } from "./compare";
import { runInputsOnDraft } from "./replay-conversation";
import { REPLAY_CONCURRENCY } from "./replay-checks";
import type { WorkspaceContext, compiledDraft } from "./test-conversations";

/** A saved test case as the runner needs it (FlowTestCase with its JSON read). */
export interface TestCase {
  id: string;
  name: string;
  inputs: string[];
  expectedReplies: string[] | null;
  expectedPath: string[] | null;
  canned: Record<string, CannedResponse>;
}

export interface TestCaseResult {
  id: string;
  name: string;
  passed: boolean;
  /** The first difference from what was expected (null when it passed or could not run). */
  difference: Comparison | null;
  error: string | null;
  durationMs: number;
}

/**
 * Runs a case's inputs on the draft and compares only what the case expects: a case that records
 * replies only passes whatever path the draft takes to give them, and the other way round.
 */
export async function runTestCase(ctx: WorkspaceContext, draft: Awaited<ReturnType<typeof compiledDraft>>, testCase: TestCase): Promise<TestCaseResult> {
  const startedAt = Date.now();
  const base = { id: testCase.id, name: testCase.name };
  try {
    const run = await runInputsOnDraft(ctx, draft, testCase.inputs, testCase.canned);
    const expected = { path: testCase.expectedPath ?? run.path, replies: testCase.expectedReplies ?? run.replies };
    const comparison = compareRuns(expected, run);
    const passed = comparison.verdict === "same";
    return { ...base, passed, difference: passed ? null : comparison, error: null, durationMs: Date.now() - startedAt };
  } catch (err) {
    return { ...base, passed: false, difference: null, error: err instanceof Error ? err.message : String(err), durationMs: Date.now() - startedAt };
  }
}

/** Runs several cases on the same frozen draft, a few at a time; results in the cases' order. */
export async function runTestCases(ctx: WorkspaceContext, draft: Awaited<ReturnType<typeof compiledDraft>>, cases: TestCase[]): Promise<TestCaseResult[]> {
  const results: TestCaseResult[] = new Array(cases.length);
  let next = 0;
  const lane = async () => {
    while (next < cases.length) {
      const index = next++;
      results[index] = await runTestCase(ctx, draft, cases[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(REPLAY_CONCURRENCY, cases.length) }, lane));
  return results;
}
