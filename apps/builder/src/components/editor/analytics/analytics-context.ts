'use client';

import { createContext, useContext } from 'react';
import type { NodeBadge } from './overlay';

/**
 * The analytics overlay's figures by node id, for the badges over the steps; null while the
 * overlay is off (no badge at all), an empty map when it is on and nothing ran.
 */
export const NodeAnalyticsContext = createContext<ReadonlyMap<string, NodeBadge> | null>(null);

export function useNodeAnalytics(nodeId: string): { on: boolean; badge: NodeBadge | null } {
  const badges = useContext(NodeAnalyticsContext);
  return { on: badges !== null, badge: badges?.get(nodeId) ?? null };
}
