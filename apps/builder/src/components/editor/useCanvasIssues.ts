'use client';

import type { FlowIssue } from '@parley/flow';
import { useCallback, useMemo, type Dispatch, type SetStateAction } from 'react';
import type { CanvasEdge, CanvasNode } from '@/lib/graph';
import styles from './editor.module.css';

/**
 * The graph's problems on the canvas: connections with errors drawn red, and a problem picked in
 * the list brought into view (its step focused, or its connection selected).
 */
export function useCanvasIssues({
  issues,
  edges,
  focusNode,
  setNodes,
  setEdges,
}: {
  issues: readonly FlowIssue[];
  edges: CanvasEdge[];
  focusNode: (id: string) => void;
  setNodes: Dispatch<SetStateAction<CanvasNode[]>>;
  setEdges: Dispatch<SetStateAction<CanvasEdge[]>>;
}) {
  const focusIssue = useCallback(
    (issue: FlowIssue) => {
      if (issue.nodeId) {
        focusNode(issue.nodeId);
      } else if (issue.edgeId) {
        const id = issue.edgeId;
        setNodes((current) => current.map((node) => (node.selected ? { ...node, selected: false } : node)));
        setEdges((current) => current.map((edge) => ({ ...edge, selected: edge.id === id })));
      }
    },
    [focusNode, setNodes, setEdges],
  );

  const edgeIssueIds = useMemo(() => new Set(issues.filter((issue) => issue.edgeId && issue.severity === 'error').map((issue) => issue.edgeId)), [issues]);
  const displayEdges = useMemo(
    () => (edgeIssueIds.size === 0 ? edges : edges.map((edge) => (edgeIssueIds.has(edge.id) ? { ...edge, className: styles.edgeError } : edge))),
    [edges, edgeIssueIds],
  );
  return { focusIssue, displayEdges };
}
