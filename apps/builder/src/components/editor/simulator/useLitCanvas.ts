'use client';

import { useCallback, useMemo, useState } from 'react';
import type { CanvasEdge, CanvasNode } from '@/lib/graph';
import { litPath, type TracedStep } from './path-highlight';
import styles from './simulator.module.css';

/**
 * The canvas as the simulator shows it: the steps a test conversation has run, the connections
 * it took and the step it is at, lit up. `onTrace` takes each new read of its steps; while the
 * simulator is closed the canvas is returned as it is.
 */
export function useLitCanvas(nodes: CanvasNode[], edges: CanvasEdge[], active: boolean) {
  const [steps, setSteps] = useState<readonly TracedStep[]>([]);
  const onTrace = useCallback((next: readonly TracedStep[]) => setSteps(next), []);
  const path = useMemo(() => litPath(active ? steps : [], edges), [active, steps, edges]);

  const litNodes = useMemo(() => {
    if (path.visited.size === 0) return nodes;
    return nodes.map((node) => {
      const className = node.id === path.current ? styles.current : path.visited.has(node.id) ? styles.visited : undefined;
      return className ? { ...node, className } : node;
    });
  }, [nodes, path]);
  const litEdges = useMemo(() => {
    if (path.followed.size === 0) return edges;
    return edges.map((edge) => (path.followed.has(edge.id) ? { ...edge, className: [edge.className, styles.followed].filter(Boolean).join(' '), animated: true } : edge));
  }, [edges, path]);

  return { nodes: litNodes, edges: litEdges, onTrace };
}
