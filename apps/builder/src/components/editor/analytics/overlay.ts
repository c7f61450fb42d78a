import { MarkerType } from '@xyflow/react';
import type { CanvasEdge } from '@/lib/graph';

/** One node's figures as flowAnalytics.nodes returns them (the fields the overlay shows). */
export interface NodeFiguresLike {
  nodeId: string;
  visits: number;
  exits: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface EdgeTrafficLike {
  source: string;
  port: string;
  target: string;
  count: number;
}

/** What a node's badge shows: visits, the share of all conversations that left the flow there, errors, timings. */
export interface NodeBadge {
  visits: number;
  /** 0–100, of every conversation in the range (not only those that reached the node). */
  dropOffPercent: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export function nodeBadges(nodes: readonly NodeFiguresLike[], conversations: number): Map<string, NodeBadge> {
  return new Map(
    nodes.map((node) => [
      node.nodeId,
      {
        visits: node.visits,
        dropOffPercent: conversations === 0 ? 0 : (node.exits / conversations) * 100,
        errors: node.errors,
        p50Ms: node.p50Ms,
        p95Ms: node.p95Ms,
      },
    ]),
  );
}

const THINNEST = 1.5;
const THICKEST = 7;

/**
 * Edges weighted by how many conversations took them: the busiest is drawn THICKEST px wide, an
 * unused one thin and faded; each carries its count as a label. An edge is matched by its source,
 * port and target, so a passage recorded on a version whose edge ids differ still lands on it.
 */
export function weightedEdges(edges: readonly CanvasEdge[], traffic: readonly EdgeTrafficLike[], fadedClass: string): CanvasEdge[] {
  const counts = new Map(traffic.map((edge) => [`${edge.source}\u0000${edge.port}\u0000${edge.target}`, edge.count]));
  const busiest = Math.max(1, ...traffic.map((edge) => edge.count));
  return edges.map((edge) => {
    const count = counts.get(`${edge.source}\u0000${edge.sourceHandle ?? ''}\u0000${edge.target}`) ?? 0;
    const width = count === 0 ? THINNEST : THINNEST + ((THICKEST - THINNEST) * count) / busiest;
    return {
      ...edge,
      className: count === 0 ? [edge.className, fadedClass].filter(Boolean).join(' ') : edge.className,
      style: { ...edge.style, strokeWidth: Number(width.toFixed(2)) },
      // Sized in pixels, not stroke widths: a busy edge's arrow stays the size of any other's.
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, markerUnits: 'userSpaceOnUse' },
      label: count.toLocaleString('en'),
      labelStyle: { fontSize: 11, fontWeight: 600 },
      labelBgPadding: [4, 2] as [number, number],
      labelBgBorderRadius: 4,
      data: { ...edge.data, traffic: count },
    };
  });
}

/** "12 ms", "1.4 s", "2 min": short enough for a badge. */
export function shortDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** "0%", "33%", "0.4%": one decimal only under 1 %. */
export function shortPercent(percent: number): string {
  if (percent === 0) return '0%';
  return percent < 1 ? `${percent.toFixed(1)}%` : `${Math.round(percent)}%`;
}

/** The ranges the overlay offers; `days: null` is everything. */
export const ANALYTICS_RANGES = [
  { id: '24h', label: 'Last 24 hours', days: 1 },
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '30d', label: 'Last 30 days', days: 30 },
  { id: 'all', label: 'All time', days: null },
] as const;
export type AnalyticsRangeId = (typeof ANALYTICS_RANGES)[number]['id'];
