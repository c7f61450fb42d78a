'use client';

import { useState } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import type { Person } from '@/lib/api-types';
import styles from './notes.module.css';

/** An `@` at the start or after a space, then the name typed so far, right before the caret. */
const MENTION = /(^|\s)@([^\s@]{0,40})$/;
const LISTED = 6;

/**
 * `@` autocomplete for notes: typing `@` lists the workspace's people (the ones who work
 * conversations), filtered by what follows; ↑/↓ move, Enter or Tab inserts `@Name `. The ids of
 * the people inserted are the note's mentions (the server notifies exactly those).
 */
export function useMentionSearch(options: {
  enabled: boolean;
  draft: string;
  caret: number;
  people: Person[];
  me: Person | null;
  onInsert: (draft: string, caret: number, person: Person) => void;
}) {
  const { enabled, draft, caret, people, me, onInsert } = options;
  const [active, setActive] = useState(0);
  const query = enabled ? (MENTION.exec(draft.slice(0, caret))?.[2]?.toLowerCase() ?? null) : null;
  const items =
    query === null
      ? []
      : people
          .filter((person) => person.id !== me?.id && (person.name.toLowerCase().includes(query) || person.email.toLowerCase().startsWith(query)))
          .slice(0, LISTED);
  const open = items.length > 0;
  const index = Math.min(active, Math.max(0, items.length - 1));

  function insert(person: Person) {
    const start = caret - (query?.length ?? 0) - 1;
    const inserted = `@${person.name} `;
    setActive(0);
    onInsert(draft.slice(0, start) + inserted + draft.slice(caret), start + inserted.length, person);
  }

  /** Handles the key if the list is open; true when it did. */
  function onKey(key: string): boolean {
    if (!open) return false;
    if (key === 'ArrowDown') setActive((index + 1) % items.length);
    else if (key === 'ArrowUp') setActive((index - 1 + items.length) % items.length);
    else if (key === 'Enter' || key === 'Tab') insert(items[index]!);
    else return false;
    return true;
  }

  return { open, items, active: index, insert, onKey };
}

export function MentionList({ search, listId }: { search: ReturnType<typeof useMentionSearch>; listId: string }) {
  if (!search.open) return null;
  return (
    <ul id={listId} role="listbox" aria-label="Mention someone" className={styles.mentionList} data-testid="mention-list">
      {search.items.map((person, i) => (
        <li
          key={person.id}
          role="option"
          aria-selected={i === search.active}
          className={styles.mentionItem}
          onMouseDown={(event) => {
            // Keep the focus in the note box.
            event.preventDefault();
            search.insert(person);
          }}
          data-testid={`mention-option-${person.id}`}
        >
          <Avatar name={person.name} id={person.id} size={18} />
          <strong>{person.name}</strong>
          <span>{person.email}</span>
        </li>
      ))}
    </ul>
  );
}
