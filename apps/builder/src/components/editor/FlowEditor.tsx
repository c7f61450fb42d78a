'use client';

import '@xyflow/react/dist/style.css';

import { flowVariables, nodeKinds, type FlowGraph } from '@parley/flow';
import { useEdgesState, useNodesState, useReactFlow, type Connection, type IsValidConnection } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { FlowDetail } from '@/lib/api-types';
import { edgeId, isStep, toCanvas, toGraph, type CanvasEdge, type CanvasNode, type StepNode } from '@/lib/graph';
import { useFlowAnalytics } from './analytics/useFlowAnalytics';
import { FlowCanvas } from './canvas/FlowCanvas';
import { useCanvasCommands } from './canvas/useCanvasCommands';
import { usePaletteDrop } from './canvas/usePaletteDrop';
import { useCanvasShortcuts } from './canvas/useCanvasShortcuts';
import { useEditorHistory } from './canvas/useEditorHistory';
import { useHistoryChanges } from './canvas/useHistoryChanges';
import { useNoteEditing } from './notes/useNoteEditing';
import { EditorBanner, type Banner } from './EditorBanner';
import { EditorHeader } from './EditorHeader';
import { EditorSidePanel } from './EditorSidePanel';
import { useDraft } from './useDraft';
import { useCanvasIssues } from './useCanvasIssues';
import { useCustomActivities } from './fields/activity';
import { countBySeverity, groupIssuesByNode } from './issues-context';
import { Palette } from './Palette';
import { SimulatorPanel } from './simulator/SimulatorPanel';
import { useLitCanvas } from './simulator/useLitCanvas';
import { PublishDialog } from './versions/PublishDialog';
import { VersionCanvas, type VersionView } from './versions/VersionCanvas';
import { VersionsPanel } from './versions/VersionsPanel';
import styles from './editor.module.css';

/** The flow editor: palette, canvas and side panel, with versions, publishing and the simulator. */
export function FlowEditor({ flow }: { flow: FlowDetail }) {
  const { deleteElements } = useReactFlow<CanvasNode, CanvasEdge>();
  const canvasRef = useRef<HTMLDivElement>(null);

  // The canvas is initialised from the draft once; later refetches (after publishing) only
  // refresh the header, never the user's work in progress.
  const [initial] = useState(() => toCanvas(flow.draft.graph));
  const [nodes, setNodes, onNodesChange] = useNodesState<CanvasNode>(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<CanvasEdge>(initial.edges);

  const graph = useMemo(() => toGraph(nodes, edges), [nodes, edges]);
  const snapshot = useMemo(() => JSON.stringify(graph), [graph]);

  const [banner, setBanner] = useState<Banner | null>(null);

  const draft = useDraft({
    flow,
    graph,
    snapshot,
    initialSnapshot: JSON.stringify(toGraph(initial.nodes, initial.edges)),
    setBanner,
  });
  const { issues, saveState, canManage, dirty } = draft;
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [versionView, setVersionView] = useState<VersionView | null>(null);
  const [askingNote, setAskingNote] = useState(false);
  const [simulating, setSimulating] = useState(false);

  /** A restored version is the saved draft now: show it (undoable like any edit) and say so. */
  const { markRestored } = draft;
  const onRestored = useCallback(
    (restored: FlowGraph, version: number) => {
      const canvas = markRestored(restored);
      setNodes(canvas.nodes);
      setEdges(canvas.edges);
      setVersionView(null);
      setBanner({ kind: 'success', text: `The draft is a copy of version ${version} now. Publish it to make it live.` });
    },
    [markRestored, setNodes, setEdges],
  );
  const issuesByNode = useMemo(() => groupIssuesByNode(issues), [issues]);
  const { errors: errorCount } = countBySeverity(issues);

  const dismissBanner = useCallback(() => setBanner(null), []);

  // ---- Graph editing ----

  const showMessage = useCallback((kind: Banner['kind'], text: string) => setBanner({ kind, text }), []);
  const commands = useCanvasCommands({ nodes, edges, setNodes, setEdges, canvasRef, onMessage: showMessage });
  const { focusNode } = commands;
  const history = useEditorHistory(snapshot, commands.restore);
  const { coalesceNext } = history;
  // Adding (a step or a note), pasting and laying out are steps of their own, never folded into a drag or typing.
  const addNode = useCallback<typeof commands.addNode>(
    (...args) => {
      coalesceNext();
      commands.addNode(...args);
    },
    [commands, coalesceNext],
  );
  const addNote = useCallback(() => {
    coalesceNext();
    commands.addNote();
  }, [commands, coalesceNext]);
  const searchRef = useRef<HTMLInputElement>(null);
  useCanvasShortcuts({
    undo: history.undo,
    redo: history.redo,
    copy: commands.copySelection,
    paste: (text) => {
      coalesceNext();
      commands.pasteText(text);
    },
    duplicate: () => {
      coalesceNext();
      commands.duplicateSelection();
    },
    find: () => searchRef.current?.focus(),
    addNote: () => addNote(),
  });
  const noteEditing = useNoteEditing({ setNodes, coalesceNext });

  const onConnect = useCallback(
    (connection: Connection) => {
      const port = connection.sourceHandle;
      if (!port) return;
      coalesceNext();
      // An output port leads to exactly one step: a new connection replaces the old one.
      setEdges((current) => [
        ...current.filter((edge) => !(edge.source === connection.source && edge.sourceHandle === port)),
        { id: edgeId(connection.source, port, connection.target), source: connection.source, sourceHandle: port, target: connection.target },
      ]);
    },
    [setEdges, coalesceNext],
  );

  const isValidConnection = useCallback<IsValidConnection<CanvasEdge>>((connection) => connection.source !== connection.target, []);

  const { onNodesChangeWithHistory, onEdgesChangeWithHistory } = useHistoryChanges({ onNodesChange, onEdgesChange, coalesceNext });

  const customActivities = useCustomActivities();
  const { onDragOver, onDrop } = usePaletteDrop(addNode, customActivities);
  const variables = useMemo(() => flowVariables(graph, customActivities), [graph, customActivities]);

  // Typing into one field of one step is one undo step.
  const updateNodeData = useCallback(
    (id: string, field: string, update: (data: StepNode['data']) => StepNode['data']) => {
      coalesceNext(`edit:${id}:${field}`);
      setNodes((current) => current.map((node) => (node.id === id && isStep(node) ? { ...node, data: update(node.data) } : node)));
    },
    [setNodes, coalesceNext],
  );

  const selectedNodes = nodes.filter((node) => node.selected);
  const selectedNode = selectedNodes.length === 1 && selectedNodes[0] && isStep(selectedNodes[0]) ? selectedNodes[0] : undefined;
  const selectedEdge = selectedNodes.length === 0 ? edges.find((edge) => edge.selected) : undefined;

  const { focusIssue, displayEdges } = useCanvasIssues({ issues, edges, focusNode, setNodes, setEdges });

  const searchableSteps = useMemo(
    () => nodes.flatMap((node) => (isStep(node) && node.type ? [{ id: node.id, kind: node.type, label: node.data.label }] : [])),
    [nodes],
  );

  // The simulator's test conversation lights its path on the canvas; the analytics overlay weights edges by traffic.
  const analytics = useFlowAnalytics(flow.id, displayEdges);
  const lit = useLitCanvas(nodes, analytics.edges, simulating);

  const nodeTitle = (id: string) => {
    const node = nodes.find((n) => n.id === id);
    if (!node?.type || !isStep(node)) return id;
    return node.data.label?.trim() || nodeKinds[node.type].label;
  };

  return (
    <div className={styles.editor}>
      <EditorHeader
        flow={flow}
        saveState={saveState}
        savedAt={draft.saved.at}
        errorCount={errorCount}
        upToDate={draft.upToDate}
        publishing={draft.publishing}
        onSave={draft.onSave}
        canManage={canManage}
        onPublish={() => setAskingNote(true)}
        onVersions={() => {
          setSimulating(false);
          setVersionsOpen((open) => !open);
        }}
        onSimulate={() => {
          setVersionsOpen(false);
          setSimulating((open) => !open);
        }}
      />
      <PublishDialog
        open={askingNote}
        flowId={flow.id}
        version={flow.draft.version}
        saveFirst={async () => !dirty || (await draft.save()) !== null}
        graph={graph}
        onPublish={(note) => {
          setAskingNote(false);
          void draft.onPublish(note);
        }}
        onClose={() => setAskingNote(false)}
      />
      <div className={styles.body}>
        <Palette onAdd={(kind, preset) => addNode(kind, undefined, preset)} customActivities={customActivities} />

        <div
          ref={canvasRef}
          className={styles.canvas}
          data-testid="flow-canvas"
          aria-label="Flow canvas"
          role="region"
          onDragOver={onDragOver}
          onDrop={onDrop}
        >
          <EditorBanner banner={banner} onDismiss={dismissBanner} />
          <FlowCanvas
            nodes={lit.nodes}
            edges={lit.edges}
            stepCount={nodes.length}
            onNodesChange={onNodesChangeWithHistory}
            onEdgesChange={onEdgesChangeWithHistory}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            issuesByNode={issuesByNode}
            noteEditing={noteEditing}
            analytics={analytics}
            toolbar={{
              canUndo: history.canUndo,
              canRedo: history.canRedo,
              onUndo: history.undo,
              onRedo: history.redo,
              onAddNote: addNote,
              onLayout: () => {
                coalesceNext();
                void commands.autoLayout();
              },
              layingOut: commands.layingOut,
              search: { steps: searchableSteps, onFocusStep: focusNode },
              searchRef,
            }}
          />
        </div>

        <EditorSidePanel
          flow={flow}
          nodeCount={graph.nodes.length}
          edgeCount={edges.length}
          selectedNode={selectedNode}
          selectedEdge={selectedEdge}
          issues={issues}
          issuesByNode={issuesByNode}
          variables={variables}
          live={dirty}
          titleOf={nodeTitle}
          updateNodeData={updateNodeData}
          onDeleteNode={(id) => void deleteElements({ nodes: [{ id }] })}
          onDeleteEdge={(id) => void deleteElements({ edges: [{ id }] })}
          onSelectIssue={focusIssue}
        />
        {/* Over the palette, canvas and side panel: none of them applies to a version read-only. */}
        {versionView ? <VersionCanvas flowId={flow.id} view={versionView} draft={graph} onBack={() => setVersionView(null)} /> : null}
        {versionsOpen ? (
          <VersionsPanel
            flowId={flow.id}
            canManage={canManage}
            dirty={dirty}
            onView={(view) => {
              // The drawer would cover the comparison's change list and its Back button.
              setVersionsOpen(false);
              setVersionView(view);
            }}
            onRestored={onRestored}
            onClose={() => setVersionsOpen(false)}
          />
        ) : null}
        {simulating ? (
          <SimulatorPanel
            flowId={flow.id}
            steps={searchableSteps}
            titleOf={nodeTitle}
            saveFirst={async () => !dirty || (await draft.save()) !== null}
            onTrace={lit.onTrace}
            onFocusStep={focusNode}
            onClose={() => setSimulating(false)}
          />
        ) : null}
      </div>
    </div>
  );
}
