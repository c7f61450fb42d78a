import type { z } from 'zod';
import type { FlowIssue } from '../issues';
import { describeNode, type GraphView } from './read';

/** Zod paths may contain symbols in theory; a JSON path cannot. */
export function toJsonPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

/** `position.x`, `[2].target`: a path suffix written the way a developer would read it. */
export function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join('');
}

/**
 * Turns the graph-level zod issues into `schema` issues that name the node or edge they are in.
 * Issues inside the config of a node of a known kind are left out: the kind's own schema checks
 * that config and reports it as `config.invalid` against the precise field.
 */
export function schemaIssues(error: z.ZodError, view: GraphView, raw: unknown): FlowIssue[] {
  const issues: FlowIssue[] = [];
  for (const zodIssue of error.issues) {
    const path = toJsonPath(zodIssue.path);
    const [section, index, ...rest] = path;
    const issue: FlowIssue = { severity: 'error', code: 'schema', message: '', path };

    if (path.length === 0 && zodIssue.code === 'invalid_type') {
      issue.message = `A flow must be an object with schemaVersion, nodes and edges; got ${typeName(raw)}.`;
    } else if (section === 'nodes' && typeof index === 'number') {
      const node = view.nodes?.find((n) => n.index === index);
      if (node?.kind && rest[0] === 'config') continue;
      if (node) issue.nodeId = node.id;
      const subject = node ? describeNode(node) : `Node #${index + 1}`;
      issue.message = `${subject}: ${rest.length ? `${formatPath(rest)} — ` : ''}${zodIssue.message}`;
    } else if (section === 'edges' && typeof index === 'number') {
      // Read the id from the raw edge: an edge broken enough to be here may not be in the view.
      const id = rawEdgeId(raw, index);
      if (id !== undefined) issue.edgeId = id;
      const subject = id !== undefined ? `Edge "${id}"` : `Edge #${index + 1}`;
      issue.message = `${subject}: ${rest.length ? `${formatPath(rest)} — ` : ''}${zodIssue.message}`;
    } else if (section === 'notes' && typeof index === 'number') {
      issue.message = `Note #${index + 1}: ${rest.length ? `${formatPath(rest)} — ` : ''}${zodIssue.message}`;
    } else {
      issue.message = `${path.length ? formatPath(path) : 'Flow'}: ${zodIssue.message}`;
    }
    issues.push(issue);
  }
  return issues;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function rawEdgeId(raw: unknown, index: number): string | undefined {
  const edges = (raw as { edges?: unknown } | null)?.edges;
  const edge: unknown = Array.isArray(edges) ? edges[index] : undefined;
  const id = typeof edge === 'object' && edge !== null ? (edge as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
