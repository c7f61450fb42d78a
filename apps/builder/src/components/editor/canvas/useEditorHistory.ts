'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { canRedo, canUndo, createHistory, record, redo, undo } from './editor-history';

/**
 * Undo/redo for the editor, fed by the serialized graph: every change of the graph (add, delete,
 * move, connect, config edit, paste, layout) becomes a step without each edit having to say so.
 * An edit that should fold into the previous one (a drag, typing in one field) calls
 * `coalesceNext(key)` just before it happens, and the next recorded change consumes the key.
 * A key whose change did not alter the graph would linger, so the other edits call
 * `coalesceNext()` to start a step of their own. (Clearing the key after each render lost it:
 * React Flow can render the editor between a drag event and the render with the moved node.)
 */
export function useEditorHistory(snapshot: string, restore: (snapshot: string) => void) {
  const [history, setHistory] = useState(() => createHistory(snapshot));
  const nextKey = useRef<string | undefined>(undefined);

  useEffect(() => {
    const key = nextKey.current;
    nextKey.current = undefined;
    // After an undo or redo the snapshot equals the present one, and record ignores it.
    setHistory((current) => record(current, snapshot, key));
  }, [snapshot]);
  /** Folds the next change into the previous step when both carry `key`; no key: a new step. */
  const coalesceNext = useCallback((key?: string) => {
    nextKey.current = key;
  }, []);

  const onUndo = useCallback(() => {
    if (!canUndo(history)) return;
    const previous = undo(history);
    setHistory(previous);
    restore(previous.present);
  }, [history, restore]);

  const onRedo = useCallback(() => {
    if (!canRedo(history)) return;
    const next = redo(history);
    setHistory(next);
    restore(next.present);
  }, [history, restore]);

  return { canUndo: canUndo(history), canRedo: canRedo(history), undo: onUndo, redo: onRedo, coalesceNext };
}
