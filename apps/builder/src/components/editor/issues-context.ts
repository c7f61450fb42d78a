'use client';

import type { FlowIssue } from '@parley/flow';
import { createContext, useContext } from 'react';

/** Issues of the current graph, grouped by node id, for outlines and badges on the canvas. */
export const NodeIssuesContext = createContext<ReadonlyMap<string, FlowIssue[]>>(new Map());

export function useNodeIssues(nodeId: string): FlowIssue[] {
  return useContext(NodeIssuesContext).get(nodeId) ?? [];
}

export function groupIssuesByNode(issues: readonly FlowIssue[]): Map<string, FlowIssue[]> {
  const map = new Map<string, FlowIssue[]>();
  for (const issue of issues) {
    if (!issue.nodeId) continue;
    const list = map.get(issue.nodeId);
    if (list) list.push(issue);
    else map.set(issue.nodeId, [issue]);
  }
  return map;
}

export function countBySeverity(issues: readonly FlowIssue[]) {
  let errors = 0;
  let warnings = 0;
  for (const issue of issues) {
    if (issue.severity === 'error') errors += 1;
    else warnings += 1;
  }
  return { errors, warnings };
}
