'use client';

import { diffFlows, type FlowGraph } from '@parley/flow';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Icon, ErrorState, LoadingState } from '@parley/ui';
import { toCanvas } from '@/lib/graph';
import { useTRPC } from '@/lib/trpc';
import { diffCanvas } from './diff-canvas';
import { DiffList } from './DiffList';
import { ReadOnlyCanvas } from './ReadOnlyCanvas';
import styles from './versions.module.css';

/** What the canvas overlay shows: one version read-only, or a version compared with a newer one. */
export type VersionView = { mode: 'version'; version: number } | { mode: 'diff'; from: number; to: number | 'draft' };

/**
 * A read-only canvas over the editor (which stays mounted underneath, edits intact). "draft" is
 * the canvas as it is now, saved or not: comparing with the draft means with what the admin sees.
 */
export function VersionCanvas({
  flowId,
  view,
  draft,
  onBack,
}: {
  flowId: string;
  view: VersionView;
  draft: FlowGraph;
  onBack: () => void;
}) {
  const trpc = useTRPC();
  const fromNumber = view.mode === 'version' ? view.version : view.from;
  const from = useQuery(trpc.flows.version.queryOptions({ id: flowId, version: fromNumber }));
  const toNumber = view.mode === 'diff' && view.to !== 'draft' ? view.to : null;
  const to = useQuery({ ...trpc.flows.version.queryOptions({ id: flowId, version: toNumber ?? 1 }), enabled: toNumber !== null });

  const after = view.mode === 'diff' ? (toNumber === null ? draft : to.data?.graph) : undefined;
  const diff = useMemo(() => (from.data && after ? diffFlows(from.data.graph, after) : null), [from.data, after]);
  const canvas = useMemo(() => {
    if (!from.data) return null;
    if (view.mode === 'version') return toCanvas(from.data.graph);
    if (!after || !diff) return null;
    return diffCanvas(from.data.graph, after, diff, (status) => styles[status] ?? '');
  }, [from.data, after, diff, view.mode]);

  const failed = from.error ?? to.error;
  const title =
    view.mode === 'version' ? (
      <>
        Viewing version {view.version} — read only
      </>
    ) : (
      <>
        Comparing version {view.from} with {view.to === 'draft' ? 'the draft' : `version ${view.to}`}
      </>
    );

  return (
    <div className={styles.overlay} data-mode={view.mode} data-testid="version-view">
      <div className={styles.readOnlyBanner} role="status" data-testid="version-banner">
        <Icon name="lock" size={14} />
        <strong>{title}</strong>
        {view.mode === 'diff' ? (
          <span className={styles.legend} aria-label="Legend">
            <span className={styles.added}>Added</span>
            <span className={styles.changed}>Changed</span>
            <span className={styles.removed}>Removed</span>
          </span>
        ) : null}
        <span className={styles.bannerSpacer} />
        <button type="button" className="btn btn-sm" onClick={onBack} data-testid="back-to-draft">
          <Icon name="arrow-left" size={13} />
          Back to draft
        </button>
      </div>
      <div className={styles.canvas} data-testid="version-canvas">
        {failed ? (
          <ErrorState error={failed} title="Could not load the version" />
        ) : canvas ? (
          <ReadOnlyCanvas nodes={canvas.nodes} edges={canvas.edges} />
        ) : (
          <LoadingState label="Loading version…" />
        )}
      </div>
      {view.mode === 'diff' && diff ? <DiffList diff={diff} /> : null}
    </div>
  );
}
