import { checkExpression, type ExpressionIssue } from '../expressions';
import type { FlowIssue } from '../issues';
import type { ValidationContext } from './context';
import { parseAssignments } from '../kinds/assignments';
import { describeNode, type NodeView } from './read';
import { fieldsWhere, storedVariables, stringField } from './stored-variables';
import type { VariableType } from '../expressions';
import type { NodeKind } from '../registry';

/**
 * Checks expression fields (conditions, assignments) against the variables the flow stores.
 * A variable that no step, start variable or built-in sets is an error, not a warning: it always
 * reads as null, so a condition over it can never be true and must not be published. A type
 * error that will happen whenever the expression runs is an error too. Syntax errors are
 * already config errors.
 */
export function expressionIssues(
  nodes: readonly NodeView[],
  context: ValidationContext = {},
  stored: ReadonlyMap<string, VariableType> = storedVariables(nodes, context.customActivities),
): FlowIssue[] {
  const known = Object.fromEntries(stored);
  const issues: FlowIssue[] = [];
  const report = (node: NodeView, field: string, found: ExpressionIssue[], where = '') => {
    for (const issue of found) {
      if (issue.code === 'syntax') continue;
      issues.push({
        severity: 'error',
        code: issue.code === 'unknown_variable' ? 'expression.unknown_variable' : 'expression.type',
        message: `${describeNode(node)}${where}: ${issue.message}`,
        nodeId: node.id,
        path: ['nodes', node.index, 'config', field],
        field,
      });
    }
  };
  for (const node of nodes) {
    if (!node.kind) continue;
    const fields = expressionFields(node.kind);
    for (const field of fields.expressions) {
      const source = stringField(node.config, field);
      if (!source?.trim()) continue;
      const expect = fields.boolean.includes(field) ? 'boolean' : undefined;
      report(node, field, checkExpression(source, known, expect ? { expect } : {}));
    }
    for (const field of fields.assignments) {
      const parsed = parseAssignments(stringField(node.config, field) ?? '');
      if (!parsed.ok) continue;
      for (const assignment of parsed.assignments) {
        report(node, field, checkExpression(assignment.source, known), `, line ${assignment.line}`);
      }
    }
  }
  return issues;
}

/** A kind's expression fields (those that must give true/false among them) and assignment fields: read once per kind. */
const fieldsByKind = new Map<NodeKind, { expressions: string[]; boolean: string[]; assignments: string[] }>();
function expressionFields(kind: NodeKind): { expressions: string[]; boolean: string[]; assignments: string[] } {
  let fields = fieldsByKind.get(kind);
  if (!fields) {
    fields = {
      expressions: fieldsWhere(kind, (f) => f.meta.expression !== undefined),
      boolean: fieldsWhere(kind, (f) => f.meta.expression === 'boolean'),
      assignments: fieldsWhere(kind, (f) => f.meta.assignments === true),
    };
    fieldsByKind.set(kind, fields);
  }
  return fields;
}
