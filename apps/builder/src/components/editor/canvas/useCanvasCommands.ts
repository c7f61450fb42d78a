'use client';

import { nodeKinds, type FlowGraph, type NodeKind } from '@parley/flow';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { isNote, isStep, toCanvas, toGraph, toNoteNode, newNodeId, type CanvasEdge, type CanvasNode } from '@/lib/graph';
import { layoutSteps } from './auto-layout';
import { placeStep, type Box } from './step-placement';
import { copySteps, parseSteps, remapSteps, serializeSteps, type StepsClipboard } from './steps-clipboard';

/** Size of a step before React Flow has measured it (the node views are this wide). */
export const NODE_WIDTH = 240;
const NODE_HEIGHT = 100;
/** A new sticky note's size: room for a few lines. */
const NOTE_SIZE = { width: 220, height: 140 };
/** How far each paste moves the copy, so repeated pastes fan out instead of stacking. */
const PASTE_OFFSET = 40;

function boxOf(node: CanvasNode): Box {
  return {
    x: node.position.x,
    y: node.position.y,
    width: node.width ?? node.measured?.width ?? NODE_WIDTH,
    height: node.height ?? node.measured?.height ?? NODE_HEIGHT,
  };
}

function deselected<T extends { selected?: boolean }>(items: T[]): T[] {
  return items.map((item) => (item.selected ? { ...item, selected: false } : item));
}

/**
 * The editing commands of the canvas beyond React Flow's own: adding a step beside the selected
 * one, adding a sticky note, copy/paste/duplicate, auto-layout, centring on a step and restoring an undo snapshot.
 * Each changes the nodes and edges once, so each is one undo step.
 */
export function useCanvasCommands({
  nodes,
  edges,
  setNodes,
  setEdges,
  canvasRef,
  onMessage,
}: {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  setNodes: Dispatch<SetStateAction<CanvasNode[]>>;
  setEdges: Dispatch<SetStateAction<CanvasEdge[]>>;
  canvasRef: RefObject<HTMLDivElement | null>;
  onMessage: (kind: 'success' | 'error', text: string) => void;
}) {
  const { screenToFlowPosition, setCenter, getZoom, fitView } = useReactFlow<CanvasNode, CanvasEdge>();
  // What was copied last in this tab, for Ctrl+D and for browsers that keep the clipboard from us.
  const clipboard = useRef<{ text: string; pastes: number } | null>(null);
  const [layingOut, setLayingOut] = useState(false);
  // Framing the flow after a layout waits for the new positions to reach React Flow, which
  // happens in its own effects (they run before this component's).
  const [framed, setFramed] = useState(0);
  useEffect(() => {
    if (framed > 0) void fitView({ padding: 0.2, maxZoom: 1, duration: 300 });
  }, [framed, fitView]);

  const viewCentre = useCallback(() => {
    const rect = canvasRef.current?.getBoundingClientRect();
    const centre = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: 400, y: 300 };
    return screenToFlowPosition(centre);
  }, [canvasRef, screenToFlowPosition]);

  /** Adds a step of `kind`: at `at` when dropped there, else beside the selected step. */
  const addNode = useCallback(
    (kind: NodeKind, at?: { x: number; y: number }, preset?: Record<string, unknown>) => {
      let position = at;
      if (!position) {
        const selected = nodes.filter((node) => node.selected);
        const anchor = selected.length === 1 && selected[0] ? boxOf(selected[0]) : null;
        const centre = viewCentre();
        position = placeStep({ width: NODE_WIDTH, height: NODE_HEIGHT }, nodes.map(boxOf), anchor, {
          x: centre.x - NODE_WIDTH / 2,
          y: centre.y - NODE_HEIGHT / 2,
        });
      }
      const id = newNodeId(kind, new Set(nodes.map((node) => node.id)));
      // A preset (a custom activity's palette entry) fills in fields over the kind's defaults.
      const config = { ...(structuredClone(nodeKinds[kind].defaults) as Record<string, unknown>), ...preset };
      setNodes((current) => [...deselected(current), { id, type: kind, position, data: { config }, selected: true }]);
      setEdges((current) => deselected(current));
    },
    [nodes, viewCentre, setNodes, setEdges],
  );

  /** Adds an empty yellow note in a free spot near the middle of the view, selected for typing. */
  const addNote = useCallback(() => {
    const centre = viewCentre();
    const position = placeStep(NOTE_SIZE, nodes.map(boxOf), null, { x: centre.x - NOTE_SIZE.width / 2, y: centre.y - NOTE_SIZE.height / 2 });
    const id = newNodeId('note', new Set(nodes.map((node) => node.id)));
    const note = toNoteNode({ id, text: '', color: 'yellow', position, size: NOTE_SIZE });
    // First in the list: notes are drawn under the steps.
    setNodes((current) => [{ ...note, selected: true }, ...deselected(current)]);
    setEdges((current) => deselected(current));
  }, [nodes, viewCentre, setNodes, setEdges]);

  /** The selected steps as clipboard text, or null (with a message) when nothing can be copied. */
  const copySelection = useCallback((): string | null => {
    const selected = new Set(nodes.filter((node) => node.selected).map((node) => node.id));
    if (selected.size === 0) return null;
    const steps = copySteps(toGraph(nodes, edges), selected);
    if (!steps) {
      onMessage('error', 'The start step cannot be copied: a flow has exactly one.');
      return null;
    }
    const text = serializeSteps(steps);
    clipboard.current = { text, pastes: 0 };
    return text;
  }, [nodes, edges, onMessage]);

  const insertSteps = useCallback(
    (steps: StepsClipboard, offset: number) => {
      const pasted = remapSteps(steps, new Set(nodes.map((node) => node.id)), { x: offset, y: offset });
      const canvas = toCanvas({ schemaVersion: 1, ...pasted } as FlowGraph);
      const added = canvas.nodes.map((node) => ({ ...node, selected: true }));
      // Pasted notes go under every step, pasted steps on top.
      setNodes((current) => [...added.filter(isNote), ...deselected(current), ...added.filter(isStep)]);
      setEdges((current) => [...deselected(current), ...canvas.edges]);
    },
    [nodes, setNodes, setEdges],
  );

  /** Pastes clipboard text; anything but copied steps is ignored with a message. */
  const pasteText = useCallback(
    (text: string) => {
      const parsed = parseSteps(text);
      if (!parsed.ok) {
        onMessage('error', `Nothing pasted: ${parsed.reason}`);
        return;
      }
      // The same copy pasted again lands a little further along each time.
      const same = clipboard.current?.text === text ? clipboard.current : null;
      const pastes = (same?.pastes ?? 0) + 1;
      clipboard.current = { text, pastes };
      insertSteps(parsed.steps, PASTE_OFFSET * pastes);
    },
    [insertSteps, onMessage],
  );

  const duplicateSelection = useCallback(() => {
    const text = copySelection();
    if (text) pasteText(text);
  }, [copySelection, pasteText]);

  const autoLayout = useCallback(async () => {
    setLayingOut(true);
    try {
      const sizes = new Map(nodes.map((node) => [node.id, boxOf(node)]));
      const positions = await layoutSteps(toGraph(nodes, edges), (id) => sizes.get(id) ?? { width: NODE_WIDTH, height: NODE_HEIGHT });
      setNodes((current) => current.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })));
      setFramed((count) => count + 1);
    } catch (error) {
      onMessage('error', `Could not arrange the flow: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setLayingOut(false);
    }
  }, [nodes, edges, setNodes, onMessage]);

  /** Selects a step and centres the canvas on it. */
  const focusNode = useCallback(
    (id: string) => {
      const node = nodes.find((candidate) => candidate.id === id);
      setNodes((current) => current.map((candidate) => ({ ...candidate, selected: candidate.id === id })));
      setEdges((current) => deselected(current));
      if (!node) return;
      const box = boxOf(node);
      void setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom: Math.max(getZoom(), 0.9), duration: 300 });
    },
    [nodes, setNodes, setEdges, setCenter, getZoom],
  );

  /** Puts an undo/redo snapshot on the canvas, keeping the selection of steps that remain. */
  const restore = useCallback(
    (snapshot: string) => {
      const canvas = toCanvas(JSON.parse(snapshot) as FlowGraph);
      setNodes((current) => {
        // Keep what React Flow measured, so the restored steps show at once.
        const before = new Map(current.map((node) => [node.id, node]));
        return canvas.nodes.map((node) => {
          const was = before.get(node.id);
          return was ? { ...node, selected: was.selected ?? false, ...(was.measured ? { measured: was.measured } : {}) } : node;
        });
      });
      setEdges(canvas.edges);
    },
    [setNodes, setEdges],
  );

  return { addNode, addNote, copySelection, pasteText, duplicateSelection, autoLayout, layingOut, focusNode, restore };
}
