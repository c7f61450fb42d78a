import { configFields } from '../fields';
import type { FlowIssue } from '../issues';
import { SECRET_NAME_PATTERN, secretReferences } from '../integrations/secrets';
import { describeNode, type NodeView } from './read';
import type { NodeKind } from '../registry';

/**
 * `{{secrets.NAME}}` is filled in only by the activities of fields marked `secrets: true` (the
 * HTTP request node's URL, headers and body). Anywhere else — a message, a question, a variable —
 * it would either show the reference to the customer or tempt someone to think the value is
 * safe there, so it is an error; so is a name no secret can have.
 */
export function secretIssues(nodes: readonly NodeView[]): FlowIssue[] {
  const issues: FlowIssue[] = [];
  for (const node of nodes) {
    if (!node.kind || typeof node.config !== 'object' || node.config === null) continue;
    const allowed = secretFields(node.kind);
    for (const [field, value] of Object.entries(node.config as Record<string, unknown>)) {
      if (typeof value !== 'string') continue;
      for (const name of secretReferences(value)) {
        const path = ['nodes', node.index, 'config', field];
        if (!allowed.has(field)) {
          issues.push({
            severity: 'error',
            code: 'secret.not_allowed',
            message: `${describeNode(node)} uses {{secrets.${name}}} in ${field}; secrets can only be used in an HTTP request's URL, headers and body.`,
            nodeId: node.id,
            path,
            field,
          });
        } else if (!SECRET_NAME_PATTERN.test(name)) {
          issues.push({
            severity: 'error',
            code: 'secret.invalid_name',
            message: `${describeNode(node)} uses {{secrets.${name}}}; a secret's name is upper case letters, digits and _ (e.g. API_TOKEN).`,
            nodeId: node.id,
            path,
            field,
          });
        }
      }
    }
  }
  return issues;
}

/** The fields of a kind that may hold secrets: read once per kind. */
const secretFieldsByKind = new Map<NodeKind, ReadonlySet<string>>();
function secretFields(kind: NodeKind): ReadonlySet<string> {
  let fields = secretFieldsByKind.get(kind);
  if (!fields) {
    fields = new Set(configFields(kind).filter((field) => field.meta.secrets === true).map((field) => field.name));
    secretFieldsByKind.set(kind, fields);
  }
  return fields;
}
