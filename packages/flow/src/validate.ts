import { type FlowGraph, flowGraphSchema } from './graph';
import type { FlowIssue, FlowValidation } from './issues';
import { FlowMigrationError, migrateFlow } from './migrate';
import { edgeIssues } from './validation/edge-checks';
import { configIssues, duplicateNodeIssues, startIssues } from './validation/node-checks';
import { readGraph } from './validation/read';
import { reachabilityIssues } from './validation/reachability';
import { busyCycleIssues } from './validation/busy-cycles';
import { schemaIssues } from './validation/schema-issues';
import { templateIssues } from './validation/template-checks';
import { expressionIssues } from './validation/expression-checks';
import { integrationIssues } from './validation/integration-checks';
import { secretIssues } from './validation/secret-checks';
import type { ValidationContext } from './validation/context';
import { storedVariables } from './validation/stored-variables';
import { withParseMemo } from './expressions';
import { noteIdIssues } from './notes';
import { handoffIssues } from './validation/handoff-checks';

/**
 * Checks a stored or edited flow and reports every problem at once (the builder lists them all
 * and marks them on the canvas). Accepts anything — JSON from the database, a request body, the
 * builder's state — migrates it to the current schema version first, and never throws.
 * `context` adds the checks that need to know the world outside the graph (custom activities,
 * other flows); see validation/context.ts.
 */
export function validateFlow(input: unknown, context: ValidationContext = {}): FlowValidation {
  return withParseMemo(() => checkFlow(input, context));
}

function checkFlow(input: unknown, context: ValidationContext): FlowValidation {
  let raw: unknown;
  try {
    raw = migrateFlow(input);
  } catch (err) {
    if (!(err instanceof FlowMigrationError)) throw err;
    // Nodes of an unknown version may mean something else entirely: checking them would only
    // produce misleading noise, so the version is the one thing reported.
    return {
      ok: false,
      issues: [{ severity: 'error', code: 'schema.version', message: err.message, path: ['schemaVersion'] }],
    };
  }

  const parsed = flowGraphSchema.safeParse(raw);
  const view = readGraph(raw);
  const issues: FlowIssue[] = parsed.success ? [] : schemaIssues(parsed.error, view, raw);

  // Semantic checks run on whatever part of the graph is readable, even if the shape is off.
  let configs = new Map<number, Record<string, unknown>>();
  if (view.nodes) {
    issues.push(...duplicateNodeIssues(view.nodes));
    const config = configIssues(view.nodes);
    configs = config.parsed;
    issues.push(...config.issues);
    issues.push(...startIssues(view.nodes));
  }
  // Each config is parsed once (above); the checks below read the result, and the variables the
  // flow stores are worked out once for the three checks that need them.
  const parsedConfigOf = (node: { index: number }) => configs.get(node.index);
  if (view.nodes && view.edges) {
    const edges = edgeIssues(view.edges, view.byId);
    issues.push(...edges.issues);
    issues.push(...reachabilityIssues(view.nodes, edges.successors, edges.connectedPorts, parsedConfigOf));
    issues.push(...busyCycleIssues(view.nodes, edges.successors));
  }
  if (view.nodes) {
    const stored = storedVariables(view.nodes, context.customActivities, parsedConfigOf);
    issues.push(...templateIssues(view.nodes, stored), ...expressionIssues(view.nodes, context, stored));
    issues.push(...integrationIssues(view.nodes, context, stored), ...secretIssues(view.nodes), ...handoffIssues(view.nodes, context));
  }
  // Notes are checked for their shape (above) and ids only: no step check ever sees them.
  issues.push(...noteIdIssues((raw as { notes?: unknown } | null)?.notes, new Set(view.byId.keys())));

  // Stable sort: errors first, each group in the order found (nodes before edges).
  issues.sort((a, b) => rank(a) - rank(b));
  const ok = parsed.success && !issues.some((issue) => issue.severity === 'error');
  // A graph whose shape parses comes back even with semantic errors: drafts are saved while
  // being worked on, and only `ok` graphs may be published or compiled.
  if (!parsed.success) return { ok: false, issues };

  // Hand back configs as their kinds parsed them (defaults applied), so consumers can trust them.
  const graph: FlowGraph = {
    ...parsed.data,
    nodes: parsed.data.nodes.map((node, index) => ({ ...node, config: configs.get(index) ?? node.config })),
  };
  return { ok, graph, issues };
}

const rank = (issue: FlowIssue) => (issue.severity === 'error' ? 0 : 1);
