import type { FlowGraph } from './graph';
import type { CompiledFlow } from './compiled-flow';
import type { FlowIssue } from './issues';
import { outputPortsOf } from './ports';
import { validateFlow } from './validate';

export { nextNodeId, normalizeCompiledFlow, type CompiledFlow } from './compiled-flow';

export class FlowCompileError extends Error {
  override readonly name = 'FlowCompileError';
  constructor(readonly issues: FlowIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(
      `Flow has ${errors.length} error${errors.length === 1 ? '' : 's'}: ` +
        errors.map((e) => e.message).join(' | '),
    );
  }
}

/**
 * Validates and compiles a flow. Throws FlowCompileError (with all issues) if there is any
 * error; warnings do not block. Unreachable nodes are left out, which makes the invariant above
 * hold: a running conversation can always find its next node.
 */
export function compileFlow(graph: FlowGraph): CompiledFlow {
  const validation = validateFlow(graph);
  if (!validation.ok || !validation.graph) throw new FlowCompileError(validation.issues);
  const { nodes, edges, schemaVersion } = validation.graph;

  // Validation guarantees one start, unique ids, one edge per port, and every used port wired.
  const start = nodes.find((n) => n.kind === 'start')!;
  const targets = new Map<string, string>();
  for (const edge of edges) targets.set(`${edge.source}\u0000${edge.sourcePort}`, edge.target);
  const byId = new Map(nodes.map((n) => [n.id, n]));

  const next = new Map<string, Record<string, string>>();
  const queue = [start.id];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (next.has(id)) continue;
    const node = byId.get(id)!;
    const ports: [string, string][] = [];
    for (const output of outputPortsOf(node.kind, node.config)) {
      // An exit the node's config never takes (a condition's unused "else if") may be unwired.
      const target = targets.get(`${id}\u0000${output.id}`);
      if (target === undefined) continue;
      ports.push([output.id, target]);
      queue.push(target);
    }
    next.set(id, Object.fromEntries(ports));
  }

  // Object.fromEntries defines own properties, so even an id like "__proto__" is a plain key.
  return {
    schemaVersion,
    startNodeId: start.id,
    nodes: Object.fromEntries([...next.keys()].map((id) => [id, byId.get(id)!])),
    next: Object.fromEntries(next),
  };
}
