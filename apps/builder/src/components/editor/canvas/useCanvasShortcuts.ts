'use client';

import { useEffect, useRef } from 'react';

export interface CanvasShortcutHandlers {
  undo: () => void;
  redo: () => void;
  /** The clipboard text for the selected steps, or null when none are selected. */
  copy: () => string | null;
  paste: (text: string) => void;
  duplicate: () => void;
  find: () => void;
  addNote: () => void;
}

/** Text fields keep their own undo, copy and paste. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The editor's keyboard shortcuts: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redo, Ctrl/Cmd+D
 * duplicate, Ctrl/Cmd+F find a step, N (alone, outside text fields) add a sticky note. Copy and paste listen to the browser's copy and paste
 * events rather than the keys, so they reach the system clipboard without asking for a
 * permission and also work from the browser's Edit menu.
 */
export function useCanvasShortcuts(handlers: CanvasShortcutHandlers): void {
  // The latest handlers, without re-adding the listeners on every render.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key.toLowerCase() === 'n' && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey && !isEditable(event.target)) {
        event.preventDefault();
        latest.current.addNote();
        return;
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'f') {
        event.preventDefault();
        latest.current.find();
        return;
      }
      if (isEditable(event.target)) return;
      if (key === 'z') {
        event.preventDefault();
        if (event.shiftKey) latest.current.redo();
        else latest.current.undo();
      } else if (key === 'y' && !event.shiftKey) {
        event.preventDefault();
        latest.current.redo();
      } else if (key === 'd' && !event.shiftKey) {
        event.preventDefault();
        latest.current.duplicate();
      }
    }
    function onCopy(event: ClipboardEvent) {
      if (isEditable(event.target) || (window.getSelection()?.toString() ?? '') !== '') return;
      const text = latest.current.copy();
      if (text === null || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
    }
    function onPaste(event: ClipboardEvent) {
      if (isEditable(event.target) || !event.clipboardData) return;
      event.preventDefault();
      latest.current.paste(event.clipboardData.getData('text/plain'));
    }
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
