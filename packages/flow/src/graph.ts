import { z } from 'zod';
import { type NodeConfig, type NodeKind, nodeKindSchema } from './registry';

/**
 * The stored shape of a flow graph: what the builder saves, the API stores per flow version and
 * the workflows compile. It checks structure only; per-kind configs, references between nodes
 * and edges, and reachability are checked by `validateFlow`, which can report them all at once.
 */

/** Bump together with a migration in migrate.ts whenever the stored shape changes. */
export const FLOW_SCHEMA_VERSION = 1;

/** Node ids appear in URLs, analytics keys and workflow history, so they stay short and plain. */
export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const flowNodeSchema = z.object({
  id: z.string().regex(NODE_ID_PATTERN, {
    error: 'Node id must be 1-64 characters of letters, digits, _ or -',
  }),
  kind: nodeKindSchema,
  label: z.string().max(200).optional(),
  position: z.object({ x: z.number(), y: z.number() }),
  // Deliberately loose here: each kind's own schema validates it (see validateFlow), so that a
  // bad config is reported against the field that is wrong, with the kind's wording.
  config: z.record(z.string(), z.unknown()),
});

export const flowEdgeSchema = z.object({
  id: z.string().min(1).max(128),
  source: z.string().min(1),
  sourcePort: z.string().min(1),
  target: z.string().min(1),
});

export const flowGraphSchema = z.object({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  // Limits keep a single conversation's compiled flow well within Temporal payload sizes.
  nodes: z.array(flowNodeSchema).max(500, { error: 'A flow can have at most 500 nodes' }),
  edges: z.array(flowEdgeSchema).max(2000, { error: 'A flow can have at most 2000 edges' }),
});

export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowEdge = z.infer<typeof flowEdgeSchema>;
export type FlowGraph = z.infer<typeof flowGraphSchema>;

/** A node whose config is known to match its kind (true for nodes of a validated or compiled flow). */
export type TypedNode<K extends NodeKind = NodeKind> = FlowNode & { kind: K; config: NodeConfig<K> };

/** Discriminated union over all kinds: `switch (node.kind)` narrows `node.config`. */
export type AnyTypedNode = { [K in NodeKind]: TypedNode<K> }[NodeKind];
