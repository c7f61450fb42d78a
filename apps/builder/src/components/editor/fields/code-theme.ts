import { EditorView } from '@codemirror/view';

/** CodeMirror in the builder's look: the inputs' font, border and focus ring come from the wrapper. */
export const codeTheme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: 'transparent' },
  '&.cm-focused': { outline: 'none' },
  '.cm-content': { fontFamily: 'var(--font-mono)', padding: '6px 0', caretColor: 'var(--text)' },
  '.cm-line': { padding: '0 8px' },
  '.cm-placeholder': { color: 'var(--text-4)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { background: 'var(--accent)', color: '#fff' },
  '.cm-completionDetail': { marginLeft: '8px', opacity: 0.7, fontStyle: 'normal' },
  '.cm-template-placeholder': { background: 'var(--accent-soft-2)', borderRadius: '3px' },
});
