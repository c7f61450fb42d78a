import { FLOW_SCHEMA_VERSION, type FlowGraph, type NodeKind } from '@parley/flow';
import type { Edge, Node } from '@xyflow/react';

/**
 * Conversion between the stored `FlowGraph` (packages/flow) and React Flow's nodes and edges.
 * A FlowNode's `kind` becomes the React Flow node `type` (which picks its view in `nodeViews`);
 * a FlowEdge's `sourcePort` becomes the edge's `sourceHandle` (the output port's Handle id).
 */

export type CanvasNodeData = {
  config: Record<string, unknown>;
  /** Optional display name; the kind's label is shown when absent. */
  label?: string;
};

export type CanvasNode = Node<CanvasNodeData, NodeKind>;
export type CanvasEdge = Edge;

export function toCanvas(graph: FlowGraph): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const nodes: CanvasNode[] = graph.nodes.map((node) => ({
    id: node.id,
    type: node.kind,
    position: { x: node.position.x, y: node.position.y },
    data: node.label === undefined ? { config: { ...node.config } } : { config: { ...node.config }, label: node.label },
  }));
  const edges: CanvasEdge[] = graph.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourcePort,
    target: edge.target,
  }));
  return { nodes, edges };
}

export function toGraph(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: nodes.map((node) => {
      const label = node.data.label?.trim();
      return {
        id: node.id,
        kind: node.type as NodeKind,
        ...(label ? { label } : {}),
        position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
        config: node.data.config,
      };
    }),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourcePort: edge.sourceHandle ?? '',
      target: edge.target,
    })),
  };
}

/** A short random id that satisfies NODE_ID_PATTERN (`[A-Za-z0-9_-]{1,64}`). */
// (Not crypto.randomUUID: it only exists in secure contexts, and the builder may be served over
// plain http on a LAN address.)
function shortId(): string {
  return Math.random().toString(36).slice(2, 10).padEnd(8, '0');
}

export function newNodeId(kind: NodeKind, existing: ReadonlySet<string>): string {
  let id = `${kind}_${shortId()}`;
  while (existing.has(id)) id = `${kind}_${shortId()}`;
  return id;
}

export function edgeId(source: string, port: string, target: string): string {
  return `${source}-${port}-${target}`.slice(0, 120) + `-${shortId().slice(0, 4)}`;
}
