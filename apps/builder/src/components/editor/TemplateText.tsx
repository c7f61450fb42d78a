import type { ReactNode } from 'react';
import styles from './editor.module.css';

// The placeholder rule of @parley/flow's templates (`{{ name }}`, identifier-like names).
const PLACEHOLDER = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]{0,63})\s*\}\}/g;

/** Renders template text with its `{{variables}}` highlighted as chips. */
export function TemplateText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <span key={start} className={styles.varChip} data-variable={match[1]}>
        {`{{${match[1]}}}`}
      </span>,
    );
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
