'use client';

import { useQuery } from '@tanstack/react-query';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import type { CanvasEdge } from '@/lib/graph';
import { useCan } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { ANALYTICS_RANGES, nodeBadges, weightedEdges, type AnalyticsRangeId } from './overlay';
import styles from './analytics.module.css';

const DAY_MS = 86_400_000;
/** Room above the flow for the canvas tools, the analytics bar and the top step's badge. */
const FIT_WITH_BAR = { padding: { top: '210px', x: '40px', bottom: '40px' }, maxZoom: 1 } as const;

/**
 * The editor's analytics overlay: whether it is on, which published version (or all of them) and
 * which range it reads, the badges per node and the canvas's edges weighted by traffic. While it
 * is off nothing is fetched and the edges are returned as they are.
 */
export function useFlowAnalytics(flowId: string, edges: CanvasEdge[]) {
  const trpc = useTRPC();
  const allowed = useCan('reports:read');
  const [on, setOn] = useState(false);
  const { fitView } = useReactFlow();
  const [versionId, setVersionId] = useState<string | null>(null);
  const [rangeId, setRangeId] = useState<AnalyticsRangeId>('30d');
  // The range's start is fixed when it is picked, so the query's key stays the same between renders.
  const [from, setFrom] = useState<string | undefined>(() => new Date(Date.now() - 30 * DAY_MS).toISOString());
  const pickRange = useCallback((id: AnalyticsRangeId) => {
    const days = ANALYTICS_RANGES.find((range) => range.id === id)?.days ?? null;
    setRangeId(id);
    setFrom(days === null ? undefined : new Date(Date.now() - days * DAY_MS).toISOString());
  }, []);
  const figures = useQuery({
    ...trpc.flowAnalytics.nodes.queryOptions({ flowId, ...(versionId ? { versionId } : {}), ...(from ? { from } : {}) }),
    enabled: on && allowed,
    // Switching version or range keeps the last figures (and the version list) until the new ones arrive.
    placeholderData: (previous) => previous,
  });
  const data = on ? figures.data : undefined;
  const badges = useMemo(() => (on ? nodeBadges(data?.nodes ?? [], data?.conversations ?? 0) : null), [on, data]);
  const overlaid = useMemo(() => (data ? weightedEdges(edges, data.edges, styles.unused!) : edges), [data, edges]);
  return {
    allowed,
    on,
    toggle: useCallback(() => {
      // Turned on: fit the flow below the bar, once it has rendered.
      if (!on) requestAnimationFrame(() => void fitView(FIT_WITH_BAR));
      setOn(!on);
    }, [on, fitView]),
    badges,
    edges: overlaid,
    bar: {
      versions: figures.data?.versions ?? [],
      versionId,
      onVersion: setVersionId,
      rangeId,
      onRange: pickRange,
      conversations: data?.conversations ?? null,
      loading: figures.isPending,
      error: figures.error?.message ?? null,
    },
  };
}

export type AnalyticsBarState = ReturnType<typeof useFlowAnalytics>['bar'];
