'use client';

import { useEffect, useRef } from 'react';

/** The inbox's single-key shortcuts, in the order the `?` sheet lists them. */
export const INBOX_SHORTCUTS = [
  { key: 'j', does: 'Next conversation' },
  { key: 'k', does: 'Previous conversation' },
  { key: 'r', does: 'Reply' },
  { key: 'e', does: 'Resolve' },
  { key: 'a', does: 'Assign to me' },
  { key: 'l', does: 'Labels' },
  { key: '?', does: 'This list' },
] as const;

export type ShortcutKey = (typeof INBOX_SHORTCUTS)[number]['key'];

/** Typing in a field is never a shortcut. */
function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
}

/**
 * Calls the handler of a shortcut key pressed anywhere on the page, except while typing, with a
 * modifier held (the browser's own shortcuts), or inside an open dialog.
 */
export function useInboxShortcuts(handlers: Partial<Record<ShortcutKey, () => void>>) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented || typing(event.target)) return;
      if ((event.target as HTMLElement | null)?.closest?.('dialog[open]')) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const handler = latest.current[(key === '/' && event.shiftKey ? '?' : key) as ShortcutKey];
      if (!handler) return;
      event.preventDefault();
      handler();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

/**
 * The conversation `step` places away in the inbox list (1 next, -1 previous), read from the list
 * as drawn, so it follows whatever filter and order the list shows.
 */
export function neighbourConversationHref(currentId: string, step: 1 | -1): string | null {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('[data-testid="inbox-list"] a[href^="/inbox/"]')];
  const index = links.findIndex((link) => link.getAttribute('href') === `/inbox/${currentId}`);
  const next = links[index === -1 ? 0 : index + step];
  return next?.getAttribute('href') ?? null;
}
