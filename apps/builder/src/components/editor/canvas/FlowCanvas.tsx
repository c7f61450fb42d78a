'use client';

import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  Panel,
  ReactFlow,
  type DefaultEdgeOptions,
  type IsValidConnection,
  type OnConnect,
  type OnEdgesChange,
  type OnNodesChange,
} from '@xyflow/react';
import type { ComponentProps } from 'react';
import type { CanvasEdge, CanvasNode } from '@/lib/graph';
import { AnalyticsBar } from '../analytics/AnalyticsBar';
import { NodeAnalyticsContext } from '../analytics/analytics-context';
import type { useFlowAnalytics } from '../analytics/useFlowAnalytics';
import analyticsStyles from '../analytics/analytics.module.css';
import { NodeIssuesContext, type groupIssuesByNode } from '../issues-context';
import { canvasNodeTypes } from '../notes/canvas-node-types';
import { NoteEditingContext } from '../notes/note-editing';
import type { useNoteEditing } from '../notes/useNoteEditing';
import { CanvasToolbar } from './CanvasToolbar';
import canvasStyles from './canvas.module.css';

const defaultEdgeOptions: DefaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
};

/** Past this many steps the canvas skips drawing those out of view. */
const LARGE_FLOW_NODES = 200;

/**
 * The flow editor's React Flow canvas: the steps and notes as drawn (lit by the simulator,
 * weighted by analytics), with the toolbar, analytics bar, zoom controls and minimap over it, and
 * what the node views read from context (their issues, note editing, analytics badges).
 */
export function FlowCanvas({
  nodes,
  edges,
  stepCount,
  onNodesChange,
  onEdgesChange,
  onConnect,
  isValidConnection,
  issuesByNode,
  noteEditing,
  analytics,
  toolbar,
}: {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** How many nodes the flow has (a large flow draws only those in view). */
  stepCount: number;
  onNodesChange: OnNodesChange<CanvasNode>;
  onEdgesChange: OnEdgesChange<CanvasEdge>;
  onConnect: OnConnect;
  isValidConnection: IsValidConnection<CanvasEdge>;
  issuesByNode: ReturnType<typeof groupIssuesByNode>;
  noteEditing: ReturnType<typeof useNoteEditing>;
  analytics: ReturnType<typeof useFlowAnalytics>;
  toolbar: Omit<ComponentProps<typeof CanvasToolbar>, 'analytics'>;
}) {
  return (
    <NodeIssuesContext value={issuesByNode}>
      <NoteEditingContext value={noteEditing}>
        <NodeAnalyticsContext value={analytics.badges}>
          <ReactFlow<CanvasNode, CanvasEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={canvasNodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            defaultEdgeOptions={defaultEdgeOptions}
            deleteKeyCode={['Backspace', 'Delete']}
            // Shift-drag draws a selection box; Ctrl (Cmd on a Mac) adds steps one click at a time.
            selectionKeyCode="Shift"
            multiSelectionKeyCode={['Control', 'Meta']}
            // A big flow draws only the steps in view: panning stays smooth (bench/builder/editor.ts).
            onlyRenderVisibleElements={stepCount > LARGE_FLOW_NODES}
            fitView
            fitViewOptions={{ padding: 0.25, maxZoom: 1 }}
            minZoom={0.2}
            maxZoom={2}
          >
            <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="#d4d4d8" />
            {/* Over the canvas, not in the header: the header keeps room for the flow's name and state. */}
            <Panel position="top-right" className={canvasStyles.panel}>
              <CanvasToolbar {...toolbar} analytics={analytics.allowed ? { on: analytics.on, onToggle: analytics.toggle } : undefined} />
            </Panel>
            {analytics.on ? (
              <Panel position="top-left" className={`${canvasStyles.panel} ${analyticsStyles.panel}`}>
                <AnalyticsBar {...analytics.bar} />
              </Panel>
            ) : null}
            <Controls showInteractive={false} position="bottom-left" />
            <MiniMap
              pannable
              zoomable
              position="bottom-right"
              ariaLabel="Minimap of the flow"
              className={canvasStyles.minimap}
              style={{ width: 160, height: 110 }}
              nodeColor={(node) => (node.type === 'note' ? '#fde68a' : '#c7d2fe')}
              nodeBorderRadius={3}
              maskColor="rgb(244 244 245 / 0.7)"
            />
          </ReactFlow>
        </NodeAnalyticsContext>
      </NoteEditingContext>
    </NodeIssuesContext>
  );
}
