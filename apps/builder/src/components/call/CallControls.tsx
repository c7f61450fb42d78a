'use client';

import styles from './call.module.css';
import { Icon } from '@parley/ui';

/** The keys, shown next to the buttons they press. */
export const callShortcuts = [
  { key: 'Space', label: 'Hold to talk' },
  { key: 'M', label: 'Mute / unmute' },
  { key: 'Esc', label: 'End call' },
] as const;

/**
 * Mute, push-to-talk and hang-up, in that tab order. Mute and push-to-talk are toggle buttons
 * (`aria-pressed`); push-to-talk talks while the pointer or Space is held.
 */
export function CallControls({
  muted,
  pttHeld,
  disabled,
  onMute,
  onPtt,
  onEnd,
}: {
  muted: boolean;
  pttHeld: boolean;
  disabled: boolean;
  onMute(muted: boolean): void;
  onPtt(held: boolean): void;
  onEnd(): void;
}) {
  return (
    <div className={styles.controls} role="group" aria-label="Call controls">
      <button
        type="button"
        className={styles.roundButton}
        aria-label={muted ? 'Unmute microphone' : 'Mute microphone'}
        aria-pressed={muted}
        aria-keyshortcuts="M"
        disabled={disabled}
        onClick={() => onMute(!muted)}
        data-testid="call-mute"
      >
        <Icon name={muted ? 'mic-off' : 'mic'} size={18} />
      </button>
      <button
        type="button"
        className={`${styles.roundButton} ${styles.pttButton}`}
        aria-label="Push to talk"
        aria-pressed={pttHeld}
        aria-keyshortcuts="Space"
        disabled={disabled || muted}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          onPtt(true);
        }}
        onPointerUp={() => onPtt(false)}
        onPointerCancel={() => onPtt(false)}
        // Space is handled once, globally (CallPanel): the button's own click would double it.
        onKeyDown={(event) => event.key === ' ' && event.preventDefault()}
        data-testid="call-ptt"
      >
        <span>Hold to talk</span>
      </button>
      <button
        type="button"
        className={`${styles.roundButton} ${styles.endButton}`}
        aria-label="End call"
        aria-keyshortcuts="Escape"
        disabled={disabled}
        onClick={onEnd}
        data-testid="call-end"
      >
        <Icon name="phone-off" size={18} />
      </button>
    </div>
  );
}

export function ShortcutLegend() {
  return (
    <ul className={styles.shortcuts} aria-label="Keyboard shortcuts">
      {callShortcuts.map((shortcut) => (
        <li key={shortcut.key}>
          <kbd>{shortcut.key}</kbd> {shortcut.label}
        </li>
      ))}
    </ul>
  );
}
