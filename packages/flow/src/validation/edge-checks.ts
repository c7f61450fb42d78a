import type { FlowIssue } from '../issues';
import { outputPortsOf } from '../ports';
import { getNodeKind } from '../registry';
import { describeEdge, describeNode, type EdgeView, type NodeView, portLabel } from './read';

export interface EdgeResult {
  issues: FlowIssue[];
  /** `portKey` of every output port some edge leaves from (even if its target is bad). */
  connectedPorts: Set<string>;
  /** Sound edges only (known source, real port, existing target with an input): for reachability. */
  successors: Map<string, string[]>;
}

export const portKey = (nodeId: string, port: string) => `${nodeId}\u0000${port}`;

type IssueExtras = Pick<FlowIssue, 'nodeId' | 'port'>;

/** Everything about edges: ids, references, ports, duplicates and ambiguous exits. */
export function edgeIssues(edges: readonly EdgeView[], byId: ReadonlyMap<string, NodeView>): EdgeResult {
  const issues: FlowIssue[] = [];
  const connectedPorts = new Set<string>();
  const successors = new Map<string, string[]>();
  const seenIds = new Set<string>();
  /** Per source port (`portKey`): the targets its edges lead to so far, to find exact duplicates. */
  const seenTargets = new Map<string, string | Set<string>>();
  /**
   * Per output port: the first edge to each distinct target, to find ports leading to several
   * nodes. Most ports have one edge: a map per port only once a second target appears.
   */
  const targetsByPort = new Map<string, EdgeView | Map<string, EdgeView>>();

  const report = (
    edge: EdgeView,
    code: FlowIssue['code'],
    message: string,
    path: (string | number)[],
    extras: IssueExtras = {},
  ): void => {
    issues.push({ severity: 'error', code, message, ...(edge.id !== undefined && { edgeId: edge.id }), path, ...extras });
  };

  // Each message names its edge itself (describeEdge): only problems need the name.
  for (const edge of edges) {
    const at = ['edges', edge.index];

    if (edge.id !== undefined) {
      if (seenIds.has(edge.id)) {
        const message = `${describeEdge(edge)} reuses the id "${edge.id}" of an earlier edge; edge ids must be unique.`;
        report(edge, 'edge.duplicate_id', message, [...at, 'id']);
      }
      seenIds.add(edge.id);
    }

    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source) {
      const message = `${describeEdge(edge)} starts at node "${edge.source}", which does not exist.`;
      report(edge, 'edge.dangling_source', message, [...at, 'source']);
    }
    if (!target) {
      const message = `${describeEdge(edge)} leads to node "${edge.target}", which does not exist.`;
      report(edge, 'edge.dangling_target', message, [...at, 'target']);
    }

    // Port and input checks need the kind; nodes of unknown kind already have a schema issue.
    let portIsValid = false;
    if (source?.kind) {
      const outputs = outputPortsOf(source.kind, source.config);
      portIsValid = outputs.some((o) => o.id === edge.sourcePort);
      if (!portIsValid) {
        const known = outputs.length
          ? `its outputs are ${outputs.map((o) => `"${o.id}"`).join(', ')}`
          : 'it has no outputs';
        const message = `${describeEdge(edge)} leaves ${describeNode(source)} from port "${edge.sourcePort}", but ${known}.`;
        report(edge, 'edge.unknown_port', message, [...at, 'sourcePort'], { nodeId: source.id, port: edge.sourcePort });
      }
    }
    const targetHasInput = target?.kind ? getNodeKind(target.kind).ports.input : undefined;
    if (target && targetHasInput === false) {
      const message = `${describeEdge(edge)} leads into ${describeNode(target)}, which has no input: nothing can lead into it.`;
      report(edge, 'edge.into_start', message, [...at, 'target'], { nodeId: target.id });
    }

    // source.id is edge.source: one key per edge serves the duplicate check and the port's records.
    const key = portKey(edge.source, edge.sourcePort);
    const seen = seenTargets.get(key);
    if (seen === edge.target || (seen instanceof Set && seen.has(edge.target))) {
      const message = `${describeEdge(edge)} duplicates an earlier edge with the same source, port and target.`;
      report(edge, 'edge.duplicate', message, at, { nodeId: edge.source, port: edge.sourcePort });
      continue; // An exact duplicate adds no new target, so it says nothing about port.multiple.
    }
    if (seen === undefined) seenTargets.set(key, edge.target);
    else if (typeof seen === 'string') seenTargets.set(key, new Set([seen, edge.target]));
    else seen.add(edge.target);

    if (!source || !portIsValid) continue;
    connectedPorts.add(key);
    const targets = targetsByPort.get(key);
    if (targets === undefined) targetsByPort.set(key, edge);
    else if (targets instanceof Map) targets.set(edge.target, edge);
    else if (targets.target !== edge.target) targetsByPort.set(key, new Map([[targets.target, targets], [edge.target, edge]]));
    if (target && targetHasInput) {
      const next = successors.get(source.id);
      if (next) next.push(target.id);
      else successors.set(source.id, [target.id]);
    }
  }

  // A port is one exit: the interpreter must know the single next step. Flag every extra edge.
  for (const targets of targetsByPort.values()) {
    if (!(targets instanceof Map)) continue;
    const all = [...targets.values()];
    const source = byId.get(all[0]!.source)!;
    const names = all.map((e) => `"${e.target}"`).join(', ');
    for (const edge of all.slice(1)) {
      const message =
        `Output ${portLabel(source, edge.sourcePort)} of ${describeNode(source)} leads to ` +
        `${all.length} nodes (${names}); an output must lead to exactly one node.`;
      report(edge, 'port.multiple', message, ['edges', edge.index], { nodeId: source.id, port: edge.sourcePort });
    }
  }

  return { issues, connectedPorts, successors };
}
