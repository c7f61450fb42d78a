'use client';

import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { EditorState, type Extension, type Transaction } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExtension } from '@codemirror/view';
import { useEffect, useRef } from 'react';

/**
 * A CodeMirror view bound to a React value: created once per mount with `extensions`, edits go
 * out through `onChange`, and a new `value` from outside (undo on the canvas, another field) is
 * put into the document without moving the caret when it already matches. Extensions read
 * changing data (the flow's variables) through refs, so the view never has to be rebuilt.
 */
export function useCodeMirror({
  value,
  onChange,
  extensions,
  placeholder,
  label,
  multiline,
}: {
  value: string;
  onChange: (value: string) => void;
  extensions: Extension[];
  placeholder?: string | undefined;
  label: string;
  multiline: boolean;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!parent.current) return;
    const created = new EditorView({
      parent: parent.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          ...extensions,
          history(),
          // Single-line editors swallow Enter (an autocomplete's Enter, registered with a higher precedence, still accepts).
          multiline ? [] : [keymap.of([{ key: 'Enter', run: () => true }]), EditorState.transactionFilter.of(oneLine)],
          keymap.of([...defaultKeymap, ...historyKeymap]),
          placeholder ? placeholderExtension(placeholder) : [],
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': String(multiline) }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // Built once per mount: later values arrive through the effect below, data through refs.
  }, []);

  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() === value) return;
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);

  return parent;
}

/** Pasted or typed line breaks become spaces in a single-line editor (an expression is one line). */
function oneLine(transaction: Transaction) {
  if (!transaction.docChanged || !/\n/.test(transaction.newDoc.toString())) return transaction;
  return [transaction, { changes: { from: 0, to: transaction.newDoc.length, insert: transaction.newDoc.toString().replace(/\r?\n/g, ' ') }, sequential: true }];
}
