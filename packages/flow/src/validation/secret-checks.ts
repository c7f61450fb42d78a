import { configFields } from '../fields';
import type { FlowIssue } from '../issues';
import { SECRET_NAME_PATTERN, secretReferences } from '../integrations/secrets';
import { describeNode, type NodeView } from './read';

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
    const allowed = new Set(configFields(node.kind).filter((field) => field.meta.secrets === true).map((field) => field.name));
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
