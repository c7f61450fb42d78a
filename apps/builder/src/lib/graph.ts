import { FLOW_SCHEMA_VERSION, NOTE_SIZE, type FlowGraph, type FlowNote, type NodeKind, type NoteColor } from '@parley/flow';
import type { Edge, Node } from '@xyflow/react';

/**
 * Conversion between the stored `FlowGraph` (packages/flow) and React Flow's nodes and edges.
 * A FlowNode's `kind` becomes the React Flow node `type` (which picks its view in `nodeViews`);
 * a FlowEdge's `sourcePort` becomes the edge's `sourceHandle` (the output port's Handle id).
 * Sticky notes are React Flow nodes of type `note` (so they move, resize, select, delete and
 * undo like steps), kept first in the list so they are drawn under the steps.
 */

export type CanvasNodeData = {
  config: Record<string, unknown>;
  /** Optional display name; the kind's label is shown when absent. */
  label?: string;
};

/** A step of the flow on the canvas. */
export type StepNode = Node<CanvasNodeData, NodeKind>;
export type NoteNodeData = { text: string; color: NoteColor };
export type NoteNode = Node<NoteNodeData, 'note'>;
export type CanvasNode = StepNode | NoteNode;
export type CanvasEdge = Edge;

export const isNote = (node: CanvasNode): node is NoteNode => node.type === 'note';
export const isStep = (node: CanvasNode): node is StepNode => node.type !== 'note';

export function toNoteNode(note: FlowNote): NoteNode {
  return {
    id: note.id,
    type: 'note',
    position: { x: note.position.x, y: note.position.y },
    width: note.size.width,
    height: note.size.height,
    data: { text: note.text, color: note.color },
  };
}

export function toCanvas(graph: FlowGraph): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const steps: StepNode[] = graph.nodes.map((node) => ({
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
  return { nodes: [...(graph.notes ?? []).map(toNoteNode), ...steps], edges };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

function toNote(node: NoteNode): FlowNote {
  return {
    id: node.id,
    text: node.data.text,
    color: node.data.color,
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    size: {
      width: clamp(node.width ?? node.measured?.width ?? NOTE_SIZE.minWidth, NOTE_SIZE.minWidth, NOTE_SIZE.maxWidth),
      height: clamp(node.height ?? node.measured?.height ?? NOTE_SIZE.minHeight, NOTE_SIZE.minHeight, NOTE_SIZE.maxHeight),
    },
  };
}

export function toGraph(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): FlowGraph {
  const notes = nodes.filter(isNote).map(toNote);
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: nodes.filter(isStep).map((node) => {
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
    // A flow without notes keeps the shape it had before notes existed.
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** A short random id that satisfies NODE_ID_PATTERN (`[A-Za-z0-9_-]{1,64}`). */
// (Not crypto.randomUUID: it only exists in secure contexts, and the builder may be served over
// plain http on a LAN address.)
function shortId(): string {
  return Math.random().toString(36).slice(2, 10).padEnd(8, '0');
}

export function newNodeId(kind: NodeKind | 'note', existing: ReadonlySet<string>): string {
  let id = `${kind}_${shortId()}`;
  while (existing.has(id)) id = `${kind}_${shortId()}`;
  return id;
}

export function edgeId(source: string, port: string, target: string): string {
  return `${source}-${port}-${target}`.slice(0, 120) + `-${shortId().slice(0, 4)}`;
}
