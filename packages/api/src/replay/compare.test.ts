import { describe, expect, it } from "vitest";
import { compareRuns } from "./compare";

describe("compareRuns", () => {
  it("finds nothing when path and replies match", () => {
    const run = { path: ["start", "greet", "end"], replies: ["Hi"] };
    expect(compareRuns(run, { path: [...run.path], replies: [...run.replies] })).toEqual({ verdict: "same", path: null, reply: null });
  });

  it("reports the first reply whose text changed on the same path", () => {
    const result = compareRuns({ path: ["start", "greet"], replies: ["Hi", "Bye"] }, { path: ["start", "greet"], replies: ["Hi", "Goodbye"] });
    expect(result).toEqual({ verdict: "reply", path: null, reply: { index: 2, was: "Bye", now: "Goodbye" } });
  });

  it("names the first step where the path went elsewhere, also when one run stopped earlier", () => {
    const rewired = compareRuns({ path: ["start", "check", "yes"], replies: ["Yes"] }, { path: ["start", "check", "no"], replies: ["No"] });
    expect(rewired.verdict).toBe("path");
    expect(rewired.path).toEqual({ step: 3, was: "yes", now: "no" });
    expect(rewired.reply).toEqual({ index: 1, was: "Yes", now: "No" });
    expect(compareRuns({ path: ["start"], replies: [] }, { path: ["start", "extra"], replies: ["More"] })).toMatchObject({
      path: { step: 2, was: null, now: "extra" },
      reply: { index: 1, was: null, now: "More" },
    });
  });
});
