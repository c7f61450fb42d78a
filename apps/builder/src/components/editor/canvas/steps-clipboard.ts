import { flowEdgeSchema, flowNodeSchema, flowNoteSchema, type FlowEdge, type FlowGraph, type FlowNode, type FlowNote } from '@parley/flow';
import { z } from 'zod';
import { edgeId, newNodeId } from '../../../lib/graph';

/**
 * Copy and paste of steps, within a flow and between flows through the system clipboard. The
 * payload is plain JSON with a type marker, so pasting other text is recognised and ignored, and
 * it is validated with the flow package's own node and edge schemas: a paste never puts a shape
 * on the canvas that the server would refuse as malformed. Selected sticky notes travel along
 * (optional `notes`, so payloads copied before notes existed still paste).
 */

export const CLIPBOARD_TYPE = 'parley/flow-steps';

const clipboardSchema = z.object({
  type: z.literal(CLIPBOARD_TYPE),
  version: z.literal(1),
  nodes: z.array(flowNodeSchema).max(500),
  edges: z.array(flowEdgeSchema).max(2000),
  notes: z.array(flowNoteSchema).max(200).optional(),
});

export type StepsClipboard = z.infer<typeof clipboardSchema>;

/**
 * The selected steps and notes, and the connections among the steps. The start node is left out:
 * a flow has exactly one entry point. Null when nothing copyable is selected.
 */
export function copySteps(graph: FlowGraph, selectedIds: ReadonlySet<string>): StepsClipboard | null {
  const nodes = graph.nodes.filter((node) => selectedIds.has(node.id) && node.kind !== 'start');
  const notes = (graph.notes ?? []).filter((note) => selectedIds.has(note.id));
  if (nodes.length === 0 && notes.length === 0) return null;
  const kept = new Set(nodes.map((node) => node.id));
  const edges = graph.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target));
  return {
    type: CLIPBOARD_TYPE,
    version: 1,
    nodes: structuredClone(nodes),
    edges: structuredClone(edges),
    ...(notes.length > 0 ? { notes: structuredClone(notes) } : {}),
  };
}

export function serializeSteps(clipboard: StepsClipboard): string {
  return JSON.stringify(clipboard);
}

export type ParsedSteps = { ok: true; steps: StepsClipboard } | { ok: false; reason: string };

/** Reads clipboard text; anything that is not a valid steps payload is refused with a reason. */
export function parseSteps(text: string): ParsedSteps {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The clipboard holds no copied steps.' };
  }
  if (typeof json !== 'object' || json === null || (json as { type?: unknown }).type !== CLIPBOARD_TYPE) {
    return { ok: false, reason: 'The clipboard holds no copied steps.' };
  }
  const parsed = clipboardSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'The copied steps are damaged or from an incompatible version.' };
  // A hand-edited payload could still carry a start node or connections to steps it lacks.
  const nodes = parsed.data.nodes.filter((node) => node.kind !== 'start');
  if (nodes.length === 0 && !parsed.data.notes?.length) {
    return { ok: false, reason: parsed.data.nodes.length > 0 ? 'The start step cannot be pasted: a flow has one.' : 'The clipboard holds no copied steps.' };
  }
  const ids = new Set(nodes.map((node) => node.id));
  const edges = parsed.data.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  return { ok: true, steps: { ...parsed.data, nodes, edges } };
}

/**
 * The steps as new nodes for a flow whose node ids are `existingIds`: every node gets a fresh id
 * (also when pasted into another flow, so a second paste never collides), connections follow
 * their nodes, and everything moves by `offset` so the copy does not cover the original.
 */
export function remapSteps(
  steps: StepsClipboard,
  existingIds: ReadonlySet<string>,
  offset: { x: number; y: number },
): { nodes: FlowNode[]; edges: FlowEdge[]; notes?: FlowNote[] } {
  const taken = new Set(existingIds);
  const ids = new Map<string, string>();
  const nodes = steps.nodes.map((node) => {
    const id = newNodeId(node.kind, taken);
    taken.add(id);
    ids.set(node.id, id);
    return { ...structuredClone(node), id, position: { x: node.position.x + offset.x, y: node.position.y + offset.y } };
  });
  const edges = steps.edges.flatMap((edge) => {
    const source = ids.get(edge.source);
    const target = ids.get(edge.target);
    if (!source || !target) return [];
    return [{ id: edgeId(source, edge.sourcePort, target), source, sourcePort: edge.sourcePort, target }];
  });
  const notes = (steps.notes ?? []).map((note) => {
    const id = newNodeId('note', taken);
    taken.add(id);
    return { ...structuredClone(note), id, position: { x: note.position.x + offset.x, y: note.position.y + offset.y } };
  });
  return notes.length > 0 ? { nodes, edges, notes } : { nodes, edges };
}
