'use client';

import { useQuery } from '@tanstack/react-query';
import { RANGE_DAYS, type AnalyticsFilters, type AnalyticsView } from '@/lib/analytics-view';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';

const CHANNELS = ['web', 'voice', 'sms', 'whatsapp', 'email', 'api'] as const;

/** Range presets and the five filters; every change goes to the URL. */
export function AnalyticsFiltersBar({ view, onChange }: { view: AnalyticsView; onChange: (view: AnalyticsView) => void }) {
  const trpc = useTRPC();
  const options = useQuery(trpc.analytics.filterOptions.queryOptions());
  const set = (key: keyof AnalyticsFilters, value: string) => onChange({ ...view, filters: { ...view.filters, [key]: value || undefined } });
  const select = (key: keyof AnalyticsFilters, label: string, choices: { value: string; label: string }[]) => (
    <label className={styles.filter}>
      <span className={styles.filterLabel}>{label}</span>
      <select value={view.filters[key] ?? ''} onChange={(event) => set(key, event.target.value)} data-testid={`analytics-filter-${key}`}>
        <option value="">All</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className={styles.filters}>
      <div className={styles.ranges} role="group" aria-label="Time range">
        {RANGE_DAYS.map((days) => (
          <button
            key={days}
            type="button"
            className={`btn btn-sm ${view.days === days ? 'btn-primary' : ''}`}
            aria-pressed={view.days === days}
            onClick={() => onChange({ ...view, days })}
            data-testid={`analytics-range-${days}`}
          >
            {days === 1 ? '24 h' : `${days} days`}
          </button>
        ))}
      </div>
      {select('flowId', 'Flow', (options.data?.flows ?? []).map((flow) => ({ value: flow.id, label: flow.name })))}
      {select('channel', 'Channel', CHANNELS.map((channel) => ({ value: channel, label: channel })))}
      {select('team', 'Team', (options.data?.teams ?? []).map((team) => ({ value: team, label: team })))}
      {select('agentId', 'Agent', (options.data?.agents ?? []).map((agent) => ({ value: agent.id, label: agent.name })))}
      {select('intent', 'Intent', (options.data?.intents ?? []).map((intent) => ({ value: intent, label: intent })))}
    </div>
  );
}
