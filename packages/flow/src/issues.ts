import type { FlowGraph } from './graph';

/**
 * What validation reports. Issues are data, not exceptions, so the builder can list them all,
 * pin each one on the canvas (nodeId / edgeId) and in the property panel (path / field).
 */
export type FlowIssueCode =
  /** Structure of the graph (wrong types, missing fields, unknown kind, limits). */
  | 'schema'
  /** schemaVersion is from a newer Parley or not a whole number; nothing else is checked. */
  | 'schema.version'
  | 'node.duplicate_id'
  /** A sticky note reuses the id of another note or of a step (the canvas tells them apart by id). */
  | 'note.duplicate_id'
  /** A node's config does not match its kind's schema (`field` names the setting). */
  | 'config.invalid'
  | 'start.missing'
  | 'start.multiple'
  | 'edge.duplicate_id'
  | 'edge.dangling_source'
  | 'edge.dangling_target'
  /** The edge leaves from a port its source kind does not have. */
  | 'edge.unknown_port'
  /** The edge enters a node without an input (such as start). */
  | 'edge.into_start'
  /** Same source, port and target as an earlier edge. */
  | 'edge.duplicate'
  /** One output port leads to more than one node; the next step would be ambiguous. */
  | 'port.multiple'
  /** An output port of a reachable node leads nowhere; the conversation would get stuck. */
  | 'port.unconnected'
  /** Warning: no path from start reaches the node. */
  | 'node.unreachable'
  /** A loop reachable from start in which no node waits (it would run forever). */
  | 'flow.busy_cycle'
  /** Warning: a template uses {{name}} but no node in the flow stores a variable `name`. */
  | 'template.unknown_variable'
  /** Warning: an expression reads a variable no node stores (it would read as null). */
  | 'expression.unknown_variable'
  /** An expression that fails its type check whenever it runs (e.g. text > number, a non-boolean condition). */
  | 'expression.type'
  /** A custom activity node names an activity the worker does not register (needs the catalog). */
  | 'custom_activity.unknown'
  /** A custom activity node maps an input or output field the activity does not have. */
  | 'custom_activity.unknown_field'
  /** A custom activity node leaves out a required input field. */
  | 'custom_activity.missing_field'
  /** A subflow node runs the flow it is part of. */
  | 'subflow.self'
  /** A subflow node names a flow that does not exist in the workspace or has no published version. */
  | 'subflow.unknown_flow'
  /** A handoff names a team the workspace does not have (needs the workspace's teams). */
  | 'handoff.unknown_team'
  /** A handoff requires a skill the workspace does not have (needs the workspace's skills). */
  | 'handoff.unknown_skill'
  /** `{{secrets.NAME}}` in a field that is not sent by an activity (it would reach the customer or history). */
  | 'secret.not_allowed'
  /** `{{secrets.NAME}}` with a name that no secret can have. */
  | 'secret.invalid_name';

export type FlowIssueSeverity = 'error' | 'warning';

export interface FlowIssue {
  severity: FlowIssueSeverity;
  code: FlowIssueCode;
  /** For people: precise, names the node by kind and label or id. */
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** JSON path into the (migrated) graph, e.g. ['nodes', 3, 'config', 'text']. */
  path: (string | number)[];
  /** The config field concerned, for config and template issues. */
  field?: string;
  /** The output port concerned, for port issues. */
  port?: string;
}

export interface FlowValidation {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  /**
   * The parsed, migrated graph (configs normalized by their kind schemas where they parse);
   * present whenever the graph's shape is readable, even if it has semantic errors.
   */
  graph?: FlowGraph;
  /** Every problem found, errors first. */
  issues: FlowIssue[];
}
