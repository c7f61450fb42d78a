import { checkExpression, type ExpressionIssue } from '../expressions';
import type { FlowIssue } from '../issues';
import type { ValidationContext } from './context';
import { parseAssignments } from '../kinds/assignments';
import { describeNode, type NodeView } from './read';
import { fieldsWhere, storedVariables, stringField } from './stored-variables';

/**
 * Checks expression fields (conditions, assignments) against the variables the flow stores.
 * A variable that no step, start variable or built-in sets is an error, not a warning: it always
 * reads as null, so a condition over it can never be true and must not be published. A type
 * error that will happen whenever the expression runs is an error too. Syntax errors are
 * already config errors.
 */
export function expressionIssues(nodes: readonly NodeView[], context: ValidationContext = {}): FlowIssue[] {
  const known = Object.fromEntries(storedVariables(nodes, context.customActivities));
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
    for (const field of fieldsWhere(node.kind, (f) => f.meta.expression !== undefined)) {
      const source = stringField(node.config, field);
      if (!source?.trim()) continue;
      const expect = fieldsWhere(node.kind, (f) => f.meta.expression === 'boolean').includes(field) ? 'boolean' : undefined;
      report(node, field, checkExpression(source, known, expect ? { expect } : {}));
    }
    for (const field of fieldsWhere(node.kind, (f) => f.meta.assignments === true)) {
      const parsed = parseAssignments(stringField(node.config, field) ?? '');
      if (!parsed.ok) continue;
      for (const assignment of parsed.assignments) {
        report(node, field, checkExpression(assignment.source, known), `, line ${assignment.line}`);
      }
    }
  }
  return issues;
}
