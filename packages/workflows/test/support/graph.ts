import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";

/** A node as tests write it: graph() places it. */
export type NodeSpec = Omit<FlowGraph["nodes"][number], "position">;

/** Nodes placed in a column, wired by `edges` given as [source, port, target]. */
export function graph(nodes: NodeSpec[], edges: [string, string, string][]): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: nodes.map((node, i) => ({ ...node, position: { x: 0, y: i * 150 } })),
    edges: edges.map(([source, sourcePort, target], i) => ({ id: `e${i}`, source, sourcePort, target })),
  };
}
