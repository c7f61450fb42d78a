import type { FlowIssue } from '../issues';
import { getNodeKind } from '../registry';
import { describeNode, type NodeView } from './read';

/**
 * A loop of nodes none of which waits (for the customer, a timer or an agent) would run forever
 * inside one workflow task: the conversation hangs and the worker burns CPU until Temporal gives
 * up. Kinds that wait say so (`suspends: true`); every loop reachable from start must contain one.
 * Reported once per loop (strongly connected group of non-waiting nodes), at its first node in
 * the flow's order, naming one concrete cycle through that node.
 */
export function busyCycleIssues(nodes: readonly NodeView[], successors: ReadonlyMap<string, readonly string[]>): FlowIssue[] {
  const byId = new Map<string, NodeView>();
  for (const node of nodes) if (!node.duplicate && node.kind) byId.set(node.id, node);
  const busy = (id: string) => {
    const node = byId.get(id);
    return node?.kind !== undefined && getNodeKind(node.kind).suspends !== true;
  };
  const reached = reachableFromStart(nodes, successors);
  const next = (id: string) => (successors.get(id) ?? []).filter((target) => reached.has(target) && busy(target));

  // Each node's place in the flow's order: a loop is reported at its first node. A lookup rather
  // than a search of the node list per group, which made a 10,000-node flow take seconds.
  const order = new Map<string, number>();
  nodes.forEach((node, position) => {
    if (!node.duplicate && !order.has(node.id)) order.set(node.id, position);
  });

  const issues: FlowIssue[] = [];
  for (const group of stronglyConnected([...reached].filter(busy), next)) {
    const [only] = group;
    if (group.size === 1 && !next(only!).includes(only!)) continue; // a single node without an edge to itself is no loop
    let firstAt = Infinity;
    for (const id of group) firstAt = Math.min(firstAt, order.get(id) ?? Infinity);
    const first = nodes[firstAt]!;
    const loop = shortestCycle(first.id, (id) => next(id).filter((target) => group.has(target)));
    if (!loop) continue;
    const path = [...loop, first.id].map((id) => `"${id}"`).join(' → ');
    issues.push({
      severity: 'error',
      code: 'flow.busy_cycle',
      message:
        `${describeNode(first)} is on a loop in which no step waits (${path}); a conversation ` +
        'entering it would run forever. Add a step that waits for the customer, a timer or an agent (such as Ask or Wait), or break the loop.',
      nodeId: first.id,
      path: ['nodes', first.index],
    });
  }
  return issues;
}

function reachableFromStart(nodes: readonly NodeView[], successors: ReadonlyMap<string, readonly string[]>): Set<string> {
  const reached = new Set<string>();
  const queue = nodes.filter((node) => node.kind === 'start' && !node.duplicate).map((node) => node.id);
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...(successors.get(id) ?? []));
  }
  return reached;
}

/** Tarjan's algorithm, iterative (a flow may have 500 nodes in a chain). Groups in discovery order. */
function stronglyConnected(ids: readonly string[], next: (id: string) => string[]): Set<string>[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: Set<string>[] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; targets: string[]; at: number }[] = [];
    const visit = (id: string) => {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, targets: next(id), at: 0 });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.at < frame.targets.length) {
        const target = frame.targets[frame.at++]!;
        if (!index.has(target)) visit(target);
        else if (onStack.has(target)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const group = new Set<string>();
        for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
          onStack.delete(id);
          group.add(id);
          if (id === frame.id) break;
        }
        groups.push(group);
      }
    }
  }
  return groups;
}

/** The nodes of a shortest path from `from` back to itself (without the repeat), or null. */
function shortestCycle(from: string, next: (id: string) => string[]): string[] | null {
  const previous = new Map<string, string>();
  const queue = [from];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const target of next(id)) {
      if (target === from) {
        const path = [id];
        for (let at = id; at !== from; ) {
          at = previous.get(at)!;
          path.unshift(at);
        }
        return path;
      }
      if (previous.has(target)) continue;
      previous.set(target, id);
      queue.push(target);
    }
  }
  return null;
}
