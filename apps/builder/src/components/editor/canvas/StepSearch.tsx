'use client';

import { useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import { Icon } from '@parley/ui';
import { cycleIndex, findSteps, type SearchableStep } from './step-search';
import styles from './canvas.module.css';

export interface StepSearchProps {
  steps: readonly SearchableStep[];
  /** Selects the step and centres the canvas on it. */
  onFocusStep: (id: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}

/**
 * Finds a step by label, kind or id: Enter (or the arrows) goes to the next match, Shift+Enter
 * to the previous one, Escape clears. Ctrl/Cmd+F puts the cursor here.
 */
export function StepSearch({ steps, onFocusStep, inputRef }: StepSearchProps) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(-1);
  const matches = useMemo(() => findSteps(steps, query), [steps, query]);
  const current = index >= 0 && index < matches.length ? index : -1;

  function go(direction: 1 | -1) {
    const next = cycleIndex(current, matches.length, direction);
    setIndex(next);
    const id = matches[next];
    if (id) onFocusStep(id);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      go(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      setQuery('');
      setIndex(-1);
      event.currentTarget.blur();
    }
  }

  const status = query.trim() === '' ? '' : matches.length === 0 ? 'No match' : `${current + 1 > 0 ? current + 1 : 0}/${matches.length}`;
  return (
    <div className={styles.search} role="search">
      <Icon name="search" size={14} className={styles.searchIcon} />
      <input
        ref={inputRef}
        type="search"
        className={`input ${styles.searchInput}`}
        placeholder="Find a step"
        aria-label="Find a step"
        aria-keyshortcuts="Control+F Meta+F"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setIndex(-1);
        }}
        onKeyDown={onKeyDown}
        data-testid="step-search"
      />
      <span className={styles.searchStatus} aria-live="polite" data-testid="step-search-status">
        {status}
      </span>
      <button type="button" className="btn btn-ghost btn-icon btn-sm" onClick={() => go(-1)} disabled={matches.length === 0} aria-label="Previous match">
        <Icon name="chevron-up" size={14} />
      </button>
      <button type="button" className="btn btn-ghost btn-icon btn-sm" onClick={() => go(1)} disabled={matches.length === 0} aria-label="Next match">
        <Icon name="chevron-down" size={14} />
      </button>
    </div>
  );
}
