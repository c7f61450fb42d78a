'use client';

import { useQuery } from '@tanstack/react-query';
import { Icon, Popover } from '@parley/ui';
import { useTRPC } from '@/lib/trpc';
import styles from './finder.module.css';

const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
const CHANNELS = ['web', 'voice', 'sms', 'whatsapp', 'email', 'api'] as const;
/** Last-activity presets in days: an inbox asks "what moved lately", not for a calendar. */
const SINCE_DAYS = { '1': 'Last 24 hours', '7': 'Last 7 days', '30': 'Last 30 days' } as const;

/** The filters the popover picks, on top of the view; every one is optional. */
export interface InboxFilterState {
  priority?: (typeof PRIORITIES)[number];
  channel?: (typeof CHANNELS)[number];
  team?: string;
  /** A person's id, or `none` for conversations nobody has. */
  assigneeId?: string;
  flowId?: string;
  since?: keyof typeof SINCE_DAYS;
}

export const FILTER_KEYS = ['priority', 'channel', 'team', 'assigneeId', 'flowId', 'since'] as const satisfies readonly (keyof InboxFilterState)[];

/** The list query's part for these filters; `since` counts from the minute, so the query key holds for a minute. */
export function filterQuery(state: InboxFilterState, now = Date.now()) {
  const minute = Math.floor(now / 60_000) * 60_000;
  return {
    ...(state.priority ? { priority: [state.priority] } : {}),
    ...(state.channel ? { channel: [state.channel] } : {}),
    ...(state.team ? { team: state.team } : {}),
    ...(state.assigneeId ? { assigneeId: state.assigneeId } : {}),
    ...(state.flowId ? { flowId: state.flowId } : {}),
    ...(state.since ? { from: new Date(minute - Number(state.since) * 86_400_000).toISOString() } : {}),
  };
}

export const activeFilters = (state: InboxFilterState) => FILTER_KEYS.filter((key) => state[key]).length;

/** The Filters popover: each picker from what the workspace has (teams, people, flows). */
export function InboxFilters({ state, onChange }: { state: InboxFilterState; onChange: (next: InboxFilterState) => void }) {
  const trpc = useTRPC();
  const teams = useQuery({ ...trpc.teams.names.queryOptions(), staleTime: 60_000 });
  const people = useQuery({ ...trpc.users.list.queryOptions(), staleTime: 60_000 });
  const flows = useQuery({ ...trpc.flows.list.queryOptions(), staleTime: 60_000 });
  const count = activeFilters(state);
  const picker = (key: keyof InboxFilterState, label: string, choices: { value: string; label: string }[]) => (
    <label>
      {label}
      <select value={state[key] ?? ''} onChange={(event) => onChange({ ...state, [key]: event.target.value || undefined })} data-testid={`filter-${key}`}>
        <option value="">Any</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
  const plain = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
  return (
    <Popover
      label="Filters"
      align="end"
      className={styles.popover}
      trigger={
        <button type="button" className={styles.filtersButton} data-testid="inbox-filters" data-active={count > 0 || undefined}>
          <Icon name="layers" size={13} /> Filters{count ? ` · ${count}` : ''}
        </button>
      }
    >
      {picker('priority', 'Priority', plain(PRIORITIES))}
      {picker('channel', 'Channel', plain(CHANNELS))}
      {picker('team', 'Team', plain((teams.data ?? []).map((team) => team.name)))}
      {picker('assigneeId', 'Assignee', [{ value: 'none', label: 'Nobody' }, ...(people.data ?? []).map((person) => ({ value: person.id, label: person.name || person.email }))])}
      {picker('flowId', 'Flow', (flows.data ?? []).map((flow) => ({ value: flow.id, label: flow.name })))}
      {picker('since', 'Last activity', Object.entries(SINCE_DAYS).map(([value, label]) => ({ value, label })))}
      {count ? (
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => onChange({})} data-testid="filters-clear">
          Clear filters
        </button>
      ) : null}
    </Popover>
  );
}
