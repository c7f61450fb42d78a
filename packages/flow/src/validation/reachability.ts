import type { FlowIssue } from '../issues';
import { outputPortsOf } from '../ports';
import { getNodeKind } from '../registry';
import { portKey } from './edge-checks';
import { describeNode, type NodeView, portLabel } from './read';
import { parseConfigOf, type ParsedConfigOf } from './stored-variables';

/**
 * Walks the sound edges from the start node(s). Unreachable nodes are only a warning (a draft
 * may hold nodes not wired yet); an unconnected output of a REACHABLE node is an error, because
 * a conversation that gets there would have nowhere to go.
 */
export function reachabilityIssues(
  nodes: readonly NodeView[],
  successors: ReadonlyMap<string, readonly string[]>,
  connectedPorts: ReadonlySet<string>,
  parsedConfigOf: ParsedConfigOf = parseConfigOf,
): FlowIssue[] {
  const starts = nodes.filter((n) => n.kind === 'start' && !n.duplicate);
  // Without a start every node would be "unreachable": start.missing already says it all.
  if (starts.length === 0) return [];

  const reached = new Set<string>();
  const queue = starts.map((n) => n.id);
  // An index, not queue.shift(): the queue of a 10,000-node flow is long.
  for (let at = 0; at < queue.length; at++) {
    const id = queue[at]!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const next of successors.get(id) ?? []) queue.push(next);
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
    // (As usedPortIdsOf and outputPortsOf, from the config this validation parsed already.)
    const kind = getNodeKind(node.kind);
    const parsed = kind.usedPorts || kind.outputsFor ? parsedConfigOf(node) : undefined;
    if (kind.usedPorts && parsed === undefined) continue;
    const used = kind.usedPorts && parsed ? new Set(kind.usedPorts(parsed)) : null;
    const outputs = kind.outputsFor && parsed ? kind.outputsFor(parsed) : outputPortsOf(node.kind, node.config);
    for (const output of outputs) {
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
