import type { AppRouter } from '@parley/api';
import type { inferInput, inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';

type Api = TRPCOptionsProxy<AppRouter>['analytics'];
export type AnalyticsInput = inferInput<Api['conversations']>;
export type AnalyticsFilters = NonNullable<AnalyticsInput['filters']>;
export type DrillDownFigure = inferInput<Api['drillDown']>['figure'];
export type DrillDownRow = inferOutput<Api['drillDown']>[number];
export type FilterOptions = inferOutput<Api['filterOptions']>;

export const DASHBOARDS = ['conversations', 'team', 'satisfaction', 'voice', 'reports'] as const;
export type Dashboard = (typeof DASHBOARDS)[number];

export const dashboardLabel = {
  conversations: 'Conversations',
  team: 'Team performance',
  satisfaction: 'Customer satisfaction',
  voice: 'Voice quality',
  reports: 'Custom reports',
} satisfies Record<Dashboard, string>;

/** Range presets in days; the URL keeps the choice (`days`) so a link shows the same view. */
export const RANGE_DAYS = [1, 7, 30, 90] as const;
export const DEFAULT_DAYS = 30;

/** What the URL says: the tab, the range and the filters. */
export interface AnalyticsView {
  tab: Dashboard;
  days: number;
  filters: AnalyticsFilters;
}

const FILTER_KEYS = ['flowId', 'channel', 'team', 'agentId', 'intent'] as const;

export function viewFromSearch(search: URLSearchParams): AnalyticsView {
  const tab = DASHBOARDS.find((name) => name === search.get('tab')) ?? 'conversations';
  const days = Number(search.get('days'));
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value) filters[key] = value;
  }
  return { tab, days: RANGE_DAYS.includes(days as never) ? days : DEFAULT_DAYS, filters: filters as AnalyticsFilters };
}

export function searchFromView(view: AnalyticsView): string {
  const search = new URLSearchParams({ tab: view.tab, days: String(view.days) });
  for (const key of FILTER_KEYS) {
    const value = view.filters[key];
    if (value) search.set(key, value);
  }
  return search.toString();
}

/** The range ends at the next full minute, so the query key (and its cache) holds for a minute. */
export function rangeOf(days: number, now = Date.now()): { from: string; to: string } {
  const to = Math.ceil(now / 60_000) * 60_000;
  return { from: new Date(to - days * 86_400_000).toISOString(), to: new Date(to).toISOString() };
}

/** `points`: a 0–100 score (conversation quality); `milliseconds`: a latency. */
export type FigureFormat = 'count' | 'percent' | 'duration' | 'score' | 'points' | 'decibels' | 'milliseconds';

export function formatFigure(value: number | null, format: FigureFormat): string {
  if (value === null) return '—';
  switch (format) {
    case 'count':
      return Math.round(value).toLocaleString('en');
    case 'percent':
      return `${(value * 100).toFixed(value >= 0.995 || value === 0 ? 0 : 1)}%`;
    case 'score':
      return value.toFixed(2);
    case 'points':
      return `${Math.round(value)}/100`;
    case 'decibels':
      return `${value.toFixed(1)} dB`;
    case 'duration':
      return formatSeconds(value);
    case 'milliseconds':
      return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${Math.round(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h ${Math.round((seconds % 3600) / 60)}m`;
}

/**
 * The change against the previous period as people read it: points for rates, percent for the
 * rest; null when either side is missing. `better` says whether up is good (green) or bad.
 */
export function changeOf(value: number | null, previous: number | null, format: FigureFormat): string | null {
  if (value === null || previous === null) return null;
  if (format === 'percent' || format === 'points') {
    const points = (value - previous) * (format === 'percent' ? 100 : 1);
    return `${points >= 0 ? '+' : ''}${points.toFixed(1)} pts`;
  }
  // Against nothing a percentage means nothing: the card shows the previous figure instead.
  if (previous === 0) return null;
  const percent = ((value - previous) / Math.abs(previous)) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(0)}%`;
}
