import type { FlowNode } from './graph';
import { FIELD_DEFAULTS } from './kinds/field-defaults.generated';

/**
 * The form a workflow runs: plain JSON (no classes, Maps or functions) so it can be a Temporal
 * workflow argument and be stored with the published version the conversation is pinned to.
 */
export interface CompiledFlow {
  schemaVersion: number;
  startNodeId: string;
  /** Reachable nodes by id, configs normalized by their kinds. */
  nodes: Record<string, FlowNode>;
  /** nodeId → output port id → id of the next node. Every port of every node has an entry. */
  next: Record<string, Record<string, string>>;
}

/** The node a port leads to, or undefined (unknown node or port). Own-property lookups only. */
export function nextNodeId(flow: CompiledFlow, nodeId: string, port: string): string | undefined {
  if (!Object.hasOwn(flow.next, nodeId)) return undefined;
  const ports = flow.next[nodeId]!;
  return Object.hasOwn(ports, port) ? ports[port] : undefined;
}

/**
 * Brings a compiled flow's node configs up to the current kinds: a field the flow was compiled
 * without gets the default its kind's schema gives today. A conversation keeps the flow it loaded
 * when it started, in its history; after a deploy that adds config fields, this is what lets the
 * new code run it. Configs were parsed when the flow was compiled, so filling in missing fields
 * is all the schemas would still do; the defaults come from a generated table rather than the
 * schemas because workflow code calls this, and each conversation evaluates its own copy of the
 * modules it imports (zod and twenty schemas cost ~18 ms and ~1.5 MB per conversation).
 */
export function normalizeCompiledFlow(flow: CompiledFlow): CompiledFlow {
  const nodes: Record<string, FlowNode> = {};
  for (const [id, node] of Object.entries(flow.nodes)) {
    const defaults = Object.hasOwn(FIELD_DEFAULTS, node.kind) ? FIELD_DEFAULTS[node.kind as keyof typeof FIELD_DEFAULTS] : undefined;
    const missing = defaults ? Object.keys(defaults).filter((field) => node.config[field] === undefined) : [];
    if (missing.length === 0) {
      nodes[id] = node;
      continue;
    }
    const config: Record<string, unknown> = { ...node.config };
    // Copied, so no two nodes (or conversations) share a default list.
    for (const field of missing) config[field] = JSON.parse(JSON.stringify(defaults![field])) as unknown;
    nodes[id] = { ...node, config };
  }
  return { ...flow, nodes };
}
