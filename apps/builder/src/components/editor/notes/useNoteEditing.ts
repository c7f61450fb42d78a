'use client';

import type { NoteColor } from '@parley/flow';
import { useReactFlow } from '@xyflow/react';
import { useMemo, type Dispatch, type SetStateAction } from 'react';
import { isNote, type CanvasEdge, type CanvasNode, type NoteNodeData } from '@/lib/graph';
import type { NoteEditing } from './note-editing';

/**
 * The note edits of the editor's canvas, as undo steps: typing into one note is one step (as
 * typing into one field of a step), a colour change or a delete is a step of its own.
 */
export function useNoteEditing({
  setNodes,
  coalesceNext,
}: {
  setNodes: Dispatch<SetStateAction<CanvasNode[]>>;
  coalesceNext: (key?: string) => void;
}): NoteEditing {
  const { deleteElements } = useReactFlow<CanvasNode, CanvasEdge>();
  return useMemo(() => {
    const update = (id: string, patch: Partial<NoteNodeData>) =>
      setNodes((current) => current.map((node) => (node.id === id && isNote(node) ? { ...node, data: { ...node.data, ...patch } } : node)));
    return {
      onTextChange: (id: string, text: string) => {
        coalesceNext(`note:${id}:text`);
        update(id, { text });
      },
      onColorChange: (id: string, color: NoteColor) => {
        coalesceNext();
        update(id, { color });
      },
      onDelete: (id: string) => {
        coalesceNext();
        void deleteElements({ nodes: [{ id }] });
      },
    };
  }, [setNodes, coalesceNext, deleteElements]);
}
