'use client';

import { closeBrackets } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Decoration, MatchDecorator, ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';
import { useMemo } from 'react';
import { codeTheme } from './code-theme';
import type { ControlProps } from './types';
import { useCodeMirror } from './useCodeMirror';
import styles from './fields.module.css';

// The template rule of @parley/flow (`{{ name }}`, `{{secrets.NAME}}`), for highlighting only.
const placeholders = new MatchDecorator({
  regexp: /\{\{\s*(?:secrets\.)?[A-Za-z_][A-Za-z0-9_]{0,63}\s*\}\}/g,
  decoration: Decoration.mark({ class: 'cm-template-placeholder' }),
});

/** Marks `{{variable}}` placeholders so they read as values to be filled in, not broken JSON. */
const placeholderHighlight = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = placeholders.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.decorations = placeholders.updateDeco(update, this.decorations);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/**
 * A JSON body (http_request) in CodeMirror's JSON mode. There is no JSON linter on purpose:
 * `{"email": {{email}}}` is not JSON until the placeholders are filled, and the request node
 * itself decides at run time whether the filled body is JSON (see the field's description).
 */
export function JsonEditor({ common, value, onChange, placeholder, label }: { common: ControlProps; value: string; onChange: (value: string) => void; placeholder?: string | undefined; label: string }) {
  const extensions = useMemo(() => [codeTheme, json(), syntaxHighlighting(defaultHighlightStyle), closeBrackets(), placeholderHighlight], []);
  const parent = useCodeMirror({ value, onChange, extensions, placeholder, label, multiline: true });
  const { id, ...rest } = common;
  return <div {...rest} id={id} ref={parent} className={styles.codeBlock} data-invalid={common['aria-invalid'] ? true : undefined} />;
}
