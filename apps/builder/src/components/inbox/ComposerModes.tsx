'use client';

import { Icon } from '@parley/ui';
import styles from './notes.module.css';

export type ComposerMode = 'reply' | 'note' | 'whisper';

const MODES = [
  { mode: 'reply', label: 'Reply', icon: 'send' },
  { mode: 'note', label: 'Private note', icon: 'sticky-note' },
  { mode: 'whisper', label: 'Whisper', icon: 'headphones' },
] as const satisfies readonly { mode: ComposerMode; label: string; icon: string }[];

/** The composer's Reply / Private note (/ Whisper, for supervisors) switch: a tab list, arrow keys move. */
export function ComposerModes({ mode, canWhisper, onChange }: { mode: ComposerMode; canWhisper: boolean; onChange: (mode: ComposerMode) => void }) {
  const shown = MODES.filter((item) => item.mode !== 'whisper' || canWhisper);
  return (
    <div
      className={styles.modes}
      role="tablist"
      aria-label="Write a"
      onKeyDown={(event) => {
        if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
        const at = shown.findIndex((item) => item.mode === mode);
        const next = shown[(at + (event.key === 'ArrowRight' ? 1 : shown.length - 1)) % shown.length]!;
        onChange(next.mode);
        (event.currentTarget.querySelector(`[data-mode="${next.mode}"]`) as HTMLButtonElement | null)?.focus();
      }}
    >
      {shown.map((item) => (
        <button
          key={item.mode}
          type="button"
          role="tab"
          aria-selected={item.mode === mode}
          tabIndex={item.mode === mode ? 0 : -1}
          className={styles.mode}
          data-mode={item.mode}
          onClick={() => onChange(item.mode)}
          data-testid={`composer-mode-${item.mode}`}
        >
          <Icon name={item.icon} size={12} />
          {item.label}
        </button>
      ))}
    </div>
  );
}
