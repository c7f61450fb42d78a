'use client';

import Link from 'next/link';
import { useState } from 'react';
import { RenameFlowDialog } from '@/components/flows/RenameFlowDialog';
import { Icon } from '@parley/ui';
import type { FlowDetail } from '@/lib/api-types';
import { fullDateTime, relativeTime } from '@/lib/format';
import styles from './editor.module.css';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'not-saved';

/** Title bar of the editor: flow name, draft / published state and the main actions. */
export function EditorHeader({
  flow,
  saveState,
  savedAt,
  errorCount,
  upToDate,
  publishing,
  onSave,
  onPublish,
  onVersions,
  onSimulate,
  canManage,
}: {
  flow: FlowDetail;
  saveState: SaveState;
  savedAt: string;
  errorCount: number;
  /** The canvas equals the published version: nothing new to publish. */
  upToDate: boolean;
  publishing: boolean;
  onSave: () => void;
  onPublish: () => void;
  /** Opens or closes the versions drawer. */
  onVersions: () => void;
  /** Opens or closes the simulator (a test conversation with the draft). */
  onSimulate: () => void;
  /** The person's role may save and publish flows (flows:manage); otherwise the editor only shows. */
  canManage: boolean;
}) {
  const [renaming, setRenaming] = useState(false);
  const publishDisabled = errorCount > 0 || upToDate || publishing || saveState === 'saving';
  const publishHint =
    errorCount > 0
      ? `Fix ${errorCount} error${errorCount === 1 ? '' : 's'} to publish`
      : upToDate && flow.published
        ? `No changes since v${flow.published.version}`
        : undefined;
  return (
    <header className={styles.header}>
      <div className={styles.headerTitle}>
        <Link href="/flows" className="btn btn-ghost btn-icon" aria-label="Back to flows">
          <Icon name="arrow-left" size={16} />
        </Link>
        <div className={styles.headerText}>
          <div className={styles.nameRow}>
            <h1 className={styles.flowName} data-testid="editor-flow-name">
              {flow.name}
            </h1>
            {canManage ? (
              <button type="button" className="btn btn-ghost btn-sm btn-icon" aria-label="Rename flow" title="Rename" onClick={() => setRenaming(true)} data-testid="editor-rename">
                <Icon name="pencil" size={13} />
              </button>
            ) : null}
          </div>
          <p className={styles.flowMeta}>
            <span>Draft v{flow.draft.version}</span>
            <span aria-hidden="true">·</span>
            <SaveIndicator state={saveState} savedAt={savedAt} />
            <span aria-hidden="true">·</span>
            {flow.published ? (
              <span
                className="badge badge-success"
                title={`Published ${fullDateTime(flow.published.publishedAt)}`}
                data-testid="published-version"
              >
                Published v{flow.published.version}
              </span>
            ) : (
              <span className="badge" data-testid="published-version">
                Not published
              </span>
            )}
          </p>
        </div>
      </div>
      <RenameFlowDialog flow={renaming ? flow : null} onClose={() => setRenaming(false)} />
      <div className={styles.headerActions}>
        {canManage && publishHint ? (
          <span id="publish-hint" className={styles.publishHint} data-testid="publish-hint">
            {publishHint}
          </span>
        ) : null}
        {canManage ? (
          <button type="button" className="btn btn-ghost" onClick={onSimulate} data-testid="simulate-button">
            <Icon name="play" size={14} />
            Simulate
          </button>
        ) : null}
        <button type="button" className="btn btn-ghost" onClick={onVersions} data-testid="versions-button">
          <Icon name="clock" size={14} />
          Versions
        </button>
        <Link href={`/chat/${flow.id}`} className="btn btn-ghost" data-testid="test-in-chat">
          <Icon name="messages-square" size={14} />
          Test in web chat
        </Link>
        {canManage ? (
          <>
            <button
              type="button"
              className="btn"
              onClick={onSave}
              disabled={saveState === 'saving' || saveState === 'saved'}
              aria-keyshortcuts="Control+S Meta+S"
              data-testid="save-draft"
            >
              <Icon name="save" size={14} />
              {saveState === 'saving' ? 'Saving…' : 'Save draft'}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={onPublish}
              disabled={publishDisabled}
              aria-describedby={publishHint ? 'publish-hint' : undefined}
              title={publishHint}
              data-testid="publish"
            >
              <Icon name="rocket" size={14} />
              {publishing ? 'Publishing…' : 'Publish'}
            </button>
          </>
        ) : (
          <span className="badge" title="Your role may look at flows, not change them" data-testid="view-only">
            View only
          </span>
        )}
      </div>
    </header>
  );
}

function SaveIndicator({ state, savedAt }: { state: SaveState; savedAt: string }) {
  switch (state) {
    case 'saving':
      return <span data-testid="save-state">Saving…</span>;
    case 'dirty':
      return (
        <span className={styles.unsaved} data-testid="save-state">
          Unsaved changes
        </span>
      );
    case 'not-saved':
      return (
        <span className={styles.notSaved} data-testid="save-state">
          Not saved
        </span>
      );
    default:
      return (
        <span data-testid="save-state" title={fullDateTime(savedAt)}>
          Saved {relativeTime(savedAt)}
        </span>
      );
  }
}
