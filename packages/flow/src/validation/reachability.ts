import type { FlowIssue } from '../issues';
import { outputPortsOf, usedPortIdsOf } from '../ports';
import { getNodeKind } from '../registry';
import { portKey } from './edge-checks';
import { describeNode, type NodeView, portLabel } from './read';

/**
 * Walks the sound edges from the start node(s). Unreachable nodes are only a warning (a draft
 * may hold nodes not wired yet); an unconnected output of a REACHABLE node is an error, because
 * a conversation that gets there would have nowhere to go.
 */
export function reachabilityIssues(
  nodes: readonly NodeView[],
  successors: ReadonlyMap<string, readonly string[]>,
  connectedPorts: ReadonlySet<string>,
): FlowIssue[] {
  const starts = nodes.filter((n) => n.kind === 'start' && !n.duplicate);
  // Without a start every node would be "unreachable": start.missing already says it all.
  if (starts.length === 0) return [];

  const reached = new Set<string>();
  const queue = starts.map((n) => n.id);
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...(successors.get(id) ?? []));
  }

  const issues: FlowIssue[] = [];
  for (const node of nodes) {
    // Duplicates and unknown kinds are already errors; more noise about them helps nobody.
    if (node.duplicate || !node.kind) continue;
    if (!reached.has(node.id)) {
      issues.push({
        severity: 'warning',
        code: 'node.unreachable',
        message: `${describeNode(node)} cannot be reached from Start; conversations will never get there.`,
        nodeId: node.id,
        path: ['nodes', node.index],
      });
      continue;
    }
    // Only the exits this node's config can take must lead somewhere (a condition's unused
    // "else if" may stay open). Which ones those are is unknown while the config doesn't parse;
    // its config error comes first, the ports are checked once it is fixed.
    const kind = getNodeKind(node.kind);
    if (kind.usedPorts && !kind.config.safeParse(node.config).success) continue;
    const used = usedPortIdsOf(node.kind, node.config);
    for (const output of outputPortsOf(node.kind, node.config)) {
      if (used && !used.has(output.id)) continue;
      if (connectedPorts.has(portKey(node.id, output.id))) continue;
      issues.push({
        severity: 'error',
        code: 'port.unconnected',
        message:
          `Output ${portLabel(node, output.id)} of ${describeNode(node)} is not connected; ` +
          'a conversation reaching it would have nowhere to go.',
        nodeId: node.id,
        path: ['nodes', node.index],
        port: output.id,
      });
    }
  }
  return issues;
}
