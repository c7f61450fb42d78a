'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { nodeKinds, isNodeKind } from '@parley/flow';
import { Icon, ErrorState, LoadingState } from '@parley/ui';
import type { ConversationPath } from '@/lib/api-types';
import { toCanvas } from '@/lib/graph';
import { useCan } from '@/lib/session';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import { ReadOnlyCanvas } from '../editor/versions/ReadOnlyCanvas';
import { useLitCanvas } from '../editor/simulator/useLitCanvas';
import { useSimulator } from '../editor/simulator/useSimulator';
import { FocusNode, NodeFigureBadges } from './PathOverlay';
import { RerunChat } from './RerunChat';
import { Timeline } from './Timeline';
import { nodeFigures, timeline } from './path-summary';
import styles from './path.module.css';

/**
 * A conversation's path ("time travel"): the version it is pinned to, read only, with the steps it
 * ran lit up and their figures; beside it the timeline of steps and messages. Selecting a step on
 * either side shows it on the other. "Re-run from this step" chats with a test conversation of
 * that version that starts there, with the variables the conversation had.
 */
export function PathView({ flowId, conversationId }: { flowId: string; conversationId: string }) {
  const trpc = useTRPC();
  const path = useQuery({
    ...trpc.conversations.path.queryOptions({ conversationId }),
    // A conversation still running keeps extending its path.
    refetchInterval: (query) => (query.state.data && isOpen(query.state.data.conversation.status) ? LIVE_REFRESH_MS : false),
  });
  if (path.error) return <ErrorState error={path.error} title="Could not load the conversation's path" />;
  if (!path.data) return <LoadingState label="Loading the path…" />;
  return <PathScreen flowId={flowId} path={path.data} />;
}

/** How often the path of a conversation still running is read again. */
const LIVE_REFRESH_MS = 3000;
const isOpen = (status: ConversationPath['conversation']['status']) => status === 'active' || status === 'handoff';

const alreadySaved = async () => true;
const ignoreTrace = () => undefined;

function PathScreen({ flowId, path }: { flowId: string; path: ConversationPath }) {
  const client = useTRPCClient();
  const canRerun = useCan('flows:manage');
  const canvas = useMemo(() => toCanvas(path.graph), [path.graph]);
  const lit = useLitCanvas(canvas.nodes, canvas.edges, true);
  const { onTrace } = lit;
  useEffect(() => onTrace(path.steps), [onTrace, path.steps]);
  const figures = useMemo(() => nodeFigures(path.steps), [path.steps]);
  const nodes = useMemo(
    () => lit.nodes.map((node) => (figures.get(node.id)?.failed ? { ...node, className: [node.className, styles.failed].filter(Boolean).join(' ') } : node)),
    [lit.nodes, figures],
  );
  const entries = useMemo(() => timeline(path.steps, path.messages), [path.steps, path.messages]);
  const titleOf = useCallback(
    (nodeId: string) => {
      const node = path.graph.nodes.find((candidate) => candidate.id === nodeId);
      if (!node) return nodeId;
      return node.label?.trim() || (isNodeKind(node.kind) ? nodeKinds[node.kind].label : node.kind);
    },
    [path.graph.nodes],
  );

  const [selected, setSelected] = useState<string | null>(null);
  const selectedNode = path.steps.find((step) => step.id === selected)?.nodeId ?? null;
  // A step clicked on the canvas selects its first run, then each next one on the next click.
  const selectNode = (nodeId: string) => {
    const runs = path.steps.filter((step) => step.nodeId === nodeId);
    if (runs.length === 0) return;
    const at = runs.findIndex((step) => step.id === selected);
    setSelected(runs[(at + 1) % runs.length]!.id);
  };

  const simulator = useSimulator(flowId, alreadySaved, ignoreTrace);
  const [chatOpen, setChatOpen] = useState(false);
  const rerun = useMutation({
    mutationFn: (stepId: string) => client.simulator.rerun.mutate({ conversationId: path.conversation.id, nodeRunId: stepId }),
    onSuccess: (started) => {
      simulator.adopt(started);
      setChatOpen(true);
    },
  });

  const back = path.transcripts && !path.conversation.test ? `/inbox/${path.conversation.id}` : `/flows/${flowId}`;
  const failedCount = path.steps.filter((step) => step.failed).length;
  return (
    <div className={styles.screen} data-testid="path-view">
      <header className={styles.header}>
        <Link href={back} className="btn btn-ghost btn-icon" aria-label="Back">
          <Icon name="arrow-left" size={16} />
        </Link>
        <div className={styles.headerText}>
          <h1 className={styles.title}>Path{path.conversation.contactName ? ` of ${path.conversation.contactName}` : ''}</h1>
          <p className={styles.meta}>
            <span>
              {path.flow.name} v{path.flow.version}
            </span>
            <span aria-hidden="true">·</span>
            <span className="badge">{path.conversation.status}</span>
            <span aria-hidden="true">·</span>
            <span data-testid="path-step-count">{path.steps.length} steps</span>
            {failedCount > 0 ? <span className="badge badge-danger">{failedCount} failed</span> : null}
          </p>
        </div>
        <Link href={`/flows/${flowId}`} className="btn btn-ghost btn-sm">
          <Icon name="external-link" size={13} />
          Open flow
        </Link>
      </header>
      <div className={styles.body}>
        <div className={styles.canvas} data-testid="path-canvas">
          <ReadOnlyCanvas nodes={nodes} edges={lit.edges} onNodeClick={(_, node) => selectNode(node.id)}>
            <NodeFigureBadges nodes={canvas.nodes} figures={figures} selectedNode={selectedNode} onSelect={selectNode} />
            <FocusNode nodeId={selectedNode} />
          </ReadOnlyCanvas>
        </div>
        <aside className={styles.side} aria-label={chatOpen ? 'Re-run' : 'Timeline'}>
          {chatOpen ? (
            <RerunChat simulator={simulator} titleOf={titleOf} onClose={() => setChatOpen(false)} />
          ) : (
            <Timeline
              entries={entries}
              transcripts={path.transcripts}
              titleOf={titleOf}
              selected={selected}
              onSelect={setSelected}
              rerun={canRerun ? { start: (stepId) => rerun.mutate(stepId), pending: rerun.isPending, error: rerun.error } : null}
            />
          )}
        </aside>
      </div>
    </div>
  );
}
