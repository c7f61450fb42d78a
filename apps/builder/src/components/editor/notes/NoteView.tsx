'use client';

import { NOTE_COLORS, NOTE_MAX_TEXT, NOTE_SIZE, type NoteColor } from '@parley/flow';
import { NodeResizer, NodeToolbar, Position, type NodeProps } from '@xyflow/react';
import { useContext } from 'react';
import { Icon } from '@parley/ui';
import type { NoteNode } from '@/lib/graph';
import { NoteEditingContext } from './note-editing';
import styles from './notes.module.css';

const COLOR_NAMES: Record<NoteColor, string> = { yellow: 'Yellow', blue: 'Blue', green: 'Green', pink: 'Pink', gray: 'Grey' };

/**
 * A sticky note on the canvas: a comment for whoever edits the flow, never a step (no ports).
 * Selected, it can be resized from its edges and shows a small toolbar for its colour.
 */
export function NoteView({ id, data, selected }: NodeProps<NoteNode>) {
  const editing = useContext(NoteEditingContext);
  return (
    <div className={styles.note} data-color={data.color} data-testid={`note-${id}`}>
      {editing ? (
        <>
          <NodeResizer
            isVisible={selected}
            minWidth={NOTE_SIZE.minWidth}
            minHeight={NOTE_SIZE.minHeight}
            maxWidth={NOTE_SIZE.maxWidth}
            maxHeight={NOTE_SIZE.maxHeight}
            lineClassName={styles.resizeLine}
            handleClassName={styles.resizeHandle}
          />
          <NodeToolbar isVisible={selected} position={Position.Top} className={styles.toolbar}>
            <div role="group" aria-label="Note colour" className={styles.swatches}>
              {NOTE_COLORS.map((color) => (
                <button
                  key={color}
                  type="button"
                  className={styles.swatch}
                  data-color={color}
                  aria-label={COLOR_NAMES[color]}
                  aria-pressed={data.color === color}
                  title={COLOR_NAMES[color]}
                  onClick={() => editing.onColorChange(id, color)}
                />
              ))}
            </div>
            <button type="button" className="btn btn-ghost btn-sm btn-icon" aria-label="Delete note" title="Delete note" onClick={() => editing.onDelete(id)}>
              <Icon name="trash" size={13} />
            </button>
          </NodeToolbar>
        </>
      ) : null}
      <div className={styles.grip} aria-hidden="true">
        <Icon name="sticky-note" size={12} />
      </div>
      {editing ? (
        // nodrag: selecting text in the note must not move it (the grip and the border do).
        <textarea
          className={`${styles.text} nodrag nowheel`}
          value={data.text}
          maxLength={NOTE_MAX_TEXT}
          placeholder="Write a note…"
          aria-label="Note text"
          // A note just added is selected and empty: typing goes straight into it.
          autoFocus={selected && data.text === '' ? true : undefined}
          onChange={(event) => editing.onTextChange(id, event.target.value)}
        />
      ) : (
        <p className={styles.text}>{data.text || <span className={styles.empty}>Empty note</span>}</p>
      )}
    </div>
  );
}
