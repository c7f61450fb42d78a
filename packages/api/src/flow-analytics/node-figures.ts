import { runNumber } from "../node-run-order";

/** One node run as the figures need it (a narrow select of NodeRun). */
export interface NodeRunRow {
  id: string;
  conversationId: string;
  nodeId: string;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: string | null;
  error: string | null;
}

export interface NodeFigures {
  nodeId: string;
  /** Times the node ran (a conversation that loops through it counts each pass). */
  visits: number;
  /** Distinct conversations that reached it. */
  conversations: number;
  /** Conversations whose last step was this node: they ended, were handed off or went idle here. */
  exits: number;
  /** Runs that failed: left by the `error` port or recorded an error. */
  errors: number;
  /** Duration of the finished runs, nearest rank; null when none finished. */
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface EdgeTraffic {
  source: string;
  /** The output port taken (the edge's sourceHandle). */
  port: string;
  target: string;
  count: number;
}

export interface FlowFigures {
  /** Conversations in the range that ran at least one step. */
  conversations: number;
  nodes: NodeFigures[];
  edges: EdgeTraffic[];
}

/** Nearest-rank percentile of sorted values (the value at or above `p` of them, no interpolation). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/**
 * Per-node and per-edge figures from node runs. Runs are grouped per conversation and ordered by
 * their number (ids are `<conversation>-n<count>`, so steps of the same millisecond keep their
 * order); each pair of consecutive runs is one passage over the edge from the first node's
 * outcome port to the second node.
 */
export function computeFlowFigures(rows: readonly NodeRunRow[]): FlowFigures {
  const byConversation = new Map<string, NodeRunRow[]>();
  for (const row of rows) {
    // A subflow's own steps (`caller/step`) are not nodes of this canvas: the subflow node stands for them.
    if (row.nodeId.includes("/")) continue;
    const runs = byConversation.get(row.conversationId);
    if (runs) runs.push(row);
    else byConversation.set(row.conversationId, [row]);
  }
  const nodes = new Map<string, { visits: number; conversations: Set<string>; exits: number; errors: number; durations: number[] }>();
  const nodeOf = (nodeId: string) => {
    let figures = nodes.get(nodeId);
    if (!figures) nodes.set(nodeId, (figures = { visits: 0, conversations: new Set(), exits: 0, errors: 0, durations: [] }));
    return figures;
  };
  const edges = new Map<string, EdgeTraffic>();
  for (const runs of byConversation.values()) {
    runs.sort((a, b) => runNumber(a.id) - runNumber(b.id));
    runs.forEach((run, index) => {
      const figures = nodeOf(run.nodeId);
      figures.visits += 1;
      figures.conversations.add(run.conversationId);
      if (run.outcome === "error" || run.error !== null) figures.errors += 1;
      if (run.finishedAt) figures.durations.push(run.finishedAt.getTime() - run.startedAt.getTime());
      const next = runs[index + 1];
      if (!next) {
        figures.exits += 1;
        return;
      }
      if (!run.outcome || run.outcome.startsWith("end:")) return;
      const key = `${run.nodeId}\u0000${run.outcome}\u0000${next.nodeId}`;
      const edge = edges.get(key);
      if (edge) edge.count += 1;
      else edges.set(key, { source: run.nodeId, port: run.outcome, target: next.nodeId, count: 1 });
    });
  }
  return {
    conversations: byConversation.size,
    nodes: [...nodes].map(([nodeId, figures]) => {
      const sorted = figures.durations.sort((a, b) => a - b);
      return {
        nodeId,
        visits: figures.visits,
        conversations: figures.conversations.size,
        exits: figures.exits,
        errors: figures.errors,
        p50Ms: percentile(sorted, 50),
        p95Ms: percentile(sorted, 95),
      };
    }),
    edges: [...edges.values()],
  };
}
