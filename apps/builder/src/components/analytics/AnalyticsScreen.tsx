'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { RequirePermission } from '@/components/settings/RequirePermission';
import { SettingsHeader } from '@/components/settings/SettingsHeader';
import { ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import {
  DASHBOARDS,
  dashboardLabel,
  rangeOf,
  searchFromView,
  viewFromSearch,
  type AnalyticsInput,
  type AnalyticsView,
  type Dashboard,
  type DrillDownFigure,
} from '@/lib/analytics-view';
import { useTRPC } from '@/lib/trpc';
import { AnalyticsFiltersBar } from './AnalyticsFiltersBar';
import { ConversationsTab } from './ConversationsTab';
import { DrillDownPanel } from './DrillDownPanel';
import { ReportsTab } from './ReportsTab';
import { SatisfactionTab } from './SatisfactionTab';
import { TeamTab } from './TeamTab';
import { VoiceTab } from './VoiceTab';
import styles from './analytics.module.css';

type OnDrill = (figure: DrillDownFigure, label: string) => void;

/** The tab's query; each dashboard is one procedure, so only the open tab is fetched. */
function DashboardBody({ tab, input, onDrillDown }: { tab: Exclude<Dashboard, 'reports'>; input: AnalyticsInput; onDrillDown: OnDrill }) {
  const trpc = useTRPC();
  const conversations = useQuery({ ...trpc.analytics.conversations.queryOptions(input), enabled: tab === 'conversations' });
  const team = useQuery({ ...trpc.analytics.team.queryOptions(input), enabled: tab === 'team' });
  const satisfaction = useQuery({ ...trpc.analytics.satisfaction.queryOptions(input), enabled: tab === 'satisfaction' });
  const voice = useQuery({ ...trpc.analytics.voice.queryOptions(input), enabled: tab === 'voice' });
  const query = { conversations, team, satisfaction, voice }[tab];
  if (query.isPending) return <LoadingState label="Loading figures…" />;
  if (query.isError) return <ErrorState error={query.error} title="Could not load the figures" onRetry={() => void query.refetch()} />;
  if (tab === 'conversations' && conversations.data) return <ConversationsTab data={conversations.data} onDrillDown={onDrillDown} />;
  if (tab === 'team' && team.data) return <TeamTab data={team.data} onDrillDown={onDrillDown} />;
  if (tab === 'satisfaction' && satisfaction.data) return <SatisfactionTab data={satisfaction.data} range={input} onDrillDown={onDrillDown} />;
  if (tab === 'voice' && voice.data) return <VoiceTab data={voice.data} onDrillDown={onDrillDown} />;
  return null;
}

function Dashboards() {
  const router = useRouter();
  const pathname = usePathname();
  const view = viewFromSearch(new URLSearchParams(useSearchParams().toString()));
  const [drill, setDrill] = useState<{ figure: DrillDownFigure; label: string } | null>(null);
  const input: AnalyticsInput = { ...rangeOf(view.days), filters: view.filters };
  const go = (next: AnalyticsView) => {
    setDrill(null);
    router.replace(`${pathname}?${searchFromView(next)}`, { scroll: false });
  };
  return (
    <>
      <nav className={styles.tabs} role="tablist" aria-label="Dashboards">
        {DASHBOARDS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={view.tab === tab}
            className={`${styles.tab} ${view.tab === tab ? styles.tabActive : ''}`}
            onClick={() => go({ ...view, tab })}
            data-testid={`analytics-tab-${tab}`}
          >
            {dashboardLabel[tab]}
          </button>
        ))}
      </nav>
      <AnalyticsFiltersBar view={view} onChange={go} />
      <div role="tabpanel" aria-label={dashboardLabel[view.tab]} data-testid={`analytics-${view.tab}`}>
        {view.tab === 'reports' ? (
          <ReportsTab view={view} input={input} onView={go} />
        ) : (
          <DashboardBody tab={view.tab} input={input} onDrillDown={(figure, label) => setDrill({ figure, label })} />
        )}
      </div>
      {drill ? <DrillDownPanel range={input} figure={drill.figure} label={drill.label} onClose={() => setDrill(null)} /> : null}
    </>
  );
}

/** Analytics: the four dashboards and custom reports over a range, compared with the period before, filterable. */
export function AnalyticsScreen() {
  return (
    <div className={`${listPage.page} ${listPage.pageWide}`}>
      <SettingsHeader title="Analytics" subtitle="What happened in your conversations, compared with the period before. Test conversations are never counted." />
      <RequirePermission permission="reports:read">
        <Dashboards />
      </RequirePermission>
    </div>
  );
}
