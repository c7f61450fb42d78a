import { checkExpression, type ExpressionIssue, type VariableType } from '../expressions';
import type { FlowIssue, FlowIssueCode } from '../issues';
import { parseCustomActivityInput, parseOutputMapping } from '../kinds/custom-activity';
import { parseSubflowInputs } from '../kinds/subflow';
import type { ValidationContext } from './context';
import { describeNode, type NodeView } from './read';
import { storedVariables, stringField } from './stored-variables';

/**
 * Checks of the integration kinds: expressions in input mappings (against the flow's variables,
 * and against the activity's field types when the catalog is known), custom activity names and
 * fields, and the flow a subflow calls. Syntax errors are config errors already.
 */
export function integrationIssues(
  nodes: readonly NodeView[],
  context: ValidationContext,
  stored: ReadonlyMap<string, VariableType> = storedVariables(nodes, context.customActivities),
): FlowIssue[] {
  // Only custom activities and subflows have expressions here: most flows need no lookup table.
  let knownTable: Record<string, VariableType> | undefined;
  const known = () => (knownTable ??= Object.fromEntries(stored));
  const issues: FlowIssue[] = [];
  const add = (node: NodeView, field: string, code: FlowIssueCode, message: string) =>
    issues.push({ severity: 'error', code, message: `${describeNode(node)}: ${message}`, nodeId: node.id, path: ['nodes', node.index, 'config', field], field });
  const expressions = (node: NodeView, field: string, lines: { variable: string; source: string; line: number }[], types: Map<string, VariableType>) => {
    for (const line of lines) {
      const expect = types.get(line.variable);
      const found: ExpressionIssue[] = checkExpression(line.source, known(), expect && expect !== 'unknown' ? { expect } : {});
      for (const issue of found) {
        if (issue.code === 'syntax') continue;
        // An unknown variable is an error as in conditions (expression-checks.ts): it is always null.
        add(node, field, issue.code === 'unknown_variable' ? 'expression.unknown_variable' : 'expression.type', `line ${line.line}: ${issue.message}`);
      }
    }
  };

  for (const node of nodes) {
    if (node.kind === 'custom_activity') {
      const name = stringField(node.config, 'activity')?.trim() ?? '';
      const input = parseCustomActivityInput(stringField(node.config, 'input') ?? '');
      const output = parseOutputMapping(stringField(node.config, 'output') ?? '');
      const activity = context.customActivities?.find((candidate) => candidate.name === name);
      if (context.customActivities && name && !activity) {
        const names = context.customActivities.map((candidate) => candidate.name).join(', ') || 'none';
        add(node, 'activity', 'custom_activity.unknown', `no custom activity is registered as "${name}" (registered: ${names})`);
      }
      const inputTypes = new Map(activity?.input.map((field) => [field.name, field.type]) ?? []);
      if (input.ok) expressions(node, 'input', input.assignments, inputTypes);
      if (!activity) continue;
      if (input.ok) {
        for (const line of [...input.assignments.map((a) => ({ field: a.variable, line: a.line })), ...input.secrets]) {
          if (!inputTypes.has(line.field)) {
            add(node, 'input', 'custom_activity.unknown_field', `line ${line.line}: ${name} has no input field "${line.field}" (fields: ${fieldList(activity.input)})`);
          }
        }
        const given = new Set([...input.assignments.map((line) => line.variable), ...input.secrets.map((line) => line.field)]);
        for (const field of activity.input) {
          if (field.required && !given.has(field.name)) add(node, 'input', 'custom_activity.missing_field', `${name} needs the input field "${field.name}"`);
        }
      }
      if (output.ok) {
        for (const line of output.mappings) {
          if (!activity.output.some((field) => field.name === line.source)) {
            add(node, 'output', 'custom_activity.unknown_field', `line ${line.line}: ${name} has no output field "${line.source}" (fields: ${fieldList(activity.output)})`);
          }
        }
      }
    }

    if (node.kind === 'subflow') {
      const inputs = parseSubflowInputs(stringField(node.config, 'inputs') ?? '');
      if (inputs.ok) expressions(node, 'inputs', inputs.assignments, new Map());
      const raw = isRecord(node.config) && Object.hasOwn(node.config, 'flowId') ? node.config.flowId : '';
      if (typeof raw !== 'string') continue; // a config error already
      const flowId = raw.trim();
      if (!flowId) {
        add(node, 'flowId', 'config.invalid', 'Flow — choose the flow to run');
      } else if (context.flowId !== undefined && flowId === context.flowId) {
        add(node, 'flowId', 'subflow.self', 'a flow cannot run itself as a subflow (it would never end)');
      } else if (context.flows) {
        const target = context.flows.find((flow) => flow.id === flowId);
        if (!target) add(node, 'flowId', 'subflow.unknown_flow', `there is no flow with the id "${flowId}" in this workspace`);
        else if (!target.published) add(node, 'flowId', 'subflow.unknown_flow', `the flow "${target.name}" has no published version yet; publish it first`);
      }
    }
  }
  return issues;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const fieldList = (fields: readonly { name: string }[]) => fields.map((field) => field.name).join(', ') || 'none';
