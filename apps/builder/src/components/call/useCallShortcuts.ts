'use client';

import { useEffect, useRef } from 'react';

/** Typing in a field must never mute, talk or hang up. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(target.type);
}

/**
 * The call's keys, page-wide while the call runs: Space held = push-to-talk, M = mute toggle,
 * Escape = end the call. Not while typing in a field; modifier combinations are left alone.
 */
export function useCallShortcuts(active: boolean, actions: { ptt(held: boolean): void; toggleMute(): void; end(): void }) {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });

  useEffect(() => {
    if (!active) return;
    const down = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTypingTarget(event.target)) return;
      if (event.code === 'Space') {
        // No scrolling, and no click on whichever button has focus.
        event.preventDefault();
        if (!event.repeat) latest.current.ptt(true);
      } else if ((event.key === 'm' || event.key === 'M') && !event.repeat) {
        event.preventDefault();
        latest.current.toggleMute();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        latest.current.end();
      }
    };
    const up = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || isTypingTarget(event.target)) return;
      event.preventDefault();
      latest.current.ptt(false);
    };
    // Letting go of the window (alt-tab) while holding Space must not leave the line open.
    const blur = () => latest.current.ptt(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }, [active]);
}
