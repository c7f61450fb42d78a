'use client';

import { nodeKinds, type NodeKind } from '@parley/flow';
import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import { Icon } from '@/components/ui/Icon';
import { countBySeverity, useNodeIssues } from '../issues-context';
import styles from './nodes.module.css';

/**
 * The frame every node view shares: icon, title, kind, the input Handle (top) when the kind has
 * an input, and one source Handle per named output port (bottom), labelled with the port.
 */
export function NodeShell({
  id,
  kind,
  label,
  selected,
  children,
}: {
  id: string;
  kind: NodeKind;
  label: string | undefined;
  selected: boolean;
  children?: ReactNode;
}) {
  const def = nodeKinds[kind];
  const issues = useNodeIssues(id);
  const { errors, warnings } = countBySeverity(issues);
  const outputs = def.ports.outputs;
  const title = label?.trim() || def.label;
  const problem = errors > 0 ? 'error' : warnings > 0 ? 'warning' : undefined;

  return (
    <div
      className={styles.node}
      data-testid={`node-${id}`}
      data-kind={kind}
      data-category={def.category}
      data-selected={selected || undefined}
      data-problem={problem}
      aria-label={`${def.label} node${label ? `: ${label}` : ''}`}
    >
      {def.ports.input ? (
        <Handle type="target" position={Position.Top} className={styles.handle} aria-label="Input" />
      ) : null}

      <div className={styles.header}>
        <span className={styles.icon} aria-hidden="true">
          <Icon name={def.icon} size={14} />
        </span>
        <span className={styles.title}>{title}</span>
        {title !== def.label ? <span className={styles.kind}>{def.label}</span> : null}
        {problem ? (
          <span
            className={styles.problemBadge}
            data-problem={problem}
            title={issues.map((issue) => issue.message).join('\n')}
            data-testid={`problems-badge-${id}`}
          >
            <Icon name={problem === 'error' ? 'alert-circle' : 'alert-triangle'} size={12} />
            {errors + warnings}
            <span className="sr-only">{errors > 0 ? ' errors' : ' warnings'}</span>
          </span>
        ) : null}
      </div>

      {children ? <div className={styles.body}>{children}</div> : null}

      {outputs.map((port, index) => (
        <Handle
          key={port.id}
          id={port.id}
          type="source"
          position={Position.Bottom}
          className={`${styles.handle} ${styles.sourceHandle}`}
          style={{ left: `${((index + 1) / (outputs.length + 1)) * 100}%` }}
          aria-label={`Output: ${port.label}`}
          data-testid={`port-${id}-${port.id}`}
        >
          <span className={styles.portLabel}>{port.label}</span>
        </Handle>
      ))}
    </div>
  );
}
