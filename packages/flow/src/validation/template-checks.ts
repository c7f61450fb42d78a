import type { FlowIssue } from '../issues';
import { templateVariables } from '../template';
import { describeNode, type NodeView } from './read';
import { fieldsWhere, storedVariables, stringField } from './stored-variables';
import type { NodeKind } from '../registry';

/**
 * Warns about `{{name}}` placeholders that nothing in the flow ever fills: usually a typo, and
 * the customer would see an empty gap. Which fields are templates and which fields store a
 * variable comes from the kinds' field meta (`template: true`, widget `variable`), so new kinds
 * take part without changes here. Only a warning: variables may also come from elsewhere later
 * (contact attributes, API), and a flow under construction may not have its ask node yet.
 */
export function templateIssues(nodes: readonly NodeView[], stored: ReadonlyMap<string, unknown> = storedVariables(nodes)): FlowIssue[] {
  const issues: FlowIssue[] = [];
  for (const node of nodes) {
    if (!node.kind) continue;
    for (const field of templateFields(node.kind)) {
      const text = stringField(node.config, field);
      if (text === undefined) continue;
      for (const name of templateVariables(text)) {
        if (stored.has(name)) continue;
        issues.push({
          severity: 'warning',
          code: 'template.unknown_variable',
          message:
            `${describeNode(node)} uses {{${name}}}, but no node in the flow stores a variable ` +
            `named "${name}"; it would render empty.`,
          nodeId: node.id,
          path: ['nodes', node.index, 'config', field],
          field,
        });
      }
    }
  }
  return issues;
}

/** A kind's template fields: read once per kind. */
const templateFieldsByKind = new Map<NodeKind, string[]>();
function templateFields(kind: NodeKind): string[] {
  let fields = templateFieldsByKind.get(kind);
  if (!fields) {
    fields = fieldsWhere(kind, (f) => f.meta.template === true);
    templateFieldsByKind.set(kind, fields);
  }
  return fields;
}
