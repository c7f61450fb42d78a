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

/** The colours a sticky note can have; the builder maps each to its palette. */
export const NOTE_COLORS = ['yellow', 'blue', 'green', 'pink', 'gray'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];
export const NOTE_MAX_TEXT = 2000;
/** Bounds of a note's drawn size: big enough to read, small enough not to bury the flow. */
export const NOTE_SIZE = { minWidth: 120, maxWidth: 1200, minHeight: 60, maxHeight: 1200 } as const;

/**
 * A sticky note on the canvas: a comment for the people who edit the flow. Notes are saved with
 * the draft and published with it, but they are not steps: nothing connects to them, and the
 * compiler and the workflows never read them.
 */
export const flowNoteSchema = z.object({
  id: z.string().regex(NODE_ID_PATTERN, { error: 'Note id must be 1-64 characters of letters, digits, _ or -' }),
  text: z.string().max(NOTE_MAX_TEXT, { error: `A note holds at most ${NOTE_MAX_TEXT} characters` }),
  color: z.enum(NOTE_COLORS),
  position: z.object({ x: z.number(), y: z.number() }),
  size: z.object({
    width: z.number().min(NOTE_SIZE.minWidth).max(NOTE_SIZE.maxWidth),
    height: z.number().min(NOTE_SIZE.minHeight).max(NOTE_SIZE.maxHeight),
  }),
});

export const flowGraphSchema = z.object({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  // Limits keep a single conversation's compiled flow well within Temporal payload sizes.
  nodes: z.array(flowNodeSchema).max(500, { error: 'A flow can have at most 500 nodes' }),
  edges: z.array(flowEdgeSchema).max(2000, { error: 'A flow can have at most 2000 edges' }),
  // Optional, so flows saved before notes existed (and replayed histories) keep their exact shape:
  // no schema version bump, and a graph without notes never gains an empty `notes` key.
  notes: z.array(flowNoteSchema).max(200, { error: 'A flow can have at most 200 notes' }).optional(),
});

export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowEdge = z.infer<typeof flowEdgeSchema>;
export type FlowNote = z.infer<typeof flowNoteSchema>;
export type FlowGraph = z.infer<typeof flowGraphSchema>;

/** A node whose config is known to match its kind (true for nodes of a validated or compiled flow). */
export type TypedNode<K extends NodeKind = NodeKind> = FlowNode & { kind: K; config: NodeConfig<K> };

/** Discriminated union over all kinds: `switch (node.kind)` narrows `node.config`. */
export type AnyTypedNode = { [K in NodeKind]: TypedNode<K> }[NodeKind];
