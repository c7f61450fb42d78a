'use client';

import type { EdgeChange, NodeChange } from '@xyflow/react';
import { useCallback, useRef } from 'react';
import type { CanvasEdge, CanvasNode } from '@/lib/graph';

/**
 * React Flow's change handlers, wrapped so that each gesture is one undo step (see
 * useEditorHistory): one drag however many positions it passes through, one resize of a note
 * however many sizes. The gesture is told from the changes themselves: React Flow may move a node
 * before onNodeDragStart fires. Any other change (delete, add) starts a step of its own.
 */
export function useHistoryChanges({
  onNodesChange,
  onEdgesChange,
  coalesceNext,
}: {
  onNodesChange: (changes: NodeChange<CanvasNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<CanvasEdge>[]) => void;
  coalesceNext: (key?: string) => void;
}) {
  const gesture = useRef({ count: 0, active: false });

  const onNodesChangeWithHistory = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const moves = changes.filter(
        (change) => change.type === 'position' || (change.type === 'dimensions' && change.resizing !== undefined),
      );
      const ongoing = moves.some((change) => (change.type === 'position' ? change.dragging : change.type === 'dimensions' && change.resizing));
      if (ongoing) {
        if (!gesture.current.active) gesture.current = { count: gesture.current.count + 1, active: true };
        coalesceNext(`gesture:${gesture.current.count}`);
      } else if (moves.length > 0 && gesture.current.active) {
        // The gesture's last update belongs to it too.
        coalesceNext(`gesture:${gesture.current.count}`);
        gesture.current.active = false;
      } else if (changes.some((change) => change.type !== 'select' && change.type !== 'dimensions')) {
        coalesceNext();
      }
      onNodesChange(changes);
    },
    [onNodesChange, coalesceNext],
  );

  const onEdgesChangeWithHistory = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      if (changes.some((change) => change.type !== 'select')) coalesceNext();
      onEdgesChange(changes);
    },
    [onEdgesChange, coalesceNext],
  );

  return { onNodesChangeWithHistory, onEdgesChangeWithHistory };
}
