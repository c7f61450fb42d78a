'use client';

import { useReactFlow, ViewportPortal } from '@xyflow/react';
import { useEffect } from 'react';
import type { CanvasNode } from '@/lib/graph';
import { formatDuration, type NodeFigures } from './path-summary';
import styles from './path.module.css';

/**
 * Above each visited step of the canvas: how often it ran, how long it took in all and how it
 * last ended (red when a run failed, with the error as its tooltip). Clicking one selects its run.
 */
export function NodeFigureBadges({
  nodes,
  figures,
  selectedNode,
  onSelect,
}: {
  nodes: readonly CanvasNode[];
  figures: ReadonlyMap<string, NodeFigures>;
  selectedNode: string | null;
  onSelect: (nodeId: string) => void;
}) {
  return (
    <ViewportPortal>
      {nodes.flatMap((node) => {
        const figure = figures.get(node.id);
        if (!figure) return [];
        return [
          <button
            key={node.id}
            type="button"
            className={styles.figure}
            style={{ transform: `translate(${node.position.x}px, ${node.position.y - 30}px)` }}
            data-failed={figure.failed || undefined}
            data-selected={selectedNode === node.id || undefined}
            title={figure.error ?? undefined}
            onClick={() => onSelect(node.id)}
            data-testid={`path-figure-${node.id}`}
          >
            {figure.runs > 1 ? <strong>{figure.runs}×</strong> : null}
            <span>{formatDuration(figure.totalMs)}</span>
            <span className={styles.figureOutcome}>{figure.failed ? 'failed' : (figure.lastOutcome ?? 'waiting')}</span>
          </button>,
        ];
      })}
    </ViewportPortal>
  );
}

/** Moves the view to the selected step (from the timeline or the canvas). */
export function FocusNode({ nodeId }: { nodeId: string | null }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (nodeId) void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.1, padding: 1.2 });
  }, [nodeId, fitView]);
  return null;
}
