import { outputPortLabel } from '../ports';
import { getNodeKind, isNodeKind, type NodeKind } from '../registry';

/**
 * Lenient views of nodes and edges for the semantic checks. They need only the fields those
 * checks use (id, kind, config / source, port, target), so a node with, say, a broken position
 * still takes part in edge and reachability checks — the point is to report every problem in
 * one pass, not to stop at the first schema error.
 */
export interface NodeView {
  index: number;
  id: string;
  /** Undefined when the kind is unknown (already a schema issue). */
  kind: NodeKind | undefined;
  label: string | undefined;
  config: unknown;
  /** A later node reusing an earlier node's id; edges resolve to the first one. */
  duplicate: boolean;
}

export interface EdgeView {
  index: number;
  id: string | undefined;
  source: string;
  sourcePort: string;
  target: string;
}

export interface GraphView {
  /** Undefined when `nodes` is not an array. */
  nodes: NodeView[] | undefined;
  edges: EdgeView[] | undefined;
  /** First node for each id (Map, not object: ids like `__proto__` must be plain keys). */
  byId: Map<string, NodeView>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readGraph(graph: unknown): GraphView {
  const byId = new Map<string, NodeView>();
  const rawNodes = isRecord(graph) ? graph.nodes : undefined;
  const rawEdges = isRecord(graph) ? graph.edges : undefined;

  let nodes: NodeView[] | undefined;
  if (Array.isArray(rawNodes)) {
    nodes = [];
    rawNodes.forEach((raw: unknown, index) => {
      // Without a string id a node cannot be referenced; the schema issue covers it.
      if (!isRecord(raw) || typeof raw.id !== 'string' || raw.id === '') return;
      const view: NodeView = {
        index,
        id: raw.id,
        kind: isNodeKind(raw.kind) ? raw.kind : undefined,
        label: typeof raw.label === 'string' && raw.label.trim() !== '' ? raw.label : undefined,
        config: raw.config,
        duplicate: byId.has(raw.id),
      };
      if (!view.duplicate) byId.set(view.id, view);
      nodes!.push(view);
    });
  }

  let edges: EdgeView[] | undefined;
  if (Array.isArray(rawEdges)) {
    edges = [];
    rawEdges.forEach((raw: unknown, index) => {
      if (!isRecord(raw)) return;
      const { id, source, sourcePort, target } = raw;
      if (typeof source !== 'string' || typeof sourcePort !== 'string' || typeof target !== 'string') {
        return;
      }
      edges!.push({ index, id: typeof id === 'string' && id !== '' ? id : undefined, source, sourcePort, target });
    });
  }

  return { nodes, edges, byId };
}

/** `Message "Greeting" (greet)` or `Message "greet"`: how messages name a node. */
export function describeNode(node: Pick<NodeView, 'id' | 'kind' | 'label'>): string {
  const kindLabel = node.kind ? getNodeKind(node.kind).label : 'Node';
  return node.label && node.label !== node.id
    ? `${kindLabel} "${node.label}" (${node.id})`
    : `${kindLabel} "${node.id}"`;
}

export function describeEdge(edge: EdgeView): string {
  const name = edge.id ? `Edge "${edge.id}"` : `Edge #${edge.index + 1}`;
  return `${name} (${edge.source}.${edge.sourcePort} → ${edge.target})`;
}

/** A port of the node as messages name it: its label (which may depend on the config). */
export function portLabel(node: Pick<NodeView, 'kind' | 'config'>, port: string): string {
  const label = node.kind ? outputPortLabel(node.kind, node.config, port) : undefined;
  return `"${label ?? port}"`;
}
