'use client';

import '@xyflow/react/dist/style.css';

import { diffFlows, isNodeKind, nodeKinds, validateFlow, type FlowGraph, type FlowIssue, type NodeKind, type ValidationContext } from '@parley/flow';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type Connection,
  type DefaultEdgeOptions,
  type IsValidConnection,
} from '@xyflow/react';
import Link from 'next/link';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Icon } from '@/components/ui/Icon';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import type { FlowDetail } from '@/lib/api-types';
import { errorCode, errorMessage } from '@/lib/errors';
import { edgeId, newNodeId, toCanvas, toGraph, type CanvasEdge, type CanvasNode } from '@/lib/graph';
import { useTRPC } from '@/lib/trpc';
import { EditorHeader, type SaveState } from './EditorHeader';
import { EdgeInspector, NodeInspector } from './Inspector';
import { countBySeverity, groupIssuesByNode, NodeIssuesContext } from './issues-context';
import { nodeViews } from './nodes/nodeViews';
import { DRAG_MIME, Palette } from './Palette';
import { ProblemsList } from './ProblemsList';
import { useCan } from '@/lib/session';
import { PublishDialog } from './versions/PublishDialog';
import { VersionCanvas, type VersionView } from './versions/VersionCanvas';
import { VersionsPanel } from './versions/VersionsPanel';
import styles from './editor.module.css';

const NODE_WIDTH = 240;

const defaultEdgeOptions: DefaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
};

/** Loads a flow and opens it in the editor. */
export function FlowEditorScreen({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const flow = useQuery({ ...trpc.flows.get.queryOptions({ id: flowId }), refetchOnWindowFocus: false });

  if (flow.isPending) return <LoadingState label="Loading flow…" />;
  if (flow.isError) {
    if (errorCode(flow.error) === 'NOT_FOUND') {
      return (
        <EmptyState
          icon="workflow"
          title="Flow not found"
          action={
            <Link href="/flows" className="btn">
              Back to flows
            </Link>
          }
        >
          It may have been deleted, or the link is wrong.
        </EmptyState>
      );
    }
    return <ErrorState error={flow.error} title="Could not load the flow" onRetry={() => void flow.refetch()} />;
  }
  return (
    <ReactFlowProvider>
      <FlowEditor flow={flow.data} />
    </ReactFlowProvider>
  );
}

type Banner = { kind: 'success' | 'error'; text: string };

function FlowEditor({ flow }: { flow: FlowDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { screenToFlowPosition, setCenter, getNode, getZoom, deleteElements } = useReactFlow<CanvasNode, CanvasEdge>();
  const canvasRef = useRef<HTMLDivElement>(null);

  // The canvas is initialised from the draft once; later refetches (after publishing) only
  // refresh the header, never the user's work in progress.
  const [initial] = useState(() => toCanvas(flow.draft.graph));
  const [nodes, setNodes, onNodesChange] = useNodesState<CanvasNode>(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<CanvasEdge>(initial.edges);

  const graph = useMemo(() => toGraph(nodes, edges), [nodes, edges]);
  const snapshot = useMemo(() => JSON.stringify(graph), [graph]);

  const [saved, setSaved] = useState(() => ({
    snapshot: JSON.stringify(toGraph(initial.nodes, initial.edges)),
    issues: flow.issues,
    at: flow.draft.updatedAt,
  }));
  const [rejected, setRejected] = useState<{ snapshot: string; issues: FlowIssue[] } | null>(null);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [versionView, setVersionView] = useState<VersionView | null>(null);
  const [askingNote, setAskingNote] = useState(false);

  const saveDraft = useMutation(trpc.flows.saveDraft.mutationOptions());
  const canManage = useCan('flows:manage');
  const publish = useMutation(trpc.flows.publish.mutationOptions());

  const dirty = snapshot !== saved.snapshot;
  // Publishing again makes no sense when the canvas is what is already live. Compared as the
  // diff sees it: the published graph comes back with defaults filled in and keys reordered,
  // which a text comparison took for a change (Publish stayed enabled after publishing).
  const upToDate = useMemo(() => (flow.published ? diffFlows(flow.published.graph, graph).same : false), [flow.published, graph]);
  const isRejected = rejected !== null && rejected.snapshot === snapshot;

  // Unsaved edits are checked in the browser with the same validateFlow the server runs; what
  // the server returned is shown for the saved draft.
  const deferredGraph = useDeferredValue(graph);
  // What the server's validation also knows: the custom activities and the workspace's flows
  // (for custom activity and subflow nodes). Until they load, those checks are skipped.
  const customActivities = useQuery({ ...trpc.flows.customActivities.queryOptions(), staleTime: 5 * 60_000 });
  const flowList = useQuery({ ...trpc.flows.list.queryOptions(), staleTime: 60_000 });
  const validationContext = useMemo<ValidationContext>(
    () => ({
      flowId: flow.id,
      ...(customActivities.data ? { customActivities: customActivities.data } : {}),
      ...(flowList.data
        ? { flows: flowList.data.map((item) => ({ id: item.id, name: item.name, published: item.publishedVersion !== null })) }
        : {}),
    }),
    [flow.id, customActivities.data, flowList.data],
  );
  const issues = useMemo<FlowIssue[]>(() => {
    if (isRejected) return rejected.issues;
    if (!dirty) return saved.issues;
    return validateFlow(deferredGraph, validationContext).issues;
  }, [isRejected, rejected, dirty, saved.issues, deferredGraph, validationContext]);
  const issuesByNode = useMemo(() => groupIssuesByNode(issues), [issues]);
  const { errors: errorCount } = countBySeverity(issues);

  const saveState: SaveState = saveDraft.isPending
    ? 'saving'
    : isRejected
      ? 'not-saved'
      : dirty
        ? 'dirty'
        : 'saved';

  useEffect(() => {
    if (banner?.kind !== 'success') return;
    const timer = setTimeout(() => setBanner(null), 6000);
    return () => clearTimeout(timer);
  }, [banner]);

  /** Saves the current graph; resolves to the server's issues, or null when nothing was saved. */
  const save = useCallback(async (): Promise<FlowIssue[] | null> => {
    const snap = snapshot;
    try {
      const result = await saveDraft.mutateAsync({ id: flow.id, graph });
      if (!result.saved) {
        setRejected({ snapshot: snap, issues: result.issues });
        setBanner({ kind: 'error', text: 'The draft was not saved: fix the problems listed below first.' });
        return null;
      }
      const at = new Date().toISOString();
      setRejected(null);
      setSaved({ snapshot: snap, issues: result.issues, at });
      // Keep the cached flow in step, so reopening the editor shows what was just saved.
      queryClient.setQueryData(trpc.flows.get.queryKey({ id: flow.id }), (old) =>
        old ? { ...old, draft: { ...old.draft, graph, updatedAt: at }, issues: result.issues } : old,
      );
      void queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
      return result.issues;
    } catch (error) {
      setBanner({ kind: 'error', text: `Could not save: ${errorMessage(error)}` });
      return null;
    }
  }, [snapshot, graph, flow.id, saveDraft, queryClient, trpc]);

  const onSave = useCallback(() => {
    setBanner(null);
    void save().then((result) => {
      if (!result) return;
      const errors = result.filter((issue) => issue.severity === 'error').length;
      setBanner(
        errors === 0
          ? { kind: 'success', text: 'Draft saved.' }
          : { kind: 'success', text: `Draft saved with ${errors} error${errors === 1 ? '' : 's'} to fix before publishing.` },
      );
    });
  }, [save]);

  const onPublish = useCallback(async (note: string) => {
    setAskingNote(false);
    setBanner(null);
    if (dirty || isRejected) {
      const result = await save();
      if (!result) return;
      if (result.some((issue) => issue.severity === 'error')) {
        setBanner({ kind: 'error', text: 'Saved, but the draft has errors: fix them to publish.' });
        return;
      }
    }
    try {
      const published = await publish.mutateAsync({ id: flow.id, ...(note ? { note } : {}) });
      // Weak intent examples do not block publishing; say which ones to improve.
      const advice = published.intentWarnings.flatMap((router) => router.warnings.map((warning) => `${router.label}: ${warning.message}`));
      const tips = advice.length > 0 ? ` To improve: ${advice.join('; ')}.` : '';
      setBanner({ kind: 'success', text: `Published version ${published.version}. New conversations use it now.${tips}` });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ id: flow.id }) }),
        queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.flows.versions.queryKey({ id: flow.id }) }),
      ]);
    } catch (error) {
      setBanner({ kind: 'error', text: `Could not publish: ${errorMessage(error)}` });
    }
  }, [dirty, isRejected, save, publish, flow.id, queryClient, trpc]);

  /** A restored version is the saved draft now: show it, and forget the replaced edits. */
  const onRestored = useCallback(
    (restored: FlowGraph, version: number) => {
      const canvas = toCanvas(restored);
      setNodes(canvas.nodes);
      setEdges(canvas.edges);
      setRejected(null);
      setSaved({
        snapshot: JSON.stringify(toGraph(canvas.nodes, canvas.edges)),
        issues: validateFlow(restored, validationContext).issues,
        at: new Date().toISOString(),
      });
      setVersionView(null);
      setBanner({ kind: 'success', text: `The draft is a copy of version ${version} now. Publish it to make it live.` });
      void queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ id: flow.id }) });
    },
    [setNodes, setEdges, validationContext, queryClient, trpc, flow.id],
  );

  // Ctrl/Cmd+S saves; leaving with unsaved edits asks first.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (canManage && saveState !== 'saving') onSave();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onSave, saveState, canManage]);
  useEffect(() => {
    // Edits of a person who may not save are a sketch: leaving does not ask.
    if (!dirty || !canManage) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty, canManage]);

  // ---- Graph editing ----

  const onConnect = useCallback(
    (connection: Connection) => {
      const port = connection.sourceHandle;
      if (!port) return;
      // An output port leads to exactly one step: a new connection replaces the old one.
      setEdges((current) => [
        ...current.filter((edge) => !(edge.source === connection.source && edge.sourceHandle === port)),
        { id: edgeId(connection.source, port, connection.target), source: connection.source, sourceHandle: port, target: connection.target },
      ]);
    },
    [setEdges],
  );

  const isValidConnection = useCallback<IsValidConnection<CanvasEdge>>((connection) => connection.source !== connection.target, []);

  const addNode = useCallback(
    (kind: NodeKind, at?: { x: number; y: number }) => {
      let position = at;
      if (!position) {
        const rect = canvasRef.current?.getBoundingClientRect();
        const centre = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: 400, y: 300 };
        const p = screenToFlowPosition(centre);
        // Offset a little per node so repeated clicks do not stack exactly.
        const jitter = (nodes.length % 5) * 24;
        position = { x: p.x - NODE_WIDTH / 2 + jitter, y: p.y - 40 + jitter };
      }
      const id = newNodeId(kind, new Set(nodes.map((node) => node.id)));
      const config = structuredClone(nodeKinds[kind].defaults) as Record<string, unknown>;
      setNodes((current) => [
        ...current.map((node) => (node.selected ? { ...node, selected: false } : node)),
        { id, type: kind, position, data: { config }, selected: true },
      ]);
      setEdges((current) => current.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)));
    },
    [nodes, screenToFlowPosition, setNodes, setEdges],
  );

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
      addNode(kind, { x: p.x - NODE_WIDTH / 2, y: p.y - 20 });
    },
    [addNode, screenToFlowPosition],
  );

  const updateNodeData = useCallback(
    (id: string, update: (data: CanvasNode['data']) => CanvasNode['data']) => {
      setNodes((current) => current.map((node) => (node.id === id ? { ...node, data: update(node.data) } : node)));
    },
    [setNodes],
  );

  const selectedNodes = nodes.filter((node) => node.selected);
  const selectedNode = selectedNodes.length === 1 ? selectedNodes[0] : undefined;
  const selectedEdge = selectedNodes.length === 0 ? edges.find((edge) => edge.selected) : undefined;

  const focusIssue = useCallback(
    (issue: FlowIssue) => {
      if (issue.nodeId) {
        const nodeId = issue.nodeId;
        setNodes((current) => current.map((node) => ({ ...node, selected: node.id === nodeId })));
        setEdges((current) => current.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)));
        const node = getNode(nodeId);
        if (node) {
          const width = node.measured?.width ?? NODE_WIDTH;
          const height = node.measured?.height ?? 80;
          void setCenter(node.position.x + width / 2, node.position.y + height / 2, {
            zoom: Math.max(getZoom(), 0.9),
            duration: 300,
          });
        }
      } else if (issue.edgeId) {
        const id = issue.edgeId;
        setNodes((current) => current.map((node) => (node.selected ? { ...node, selected: false } : node)));
        setEdges((current) => current.map((edge) => ({ ...edge, selected: edge.id === id })));
      }
    },
    [getNode, getZoom, setCenter, setNodes, setEdges],
  );

  // Connections with problems are drawn red.
  const edgeIssueIds = useMemo(() => new Set(issues.filter((issue) => issue.edgeId && issue.severity === 'error').map((issue) => issue.edgeId)), [issues]);
  const displayEdges = useMemo(
    () => (edgeIssueIds.size === 0 ? edges : edges.map((edge) => (edgeIssueIds.has(edge.id) ? { ...edge, className: styles.edgeError } : edge))),
    [edges, edgeIssueIds],
  );

  const nodeTitle = (id: string) => {
    const node = nodes.find((n) => n.id === id);
    if (!node?.type) return id;
    return node.data.label?.trim() || nodeKinds[node.type].label;
  };

  return (
    <div className={styles.editor}>
      <EditorHeader
        flow={flow}
        saveState={saveState}
        savedAt={saved.at}
        errorCount={errorCount}
        upToDate={upToDate}
        publishing={publish.isPending}
        onSave={onSave}
        canManage={canManage}
        onPublish={() => setAskingNote(true)}
        onVersions={() => setVersionsOpen((open) => !open)}
      />
      <PublishDialog open={askingNote} version={flow.draft.version} onPublish={(note) => void onPublish(note)} onClose={() => setAskingNote(false)} />
      <div className={styles.body}>
        <Palette onAdd={(kind) => addNode(kind)} />

        <div
          ref={canvasRef}
          className={styles.canvas}
          data-testid="flow-canvas"
          aria-label="Flow canvas"
          role="region"
          onDragOver={onDragOver}
          onDrop={onDrop}
        >
          {banner ? (
            <div
              className={styles.banner}
              data-kind={banner.kind}
              role={banner.kind === 'error' ? 'alert' : 'status'}
              data-testid="editor-banner"
            >
              <Icon name={banner.kind === 'error' ? 'alert-circle' : 'check-circle'} size={15} />
              <span>{banner.text}</span>
              <button type="button" className="btn btn-ghost btn-sm btn-icon" aria-label="Dismiss" onClick={() => setBanner(null)}>
                <Icon name="x" size={13} />
              </button>
            </div>
          ) : null}
          <NodeIssuesContext value={issuesByNode}>
            <ReactFlow<CanvasNode, CanvasEdge>
              nodes={nodes}
              edges={displayEdges}
              nodeTypes={nodeViews}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              isValidConnection={isValidConnection}
              defaultEdgeOptions={defaultEdgeOptions}
              deleteKeyCode={['Backspace', 'Delete']}
              fitView
              fitViewOptions={{ padding: 0.25, maxZoom: 1 }}
              minZoom={0.2}
              maxZoom={2}
            >
              <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="#d4d4d8" />
              <Controls showInteractive={false} position="bottom-left" />
            </ReactFlow>
          </NodeIssuesContext>
        </div>

        <aside className={styles.side} aria-label="Properties and problems">
          <div className={styles.sideMain}>
            {selectedNode ? (
              <NodeInspector
                key={selectedNode.id}
                node={selectedNode}
                issues={issuesByNode.get(selectedNode.id) ?? []}
                onConfigChange={(name, value) =>
                  updateNodeData(selectedNode.id, (data) => ({ ...data, config: { ...data.config, [name]: value } }))
                }
                onLabelChange={(label) => updateNodeData(selectedNode.id, (data) => ({ ...data, label }))}
                onDelete={() => void deleteElements({ nodes: [{ id: selectedNode.id }] })}
              />
            ) : selectedEdge ? (
              <EdgeInspector
                edge={selectedEdge}
                sourceLabel={nodeTitle(selectedEdge.source)}
                targetLabel={nodeTitle(selectedEdge.target)}
                issues={issues.filter((issue) => issue.edgeId === selectedEdge.id)}
                onDelete={() => void deleteElements({ edges: [{ id: selectedEdge.id }] })}
              />
            ) : (
              <FlowSummaryPanel flow={flow} nodeCount={nodes.length} edgeCount={edges.length} />
            )}
          </div>
          <ProblemsList issues={issues} live={dirty} onSelect={focusIssue} />
        </aside>
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
      </div>
    </div>
  );
}

function FlowSummaryPanel({ flow, nodeCount, edgeCount }: { flow: FlowDetail; nodeCount: number; edgeCount: number }) {
  const published = flow.versions.filter((version) => version.publishedAt !== null);
  return (
    <section className={styles.inspector} aria-label="Flow details" data-testid="editor-summary">
      <header className={styles.inspectorHeader}>
        <div>
          <h2 className={styles.panelTitle}>{flow.name}</h2>
          <p className={styles.panelSubtitle}>{flow.description || 'No description.'}</p>
        </div>
      </header>
      <dl className={styles.facts}>
        <dt>Steps</dt>
        <dd>{nodeCount}</dd>
        <dt>Connections</dt>
        <dd>{edgeCount}</dd>
        <dt>Published versions</dt>
        <dd>{published.length === 0 ? 'None yet' : published.map((version) => `v${version.version}`).join(', ')}</dd>
      </dl>
      <p className={styles.hint}>Select a step to edit it. Drag from a port (the dots at the bottom of a step) to connect it.</p>
    </section>
  );
}
