'use client';

import { isNodeKind, type NodeKind } from '@parley/flow';
import { useReactFlow } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import type { CanvasEdge, CanvasNode } from '@/lib/graph';
import { ACTIVITY_DRAG_MIME, DRAG_MIME, activityPreset } from '../Palette';
import type { CustomActivityDescriptor } from '@parley/flow';
import { NODE_WIDTH } from './useCanvasCommands';

/** Dropping a step from the palette onto the canvas adds it where it was dropped. */
export function usePaletteDrop(
  addNode: (kind: NodeKind, position: { x: number; y: number }, preset?: Record<string, unknown>) => void,
  customActivities: readonly CustomActivityDescriptor[] | undefined,
) {
  const { screenToFlowPosition } = useReactFlow<CanvasNode, CanvasEdge>();
  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(DRAG_MIME);
      if (!isNodeKind(kind)) return;
      event.preventDefault();
      const p = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const activity = customActivities?.find((candidate) => candidate.name === event.dataTransfer.getData(ACTIVITY_DRAG_MIME));
      addNode(kind, { x: p.x - NODE_WIDTH / 2, y: p.y - 20 }, activity ? activityPreset(activity) : undefined);
    },
    [addNode, screenToFlowPosition, customActivities],
  );
  return { onDragOver, onDrop };
}
