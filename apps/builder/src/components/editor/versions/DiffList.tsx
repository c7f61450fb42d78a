'use client';

import { nodeKinds, isNodeKind, noteSummary, type FlowDiff, type StepRef } from '@parley/flow';
import { formatValue } from './format-value';
import styles from './versions.module.css';

const stepTitle = (step: StepRef) => step.label?.trim() || (isNodeKind(step.kind) ? nodeKinds[step.kind].label : step.kind);

/** The comparison's side list: each added, removed and changed step and note, with field-level changes. */
export function DiffList({ diff }: { diff: FlowDiff }) {
  const edges = diff.edgesAdded.length + diff.edgesRemoved.length;
  return (
    <aside className={styles.changes} aria-label="Changes" data-testid="diff-list">
      <h2 className={styles.changesTitle}>
        {diff.same ? 'No changes' : diff.layoutOnly ? 'Only the layout changed' : 'Changes'}
      </h2>
      {diff.added.map((node) => (
        <div key={`a:${node.id}`} className={`${styles.changeStep} ${styles.added}`} data-testid={`diff-added-${node.id}`}>
          <span className={styles.changeStepTitle}>Added: {stepTitle(node)}</span>
        </div>
      ))}
      {diff.removed.map((node) => (
        <div key={`r:${node.id}`} className={`${styles.changeStep} ${styles.removed}`} data-testid={`diff-removed-${node.id}`}>
          <span className={styles.changeStepTitle}>Removed: {stepTitle(node)}</span>
        </div>
      ))}
      {diff.changed.map((step) => (
        <div key={`c:${step.id}`} className={`${styles.changeStep} ${styles.changed}`} data-testid={`diff-changed-${step.id}`}>
          <span className={styles.changeStepTitle}>
            Changed: {stepTitle(step)}
            {step.moved ? ' (and moved)' : ''}
          </span>
          {step.fields.map((field) => (
            <div key={field.path} className={styles.field}>
              <span className={styles.fieldName}>{field.title ?? field.path}</span>
              {field.title && field.path.split('.').length > 2 ? ` (${field.path.split('.').slice(2).join('.')})` : ''}:{' '}
              <span className={styles.before}>{formatValue(field.before)}</span> → <span className={styles.after}>{formatValue(field.after)}</span>
            </div>
          ))}
        </div>
      ))}
      {diff.moved.length > 0 ? (
        <div className={`${styles.changeStep} ${styles.moved}`}>
          <span className={styles.changeStepTitle}>Moved only: {diff.moved.map(stepTitle).join(', ')}</span>
        </div>
      ) : null}
      {diff.notesAdded.map((note) => (
        <div key={`na:${note.id}`} className={`${styles.changeStep} ${styles.added}`} data-testid={`diff-note-added-${note.id}`}>
          <span className={styles.changeStepTitle}>Note added: {noteSummary(note)}</span>
        </div>
      ))}
      {diff.notesRemoved.map((note) => (
        <div key={`nr:${note.id}`} className={`${styles.changeStep} ${styles.removed}`} data-testid={`diff-note-removed-${note.id}`}>
          <span className={styles.changeStepTitle}>Note removed: {noteSummary(note)}</span>
        </div>
      ))}
      {diff.notesChanged.map((note) => (
        <div key={`nc:${note.id}`} className={`${styles.changeStep} ${styles.changed}`} data-testid={`diff-note-changed-${note.id}`}>
          <span className={styles.changeStepTitle}>Note changed: {note.summary}</span>
          {note.fields.map((field) => (
            <div key={field.path} className={styles.field}>
              <span className={styles.fieldName}>{field.path === 'text' ? 'Text' : 'Colour'}</span>:{' '}
              <span className={styles.before}>{formatValue(field.before)}</span> → <span className={styles.after}>{formatValue(field.after)}</span>
            </div>
          ))}
        </div>
      ))}
      {diff.notesMoved.length > 0 ? (
        <div className={`${styles.changeStep} ${styles.moved}`}>
          <span className={styles.changeStepTitle}>Notes moved or resized: {diff.notesMoved.map((note) => note.summary).join(', ')}</span>
        </div>
      ) : null}
      {edges > 0 ? (
        <p className={styles.meta}>
          Connections: {diff.edgesAdded.length} added, {diff.edgesRemoved.length} removed.
        </p>
      ) : null}
    </aside>
  );
}
