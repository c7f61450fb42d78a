'use client';

import { nodeKinds, outputPortsOf, usedPortIdsOf, type NodeKind, type OutputPort } from '@parley/flow';
import { Handle, Position, useNodesData, useUpdateNodeInternals } from '@xyflow/react';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { StepNode } from '@/lib/graph';
import { Icon } from '@parley/ui';
import { kindIcons } from './kind-icons';
import { countBySeverity, useNodeIssues } from '../issues-context';
import { NodeAnalyticsBadge } from '../analytics/NodeAnalyticsBadge';
import styles from './nodes.module.css';
import rowStyles from './PortRows.module.css';

/**
 * The frame every node view shares: icon, title, kind, the input Handle (top) when the kind has
 * an input, and one source Handle per output port, labelled with the port: along the bottom, or
 * with `portDetails`, as one row per port with its handle on the right (an intent router lists
 * each intent next to its exit). Ports come from `outputPortsOf`, so they follow the config.
 */
export function NodeShell({
  id,
  kind,
  label,
  selected,
  children,
  portDetails,
}: {
  id: string;
  kind: NodeKind;
  label: string | undefined;
  selected: boolean;
  children?: ReactNode;
  /** Renders ports as labelled rows (handles on the right) with this detail under each label. */
  portDetails?: (port: OutputPort) => ReactNode;
}) {
  const def = nodeKinds[kind];
  const issues = useNodeIssues(id);
  const { errors, warnings } = countBySeverity(issues);
  const config = useNodesData<StepNode>(id)?.data.config;
  const outputs = useMemo(() => outputPortsOf(kind, config), [kind, config]);
  // Exits this config never takes (an ask without a timeout has no "no reply") are drawn faded:
  // still there to connect, but not asking to be.
  const used = useMemo(() => usedPortIdsOf(kind, config), [kind, config]);
  // React Flow measures handles once; tell it when a config change adds, removes or moves one.
  // Not on mount: React Flow measures new nodes itself, and an update then would run the canvas's
  // initial fit-to-view before the other nodes are measured (it would fit this node alone).
  const updateNodeInternals = useUpdateNodeInternals();
  const portIds = outputs.map((port) => port.id).join('\u0000');
  const measuredPorts = useRef(portIds);
  useEffect(() => {
    if (measuredPorts.current === portIds) return;
    measuredPorts.current = portIds;
    updateNodeInternals(id);
  }, [id, portIds, updateNodeInternals]);
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
      <NodeAnalyticsBadge id={id} />
      {def.ports.input ? (
        <Handle type="target" position={Position.Top} className={styles.handle} aria-label="Input" />
      ) : null}

      <div className={styles.header}>
        <span className={styles.icon} aria-hidden="true">
          <Icon name={kindIcons[kind]} size={14} />
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

      {portDetails ? (
        <ul className={rowStyles.rows} aria-label="Exits">
          {outputs.map((port) => (
            <li key={port.id} className={rowStyles.row} data-testid={`port-row-${id}-${port.id}`}>
              <span className={rowStyles.rowLabel}>{port.label}</span>
              {portDetails(port)}
              <Handle
                id={port.id}
                type="source"
                position={Position.Right}
                className={`${styles.handle} ${styles.sourceHandle}`}
                aria-label={`Output: ${port.label}`}
                data-testid={`port-${id}-${port.id}`}
                data-unused={(used && !used.has(port.id)) || undefined}
              />
            </li>
          ))}
        </ul>
      ) : null}

      {portDetails ? null : outputs.map((port, index) => (
        <Handle
          key={port.id}
          id={port.id}
          type="source"
          position={Position.Bottom}
          className={`${styles.handle} ${styles.sourceHandle}`}
          style={{ left: `${((index + 1) / (outputs.length + 1)) * 100}%` }}
          aria-label={`Output: ${port.label}`}
          data-testid={`port-${id}-${port.id}`}
          data-unused={(used && !used.has(port.id)) || undefined}
        >
          <span className={styles.portLabel}>{port.label}</span>
        </Handle>
      ))}
    </div>
  );
}
