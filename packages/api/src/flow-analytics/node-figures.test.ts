import { describe, expect, it } from "vitest";
import { computeFlowFigures, percentile, type NodeRunRow } from "./node-figures";

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
function run(conversationId: string, n: number, nodeId: string, durationMs: number | null, outcome: string | null, error: string | null = null): NodeRunRow {
  return { id: `${conversationId}-n${n}`, conversationId, nodeId, startedAt: at(0), finishedAt: durationMs === null ? null : at(durationMs), outcome, error };
}

describe("percentile", () => {
  it("takes the nearest rank, never interpolating", () => {
    const values = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect(percentile(values, 50)).toBe(100);
    expect(percentile(values, 95)).toBe(190);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe("computeFlowFigures", () => {
  it("orders runs by their number, counts exits at each conversation's last step and passages per port", () => {
    // Rows arrive in any order; n10 after n9 proves the order is numeric, not textual.
    const rows = [
      run("b", 10, "end", 1, "end:resolved"),
      run("a", 1, "start", 0, "next"),
      run("b", 9, "check", 40, "error", "boom"),
      run("a", 2, "ask", null, null),
      run("b", 1, "start", 2, "next"),
      run("b", 2, "call/inner", 5, "next"),
      run("b", 8, "call", 30, "next"),
    ];
    const figures = computeFlowFigures(rows);
    expect(figures.conversations).toBe(2);
    const byNode = Object.fromEntries(figures.nodes.map((node) => [node.nodeId, node]));
    expect(Object.keys(byNode).sort()).toEqual(["ask", "call", "check", "end", "start"]);
    expect(byNode.ask).toMatchObject({ visits: 1, exits: 1, p50Ms: null });
    expect(byNode.check).toMatchObject({ visits: 1, errors: 1, exits: 0, p50Ms: 40, p95Ms: 40 });
    expect(byNode.start).toMatchObject({ visits: 2, conversations: 2, p50Ms: 0, p95Ms: 2 });
    expect(byNode.end).toMatchObject({ exits: 1 });
    expect(figures.edges).toEqual(
      expect.arrayContaining([
        { source: "start", port: "next", target: "ask", count: 1 },
        { source: "start", port: "next", target: "call", count: 1 },
        { source: "call", port: "next", target: "check", count: 1 },
        { source: "check", port: "error", target: "end", count: 1 },
      ]),
    );
    expect(figures.edges).toHaveLength(4);
  });
});
