'use client';

import type { FlowGraph } from '@parley/flow';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog, Icon, ErrorState, LoadingState } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { fullDateTime, relativeTime } from '@/lib/format';
import { useCan } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { RecentConversations } from './RecentConversations';
import type { VersionView } from './VersionCanvas';
import styles from './versions.module.css';

/**
 * The flow's history in a drawer over the canvas: each published version with who published it,
 * when and why; open one read-only, compare it with the draft or the version before, or restore
 * it as the draft (after a confirmation, since the draft's edits are replaced).
 */
export function VersionsPanel({
  flowId,
  canManage,
  dirty,
  onView,
  onRestored,
  onClose,
}: {
  flowId: string;
  canManage: boolean;
  /** The canvas has unsaved edits (the restore confirmation says they will be lost). */
  dirty: boolean;
  onView: (view: VersionView) => void;
  onRestored: (graph: FlowGraph, version: number) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.flows.versions.queryOptions({ id: flowId }));
  const restore = useMutation(trpc.flows.restore.mutationOptions());
  const [restoring, setRestoring] = useState<number | null>(null);
  const canReadConversations = useCan('conversations:read');

  async function confirmRestore(version: number) {
    try {
      await restore.mutateAsync({ id: flowId, version });
      const { graph } = await queryClient.fetchQuery(trpc.flows.version.queryOptions({ id: flowId, version: 'draft' }, { staleTime: 0 }));
      await queryClient.invalidateQueries({ queryKey: trpc.flows.versions.queryKey({ id: flowId }) });
      setRestoring(null);
      onRestored(graph, version);
    } catch {
      // The dialog shows restore.error.
    }
  }

  const published = versions.data?.filter((version) => version.published) ?? [];
  return (
    <section className={styles.drawer} aria-label="Versions" data-testid="versions-panel">
      <header className={styles.drawerHead}>
        <h2 className={styles.drawerTitle}>Versions</h2>
        <button type="button" className="btn btn-ghost btn-sm btn-icon" aria-label="Close versions" onClick={onClose}>
          <Icon name="x" size={14} />
        </button>
      </header>
      {versions.isPending ? (
        <LoadingState label="Loading versions…" />
      ) : versions.isError ? (
        <ErrorState error={versions.error} title="Could not load the versions" onRetry={() => void versions.refetch()} />
      ) : (
        <ol className={styles.list}>
          {versions.data
            .filter((version) => !version.published)
            .map((draft) => (
              <li key={draft.version} className={styles.item} data-current="true" data-testid="version-draft">
                <div className={styles.itemHead}>
                  <span className={styles.itemVersion}>Draft v{draft.version}</span>
                  <span className={styles.meta}>being edited</span>
                </div>
              </li>
            ))}
          {published.length === 0 ? <li className={styles.meta}>Nothing published yet.</li> : null}
          {published.map((version, index) => {
            const previous = published[index + 1];
            return (
              <li key={version.version} className={styles.item} data-testid={`version-${version.version}`}>
                <div className={styles.itemHead}>
                  <span className={styles.itemVersion}>Version {version.version}</span>
                  {index === 0 ? <span className="badge badge-success">Live</span> : null}
                </div>
                <span className={styles.meta} title={version.publishedAt ? fullDateTime(version.publishedAt) : undefined}>
                  Published {version.publishedAt ? relativeTime(version.publishedAt) : ''}
                  {version.publishedBy ? ` by ${version.publishedBy}` : ' with an API key'}
                </span>
                {version.note ? (
                  <p className={styles.note} data-testid="version-note">
                    {version.note}
                  </p>
                ) : null}
                <div className={styles.actions}>
                  <button type="button" className="btn btn-sm" onClick={() => onView({ mode: 'version', version: version.version })} data-testid="version-open">
                    <Icon name="search" size={12} />
                    Open
                  </button>
                  <button
                    type="button"
                    className="btn btn-sm"
                    onClick={() => onView({ mode: 'diff', from: version.version, to: 'draft' })}
                    data-testid="version-compare-draft"
                  >
                    Compare with draft
                  </button>
                  {previous ? (
                    <button
                      type="button"
                      className="btn btn-sm"
                      onClick={() => onView({ mode: 'diff', from: previous.version, to: version.version })}
                      data-testid="version-compare-previous"
                    >
                      Compare with previous
                    </button>
                  ) : null}
                  {canManage ? (
                    <button type="button" className="btn btn-sm" onClick={() => setRestoring(version.version)} data-testid="version-restore">
                      <Icon name="rotate-ccw" size={12} />
                      Restore as draft
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {canReadConversations ? <RecentConversations flowId={flowId} /> : null}
      <ConfirmDialog
        open={restoring !== null}
        title={`Restore version ${restoring ?? ''} as the draft?`}
        confirmLabel="Restore as draft"
        pendingLabel="Restoring…"
        pending={restore.isPending}
        error={restore.error ? errorMessage(restore.error) : null}
        onConfirm={() => restoring !== null && void confirmRestore(restoring)}
        onClose={() => {
          restore.reset();
          setRestoring(null);
        }}
        testId="restore-dialog"
      >
        <p>
          The draft becomes a copy of version {restoring}. {dirty ? 'Your unsaved edits and the' : 'The'} draft&apos;s current changes are
          replaced. Nothing live changes until you publish.
        </p>
      </ConfirmDialog>
    </section>
  );
}
