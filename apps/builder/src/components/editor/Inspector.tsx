'use client';

import { nodeKinds, type FlowIssue } from '@parley/flow';
import { useId } from 'react';
import { Icon } from '@parley/ui';
import { kindIcons } from './nodes/kind-icons';
import type { CanvasEdge, StepNode } from '@/lib/graph';
import { ConfigForm } from './ConfigForm';
import styles from './editor.module.css';

/** Side panel for the selected node: label, the generated config form, id, delete. */
export function NodeInspector({
  node,
  issues,
  onConfigChange,
  onLabelChange,
  onDelete,
}: {
  node: StepNode;
  issues: readonly FlowIssue[];
  onConfigChange: (name: string, value: unknown) => void;
  onLabelChange: (label: string) => void;
  onDelete: () => void;
}) {
  const kind = node.type ?? 'message';
  const def = nodeKinds[kind];
  const labelId = useId();
  const nodeLevel = issues.filter((issue) => !issue.field);

  return (
    <section className={styles.inspector} aria-label={`${def.label} settings`} data-testid="node-inspector">
      <header className={styles.inspectorHeader}>
        <span className={styles.inspectorIcon} data-category={def.category} data-kind={kind} aria-hidden="true">
          <Icon name={kindIcons[kind]} size={16} />
        </span>
        <div>
          <h2 className={styles.panelTitle}>{def.label}</h2>
          <p className={styles.panelSubtitle}>{def.description}</p>
        </div>
      </header>

      <IssueList issues={nodeLevel} />

      <div className={styles.form}>
        <div className="field">
          <label htmlFor={labelId} className="field-label">
            Label <span className={styles.optional}>(optional)</span>
          </label>
          <input
            id={labelId}
            className="input"
            value={node.data.label ?? ''}
            placeholder={def.label}
            maxLength={200}
            onChange={(event) => onLabelChange(event.target.value)}
            data-testid="label-input"
          />
        </div>
        <ConfigForm
          nodeId={node.id}
          kind={kind}
          config={node.data.config}
          issues={issues}
          onChange={onConfigChange}
        />
      </div>

      <footer className={styles.inspectorFooter}>
        <span className={styles.nodeId}>
          id <code>{node.id}</code>
        </span>
        <button type="button" className="btn btn-sm btn-danger" onClick={onDelete} data-testid="delete-node">
          <Icon name="trash" size={13} />
          Delete step
        </button>
      </footer>
    </section>
  );
}

/** Side panel for a selected connection. */
export function EdgeInspector({
  edge,
  sourceLabel,
  targetLabel,
  issues,
  onDelete,
}: {
  edge: CanvasEdge;
  sourceLabel: string;
  targetLabel: string;
  issues: readonly FlowIssue[];
  onDelete: () => void;
}) {
  return (
    <section className={styles.inspector} aria-label="Connection" data-testid="edge-inspector">
      <header className={styles.inspectorHeader}>
        <div>
          <h2 className={styles.panelTitle}>Connection</h2>
          <p className={styles.panelSubtitle}>
            {sourceLabel} <span className={styles.portTag}>{edge.sourceHandle}</span> → {targetLabel}
          </p>
        </div>
      </header>
      <IssueList issues={issues} />
      <footer className={styles.inspectorFooter}>
        <span className={styles.nodeId}>
          id <code>{edge.id}</code>
        </span>
        <button type="button" className="btn btn-sm btn-danger" onClick={onDelete} data-testid="delete-edge">
          <Icon name="trash" size={13} />
          Delete connection
        </button>
      </footer>
    </section>
  );
}

/** The problems of the selected node or connection, errors and warnings alike. */
function IssueList({ issues }: { issues: readonly FlowIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className={styles.nodeIssues}>
      {issues.map((issue, index) => (
        <li key={index} data-severity={issue.severity}>
          <Icon name={issue.severity === 'error' ? 'alert-circle' : 'alert-triangle'} size={13} />
          <span>{issue.message}</span>
        </li>
      ))}
    </ul>
  );
}
