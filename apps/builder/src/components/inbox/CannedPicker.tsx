'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CannedRow } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import styles from './labels.module.css';

/** The composer's draft is a canned search while it is `/` and one word. */
const SEARCH = /^\/(\S*)$/;

/**
 * Canned responses for the reply box: typing `/` lists them, filtered by what follows; ↑/↓
 * move, Enter or Tab inserts the highlighted one, filled in for this conversation by the server.
 */
export function useCannedSearch(draft: string, conversationId: string, onInsert: (text: string, unknown: string[]) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const search = SEARCH.exec(draft)?.[1]?.toLowerCase() ?? null;
  const list = useQuery({ ...trpc.cannedResponses.list.queryOptions(), enabled: search !== null, staleTime: 30_000 });
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const items = search === null ? [] : (list.data ?? []).filter((canned) => canned.shortcut.includes(search) || canned.title.toLowerCase().includes(search));
  const open = search !== null;
  const index = Math.min(active, Math.max(0, items.length - 1));

  async function insert(canned: CannedRow) {
    setError(null);
    try {
      const rendered = await queryClient.fetchQuery(trpc.cannedResponses.render.queryOptions({ id: canned.id, conversationId }, { staleTime: 0 }));
      setActive(0);
      onInsert(rendered.text, rendered.unknown);
    } catch (err) {
      setError(`Could not insert /${canned.shortcut}: ${errorMessage(err)}`);
    }
  }

  /** Handles the key if the list is open; true when it did. */
  function onKey(key: string): boolean {
    if (!open || items.length === 0) return false;
    if (key === 'ArrowDown') setActive((index + 1) % items.length);
    else if (key === 'ArrowUp') setActive((index - 1 + items.length) % items.length);
    else if (key === 'Enter' || key === 'Tab') void insert(items[index]!);
    else return false;
    return true;
  }

  return { open, items, active: index, loading: list.isPending, error, insert, onKey };
}

export function CannedList({ search, listId }: { search: ReturnType<typeof useCannedSearch>; listId: string }) {
  if (!search.open) return search.error ? <p className={styles.pickerError}>{search.error}</p> : null;
  return (
    <div className={styles.cannedList} data-testid="canned-list">
      {search.error ? (
        <p className={styles.pickerError} role="alert">
          {search.error}
        </p>
      ) : null}
      {search.items.length === 0 ? (
        <p className={styles.pickerEmpty}>{search.loading ? 'Loading…' : 'No canned response matches.'}</p>
      ) : (
        <ul id={listId} role="listbox" aria-label="Canned responses">
          {search.items.map((canned, i) => (
            <li
              key={canned.id}
              role="option"
              aria-selected={i === search.active}
              className={styles.cannedItem}
              onMouseDown={(event) => {
                // Keep the focus in the reply box.
                event.preventDefault();
                void search.insert(canned);
              }}
              data-testid={`canned-option-${canned.shortcut}`}
            >
              <strong>/{canned.shortcut}</strong> <span>{canned.title}</span>
              <span className={styles.cannedBody}>{canned.body}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Placeholders the inserted response could not fill: shown so the agent fills them in by hand. */
export function UnfilledPlaceholders({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  return (
    <p className={styles.unfilled} role="status" data-testid="canned-unfilled">
      Not filled in:{' '}
      {names.map((name) => (
        <mark key={name}>{`{{${name}}}`}</mark>
      ))}
    </p>
  );
}
