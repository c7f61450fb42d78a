'use client';

import type { FlowIssue, flowVariables } from '@parley/flow';
import type { FlowDetail } from '@/lib/api-types';
import type { CanvasEdge, StepNode } from '@/lib/graph';
import { FlowVariablesContext } from './fields/flow-variables';
import { FlowSummaryPanel } from './FlowSummaryPanel';
import { EdgeInspector, NodeInspector } from './Inspector';
import { ProblemsList } from './ProblemsList';
import styles from './editor.module.css';

/**
 * The editor's side panel: the selected step's settings, the selected connection, or the flow's
 * summary when nothing is selected; the flow's problems below.
 */
export function EditorSidePanel({
  flow,
  nodeCount,
  edgeCount,
  selectedNode,
  selectedEdge,
  issues,
  issuesByNode,
  variables,
  live,
  titleOf,
  updateNodeData,
  onDeleteNode,
  onDeleteEdge,
  onSelectIssue,
}: {
  flow: FlowDetail;
  nodeCount: number;
  edgeCount: number;
  selectedNode: StepNode | undefined;
  selectedEdge: CanvasEdge | undefined;
  issues: readonly FlowIssue[];
  issuesByNode: ReadonlyMap<string, FlowIssue[]>;
  variables: ReturnType<typeof flowVariables>;
  /** The problems follow unsaved edits. */
  live: boolean;
  titleOf: (nodeId: string) => string;
  /** Changes one field of a step (`field` names it, so typing into it is one undo step). */
  updateNodeData: (id: string, field: string, update: (data: StepNode['data']) => StepNode['data']) => void;
  onDeleteNode: (id: string) => void;
  onDeleteEdge: (id: string) => void;
  onSelectIssue: (issue: FlowIssue) => void;
}) {
  return (
    <aside className={styles.side} aria-label="Properties and problems">
      <div className={styles.sideMain}>
        {selectedNode ? (
          <FlowVariablesContext value={variables}>
            <NodeInspector
              key={selectedNode.id}
              node={selectedNode}
              issues={issuesByNode.get(selectedNode.id) ?? []}
              onConfigChange={(name, value) =>
                updateNodeData(selectedNode.id, `config.${name}`, (data) => ({ ...data, config: { ...data.config, [name]: value } }))
              }
              onLabelChange={(label) => updateNodeData(selectedNode.id, 'label', (data) => ({ ...data, label }))}
              onDelete={() => onDeleteNode(selectedNode.id)}
            />
          </FlowVariablesContext>
        ) : selectedEdge ? (
          <EdgeInspector
            edge={selectedEdge}
            sourceLabel={titleOf(selectedEdge.source)}
            targetLabel={titleOf(selectedEdge.target)}
            issues={issues.filter((issue) => issue.edgeId === selectedEdge.id)}
            onDelete={() => onDeleteEdge(selectedEdge.id)}
          />
        ) : (
          <FlowSummaryPanel flow={flow} nodeCount={nodeCount} edgeCount={edgeCount} />
        )}
      </div>
      <ProblemsList issues={issues} live={live} onSelect={onSelectIssue} />
    </aside>
  );
}
