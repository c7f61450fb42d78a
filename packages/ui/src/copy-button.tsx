'use client';

import { useState } from 'react';
import { Icon } from './icon';

/** Copies `text` to the clipboard and says so for two seconds; `label` names what is copied for screen readers. */
export function CopyButton({ text, label, className = 'btn btn-sm btn-ghost', testId }: { text: string; label: string; className?: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false); // no clipboard (an insecure origin): the text is on screen to select
    }
  }
  return (
    <button type="button" className={className} onClick={() => void copy()} aria-label={copied ? `${label}: copied` : label} title={label} data-testid={testId}>
      <Icon name={copied ? 'check' : 'copy'} size={13} />
      <span aria-hidden="true">{copied ? 'Copied' : 'Copy'}</span>
    </button>
  );
}
