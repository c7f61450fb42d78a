'use client';

import '@xyflow/react/dist/style.css';
import { Background, BackgroundVariant, Controls, MarkerType, ReactFlow, ReactFlowProvider, type NodeMouseHandler } from '@xyflow/react';
import type { ReactNode } from 'react';
import type { CanvasEdge, CanvasNode } from '@/lib/graph';
import { canvasNodeTypes } from '../notes/canvas-node-types';

const edgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };

/**
 * A canvas to look at, never edit: a flow version, a comparison, a conversation's path. Children
 * render inside React Flow (overlays in the viewport, hooks that move the view).
 */
export function ReadOnlyCanvas({
  nodes,
  edges,
  onNodeClick,
  children,
}: {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  onNodeClick?: NodeMouseHandler<CanvasNode>;
  children?: ReactNode;
}) {
  return (
    <ReactFlowProvider>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={canvasNodeTypes}
        defaultEdgeOptions={edgeOptions}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        deleteKeyCode={null}
        {...(onNodeClick ? { onNodeClick } : {})}
        fitView
        fitViewOptions={{ padding: 0.25, maxZoom: 1 }}
        minZoom={0.2}
        maxZoom={2}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="#d4d4d8" />
        <Controls showInteractive={false} position="bottom-left" />
        {children}
      </ReactFlow>
    </ReactFlowProvider>
  );
}
