'use client';

import type { RefObject } from 'react';
import { Icon } from '@parley/ui';
import { StepSearch, type StepSearchProps } from './StepSearch';
import styles from './canvas.module.css';

/**
 * The canvas tools over the canvas: undo, redo, add a note, auto-layout and step search. Its own
 * component so the header only gains one slot.
 */
export function CanvasToolbar({
  canUndo,
  canRedo,
  onUndo,
  onRedo,
  onAddNote,
  onLayout,
  layingOut,
  search,
  searchRef,
  analytics,
}: {
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onAddNote: () => void;
  onLayout: () => void;
  layingOut: boolean;
  search: Omit<StepSearchProps, 'inputRef'>;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The analytics overlay's switch; absent for people who read no reports. */
  analytics?: { on: boolean; onToggle: () => void };
}) {
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="Canvas tools">
      <StepSearch {...search} inputRef={searchRef} />
      <div className={styles.group}>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          onClick={onUndo}
          disabled={!canUndo}
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
          aria-keyshortcuts="Control+Z Meta+Z"
          data-testid="undo"
        >
          <Icon name="undo-2" size={16} />
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          onClick={onRedo}
          disabled={!canRedo}
          aria-label="Redo"
          title="Redo (Ctrl+Shift+Z)"
          aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
          data-testid="redo"
        >
          <Icon name="redo-2" size={16} />
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          onClick={onAddNote}
          aria-label="Add a note"
          title="Add a note (N)"
          aria-keyshortcuts="N"
          data-testid="add-note"
        >
          <Icon name="sticky-note" size={16} />
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          onClick={onLayout}
          disabled={layingOut}
          aria-label="Tidy up the layout"
          title="Tidy up the layout (left to right)"
          data-testid="auto-layout"
        >
          <Icon name="workflow" size={16} />
        </button>
        {analytics ? (
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            onClick={analytics.onToggle}
            aria-pressed={analytics.on}
            aria-label="Analytics"
            title={analytics.on ? 'Hide analytics' : 'Show analytics: visits, drop-off, errors and timings per step'}
            data-testid="analytics-toggle"
          >
            <Icon name="chart-column" size={16} />
          </button>
        ) : null}
      </div>
    </div>
  );
}
