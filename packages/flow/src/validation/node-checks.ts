import type { z } from 'zod';
import { configFields } from '../fields';
import type { FlowIssue } from '../issues';
import { getNodeKind, type NodeKind } from '../registry';
import { describeNode, type NodeView } from './read';
import { formatPath, toJsonPath } from './schema-issues';

/** Duplicate ids: every later node reusing an id is an error (edges could not tell them apart). */
export function duplicateNodeIssues(nodes: readonly NodeView[]): FlowIssue[] {
  return nodes
    .filter((node) => node.duplicate)
    .map((node) => ({
      severity: 'error',
      code: 'node.duplicate_id',
      message:
        `${describeNode(node)} (node #${node.index + 1}) reuses the id "${node.id}" of an earlier ` +
        'node; node ids must be unique.',
      nodeId: node.id,
      path: ['nodes', node.index, 'id'],
    }));
}

/** Exactly one start: the workflow needs one unambiguous entry point. */
export function startIssues(nodes: readonly NodeView[]): FlowIssue[] {
  const starts = nodes.filter((node) => node.kind === 'start');
  if (starts.length === 0) {
    return [
      {
        severity: 'error',
        code: 'start.missing',
        message: 'The flow has no Start node; add one so conversations know where to begin.',
        path: ['nodes'],
      },
    ];
  }
  const first = starts[0]!;
  return starts.slice(1).map((node) => ({
    severity: 'error',
    code: 'start.multiple',
    message: `${describeNode(node)} is a second Start node (the first is "${first.id}"); a flow has exactly one.`,
    nodeId: node.id,
    path: ['nodes', node.index],
  }));
}

export interface ConfigResult {
  issues: FlowIssue[];
  /** Parsed configs (defaults applied) by node index, for nodes whose config is valid. */
  parsed: Map<number, Record<string, unknown>>;
}

/** Each node's config against its kind's schema, one issue per wrong field. */
export function configIssues(nodes: readonly NodeView[]): ConfigResult {
  const issues: FlowIssue[] = [];
  const parsed = new Map<number, Record<string, unknown>>();
  for (const node of nodes) {
    if (!node.kind) continue;
    const result = getNodeKind(node.kind).config.safeParse(node.config);
    if (result.success) {
      parsed.set(node.index, result.data);
      continue;
    }
    for (const zodIssue of result.error.issues) issues.push(...toConfigIssues(node, node.kind, zodIssue));
  }
  return { issues, parsed };
}

function toConfigIssues(node: NodeView, kind: NodeKind, zodIssue: z.core.$ZodIssue): FlowIssue[] {
  const base = ['nodes', node.index, 'config'] as (string | number)[];
  const subject = describeNode(node);
  const issue = (path: (string | number)[], message: string): FlowIssue => {
    const field = typeof path[0] === 'string' ? path[0] : undefined;
    return {
      severity: 'error',
      code: 'config.invalid',
      message,
      nodeId: node.id,
      path: [...base, ...path],
      ...(field !== undefined && { field }),
    };
  };

  // Strict configs: name each stray key so the editor can point at it.
  if (zodIssue.code === 'unrecognized_keys') {
    const at = toJsonPath(zodIssue.path);
    return zodIssue.keys.map((key) =>
      issue([...at, key], `${subject} has an unknown setting "${formatPath([...at, key])}".`),
    );
  }
  const path = toJsonPath(zodIssue.path);
  if (path.length === 0) {
    return [issue([], `${subject}: config — ${zodIssue.message}`)];
  }
  const title = configFields(kind).find((f) => f.name === path[0])?.meta.title ?? String(path[0]);
  const suffix = path.length > 1 ? ` (${formatPath(path)})` : '';
  return [issue(path, `${subject}: ${title}${suffix} — ${zodIssue.message}`)];
}
