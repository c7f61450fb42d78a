'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Icon } from '@parley/ui';
import type { InboxQuery, SavedView, ViewCounts } from '@/lib/api-types';
import { useTRPC } from '@/lib/trpc';
import { filterQuery, InboxFilters, type InboxFilterState } from './InboxFilters';
import styles from './finder.module.css';

/** What the finder controls: the view (or a saved one), the search words and the filters. */
export interface FinderState extends InboxFilterState {
  /** `mine`, `unassigned`, `all`, `team:<name>` or `saved:<id>`. */
  choice: string;
  search: string;
}

/** Typing pauses this long before the list searches: one query per word, not per key. */
const SEARCH_DEBOUNCE_MS = 250;

/** The list query for a finder state (a saved view's filters, then what is picked on top). */
export function listQuery(state: FinderState, search: string, saved: SavedView[] | undefined): InboxQuery {
  const base = state.choice.startsWith('saved:') ? saved?.find((view) => `saved:${view.id}` === state.choice)?.filters : undefined;
  const view = (state.choice.startsWith('saved:') ? (base?.view ?? 'all') : state.choice) as InboxQuery['view'];
  return {
    ...base,
    view,
    ...(search.trim() ? { search } : {}),
    ...filterQuery(state),
  };
}

/** The search box's text once typing pauses. */
export function useDebounced(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

function viewOptions(counts: ViewCounts | undefined): { value: string; label: string }[] {
  const count = (n: number | undefined) => (n === undefined ? '' : ` (${n > 999 ? '999+' : n})`);
  return [
    { value: 'mine', label: `Mine${count(counts?.mine)}` },
    { value: 'unassigned', label: `Unassigned${count(counts?.unassigned)}` },
    ...(counts?.teams ?? []).map((team) => ({ value: `team:${team.name}`, label: `${team.name}${count(team.count)}` })),
    { value: 'all', label: `All${count(counts?.all)}` },
  ];
}

export function InboxFinder({ state, onChange, saved, counts }: { state: FinderState; onChange: (next: FinderState) => void; saved: SavedView[] | undefined; counts: ViewCounts | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [naming, setNaming] = useState<string | null>(null);
  const [shared, setShared] = useState(false);
  const settledSearch = useDebounced(state.search);
  const refreshSaved = () => void queryClient.invalidateQueries(trpc.savedViews.list.pathFilter());
  const save = useMutation(trpc.savedViews.create.mutationOptions({ onSuccess: ({ id }) => (refreshSaved(), setNaming(null), onChange({ choice: `saved:${id}`, search: state.search })) }));
  const remove = useMutation(trpc.savedViews.delete.mutationOptions({ onSuccess: () => (refreshSaved(), onChange({ ...state, choice: 'all' })) }));
  const current = saved?.find((view) => `saved:${view.id}` === state.choice);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!naming?.trim()) return;
    // "Last activity" is relative: a saved instant would freeze it, so views keep the rest.
    const { search: _search, from: _from, ...filters } = listQuery(state, '', saved);
    save.mutate({ name: naming.trim(), filters, shared });
  };

  return (
    <div className={styles.finder}>
      <label className={styles.search}>
        <Icon name="search" size={14} />
        <span className="sr-only">Search conversations</span>
        <input
          type="search"
          value={state.search}
          placeholder="Search messages and contacts"
          title='Words match as you type; put a "phrase in quotes"'
          onChange={(event) => onChange({ ...state, search: event.target.value })}
          data-testid="inbox-search"
          data-settled={settledSearch === state.search || undefined}
        />
      </label>
      <div className={styles.row}>
        <label className={styles.field}>
          <span className="sr-only">View</span>
          <select value={state.choice} onChange={(event) => onChange({ ...state, choice: event.target.value })} data-testid="inbox-view">
            <optgroup label="Views">
              {viewOptions(counts).map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
            {saved && saved.length > 0 ? (
              <optgroup label="Saved views">
                {saved.map((view) => (
                  <option key={view.id} value={`saved:${view.id}`}>
                    {view.name}
                    {view.shared ? ' · shared' : ''}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        <InboxFilters state={state} onChange={(filters) => onChange({ choice: state.choice, search: state.search, ...filters })} />
        {current?.mine ? (
          <button type="button" className={styles.iconButton} onClick={() => remove.mutate({ id: current.id })} title={`Delete the view "${current.name}"`} data-testid="delete-view">
            <Icon name="trash" size={13} />
          </button>
        ) : (
          <button type="button" className={styles.saveButton} onClick={() => setNaming('')} title="Save these filters as a view" data-testid="save-view">
            <Icon name="save" size={13} /> Save
          </button>
        )}
      </div>
      {naming !== null ? (
        <form className={styles.saveForm} onSubmit={submit}>
          <input autoFocus value={naming} maxLength={60} placeholder="View name" onChange={(event) => setNaming(event.target.value)} data-testid="view-name" aria-label="View name" />
          <label className={styles.shared}>
            <input type="checkbox" checked={shared} onChange={(event) => setShared(event.target.checked)} /> Shared
          </label>
          <button type="submit" disabled={!naming.trim() || save.isPending} data-testid="view-save">
            Save
          </button>
          <button type="button" onClick={() => setNaming(null)} aria-label="Cancel">
            <Icon name="x" size={13} />
          </button>
        </form>
      ) : null}
    </div>
  );
}
