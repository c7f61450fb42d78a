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
  // The busy nodes reached, numbered in the order reached, and each one's busy successors by
  // number: the walk below runs on arrays, not on maps keyed by id (a 10,000-node flow).
  const ids = [...reached].filter(busy);
  const numberOf = new Map<string, number>();
  ids.forEach((id, number) => numberOf.set(id, number));
  const adjacency = ids.map((id) => {
    const targets: number[] = [];
    for (const target of successors.get(id) ?? []) {
      const number = numberOf.get(target);
      if (number !== undefined) targets.push(number);
    }
    return targets;
  });

  // Each node's place in the flow's order: a loop is reported at its first node. A lookup rather
  // than a search of the node list per group, which made a 10,000-node flow take seconds; built
  // when a first loop is found (most flows have none).
  let order: Map<string, number> | undefined;
  const positionOf = (id: string) => {
    if (!order) {
      order = new Map();
      for (const [position, node] of nodes.entries()) if (!node.duplicate && !order.has(node.id)) order.set(node.id, position);
    }
    return order.get(id) ?? Infinity;
  };

  const issues: FlowIssue[] = [];
  for (const members of stronglyConnected(adjacency)) {
    const [only] = members;
    if (members.length === 1 && !adjacency[only!]!.includes(only!)) continue; // a single node without an edge to itself is no loop
    const group = new Set(members);
    let firstAt = Infinity;
    for (const number of members) firstAt = Math.min(firstAt, positionOf(ids[number]!));
    const first = nodes[firstAt]!;
    const inGroup = (id: string) => adjacency[numberOf.get(id)!]!.filter((target) => group.has(target)).map((target) => ids[target]!);
    const loop = shortestCycle(first.id, inGroup);
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
  for (let at = 0; at < queue.length; at++) {
    const id = queue[at]!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const next of successors.get(id) ?? []) queue.push(next);
  }
  return reached;
}

/**
 * Tarjan's algorithm, iterative (a flow may have 500 nodes in a chain), over nodes numbered
 * 0..n-1 with their successors by number. Groups in discovery order, as lists: nearly every group
 * is one node that is no loop.
 */
function stronglyConnected(adjacency: readonly (readonly number[])[]): number[][] {
  const count = adjacency.length;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  /** Per node on the walk: how many of its successors it has looked at. */
  const looked = new Int32Array(count);
  const stack: number[] = [];
  const walk: number[] = [];
  const groups: number[][] = [];
  let counter = 0;
  const visit = (node: number) => {
    index[node] = counter;
    low[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
    walk.push(node);
  };
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    visit(root);
    while (walk.length > 0) {
      const node = walk[walk.length - 1]!;
      const targets = adjacency[node]!;
      if (looked[node]! < targets.length) {
        const target = targets[looked[node]!]!;
        looked[node] = looked[node]! + 1;
        if (index[target] === -1) visit(target);
        else if (onStack[target]) low[node] = Math.min(low[node]!, index[target]!);
        continue;
      }
      walk.pop();
      const parent = walk[walk.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[node]!);
      if (low[node] === index[node]) {
        const group: number[] = [];
        for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
          onStack[member] = 0;
          group.push(member);
          if (member === node) break;
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
