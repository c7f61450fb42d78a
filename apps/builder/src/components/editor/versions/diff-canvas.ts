import type { FlowDiff, FlowGraph } from '@parley/flow';
import { toCanvas, type CanvasEdge, type CanvasNode } from '@/lib/graph';

export type DiffStatus = 'added' | 'removed' | 'changed' | 'moved';

/**
 * One canvas for a comparison: the newer graph, with each step and connection tagged by what
 * happened to it, plus the steps and connections that were removed, drawn from the older graph
 * (as ghosts, where they used to be). Sticky notes are tagged the same way. `classFor` gives the class that draws a status.
 */
export function diffCanvas(
  before: FlowGraph,
  after: FlowGraph,
  diff: FlowDiff,
  classFor: (status: DiffStatus) => string,
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const status = new Map<string, DiffStatus>();
  for (const node of diff.added) status.set(node.id, 'added');
  for (const step of diff.changed) status.set(step.id, 'changed');
  for (const step of diff.moved) status.set(step.id, 'moved');
  for (const note of diff.notesAdded) status.set(note.id, 'added');
  for (const note of diff.notesChanged) status.set(note.id, 'changed');
  for (const note of diff.notesMoved) status.set(note.id, 'moved');
  const tag = (node: CanvasNode, s: DiffStatus | undefined): CanvasNode => (s ? { ...node, className: classFor(s) } : node);

  const current = toCanvas(after);
  const removed = toCanvas({ ...before, nodes: diff.removed, edges: diff.edgesRemoved, notes: diff.notesRemoved });
  const addedEdges = new Set(diff.edgesAdded.map((edge) => edge.id));
  return {
    nodes: [...current.nodes.map((node) => tag(node, status.get(node.id))), ...removed.nodes.map((node) => tag(node, 'removed'))],
    edges: [
      ...current.edges.map((edge) => (addedEdges.has(edge.id) ? { ...edge, className: classFor('added') } : edge)),
      ...removed.edges.map((edge) => ({ ...edge, id: `removed:${edge.id}`, className: classFor('removed') })),
    ],
  };
}
