'use client';

import Link from 'next/link';
import { nodeKinds, type FlowGraph } from '@parley/flow';
import type { AppRouter } from '@parley/api';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import styles from './replay.module.css';

type ReplayCheck = inferOutput<TRPCOptionsProxy<AppRouter>['replayChecks']['get']>;
type ReplayOutcome = ReplayCheck['results'][number];

const VERDICT_LABEL = { same: 'Same', path: 'Path differs', reply: 'Reply differs', error: 'Not replayed' } as const;
type Verdict = keyof typeof VERDICT_LABEL;

const verdictOf = (outcome: ReplayOutcome): Verdict => (outcome.error !== null ? 'error' : (outcome.comparison?.verdict ?? 'error'));

type NodeName = (nodeId: string) => string;

/** A step as the admin knows it: its label (else its kind's) in the draft, with the id; a step the draft no longer has by id. */
function namer(graph: FlowGraph): NodeName {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return (nodeId) => {
    const node = byId.get(nodeId);
    return node ? `${node.label || nodeKinds[node.kind].label} (${nodeId})` : nodeId;
  };
}

/**
 * The result of a replay check: a summary, then per recorded conversation whether the draft
 * would do the same, where its path would part or which reply would change, with a link to the
 * original conversation. Differences first: they are what the admin publishes knowingly.
 */
export function ReplayResults({ check, graph }: { check: ReplayCheck; graph: FlowGraph }) {
  const nodeName = namer(graph);
  const counts = { same: 0, path: 0, reply: 0, error: 0 } satisfies Record<Verdict, number>;
  for (const outcome of check.results) counts[verdictOf(outcome)]++;
  const order: Verdict[] = ['path', 'reply', 'error', 'same'];
  const sorted = [...check.results].sort((a, b) => order.indexOf(verdictOf(a)) - order.indexOf(verdictOf(b)));

  if (check.total === 0) {
    return <p className={styles.empty}>No conversation has run on a published version of this flow yet: there is nothing to compare with.</p>;
  }
  return (
    <div className={styles.results} data-testid="replay-results">
      <p className={styles.summary} aria-live="polite" data-testid="replay-summary">
        {check.status === 'running' ? `Replaying ${check.completed} of ${check.total}… ` : `${check.total} conversation${check.total === 1 ? '' : 's'} replayed: `}
        {order
          .filter((verdict) => counts[verdict] > 0)
          .map((verdict) => `${counts[verdict]} ${VERDICT_LABEL[verdict].toLowerCase()}`)
          .join(' · ')}
        {check.status === 'cancelled' ? ' (stopped)' : ''}
      </p>
      <ul className={styles.list}>
        {sorted.map((outcome) => (
          <ReplayRow key={outcome.conversationId} outcome={outcome} nodeName={nodeName} />
        ))}
      </ul>
    </div>
  );
}

function ReplayRow({ outcome, nodeName }: { outcome: ReplayOutcome; nodeName: NodeName }) {
  const verdict = verdictOf(outcome);
  const { path, reply } = outcome.comparison ?? { path: null, reply: null };
  return (
    <li className={styles.row} data-verdict={verdict} data-testid="replay-row">
      <div className={styles.rowHead}>
        <span className={styles.badge} data-verdict={verdict}>
          {path ? `Path differs at step ${path.step}` : VERDICT_LABEL[verdict]}
        </span>
        <span className={styles.when}>
          v{outcome.version} · {new Date(outcome.createdAt).toLocaleString()} · {outcome.inputs} message{outcome.inputs === 1 ? '' : 's'}
        </span>
        <Link className={styles.open} href={`/inbox/${outcome.conversationId}`} target="_blank" rel="noreferrer">
          Open conversation
        </Link>
      </div>
      {path && (
        <p className={styles.detail}>
          Went to <b>{path.was === null ? 'nothing (it stopped)' : nodeName(path.was)}</b>, would now go to{' '}
          <b>{path.now === null ? 'nothing (it stops)' : nodeName(path.now)}</b>.
        </p>
      )}
      {reply && (
        <div className={styles.replies}>
          <span className={styles.replyLabel}>Reply {reply.index}</span>
          <del className={styles.old}>{reply.was ?? '(no reply)'}</del>
          <ins className={styles.new}>{reply.now ?? '(no reply)'}</ins>
        </div>
      )}
      {outcome.error !== null && <p className={styles.detail}>Could not replay it: {outcome.error}</p>}
    </li>
  );
}
