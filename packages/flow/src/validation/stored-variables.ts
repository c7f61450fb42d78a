import { configFields } from '../fields';
import type { VariableType } from '../expressions';
import { parseAssignments } from '../kinds/assignments';
import { getNodeKind, type NodeKind } from '../registry';
import { BUILT_IN_VARIABLES, VARIABLE_NAME_PATTERN } from '../variables';
import { parseOutputMapping } from '../integrations/node-mappings';
import type { CustomActivityDescriptor } from './context';
import { readGraph, type NodeView } from './read';

/** A string config value, if the (unvalidated) config has one under `field`. */
export function stringField(config: unknown, field: string): string | undefined {
  if (typeof config !== 'object' || config === null || !Object.hasOwn(config, field)) return undefined;
  const value = (config as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A node's config as its kind parsed it (defaults applied), or undefined when it does not parse.
 * One validation parses each config once (configIssues) and every check reads the result: a
 * condition's schema parses its expression, so parsing again per check was most of the time a
 * 10,000-node flow took.
 */
export type ParsedConfigOf = (node: NodeView) => Record<string, unknown> | undefined;

/** Parses on every call: for callers outside a validation (the builder's variable pickers). */
export const parseConfigOf: ParsedConfigOf = (node) => {
  if (!node.kind) return undefined;
  const parsed = getNodeKind(node.kind).config.safeParse(node.config);
  return parsed.success ? parsed.data : undefined;
};

/** Field names of a kind whose meta passes `test`. */
export function fieldsWhere(kind: NodeKind, test: (f: ReturnType<typeof configFields>[number]) => boolean): string[] {
  return configFields(kind).filter(test).map((f) => f.name);
}

/**
 * Every variable some node of the flow stores, with its type when known: answers (`variable`
 * widgets, typed by their meta) and set-variable assignments. A name stored with two types is
 * `unknown`. Template and expression checks both read this. The runtime's built-in variables
 * (`last_message`) always exist. With the custom activity catalog, what a custom activity's
 * output mapping stores has the type of its output field.
 */
export function storedVariables(
  nodes: readonly NodeView[],
  customActivities?: readonly CustomActivityDescriptor[],
  parsedConfigOf: ParsedConfigOf = parseConfigOf,
): Map<string, VariableType> {
  const stored = new Map<string, VariableType>();
  const add = (name: string, type: VariableType) => {
    const previous = stored.get(name);
    stored.set(name, previous === undefined || previous === type ? type : 'unknown');
  };
  for (const [name, type] of Object.entries(BUILT_IN_VARIABLES)) add(name, type);
  for (const node of nodes) {
    if (!node.kind) continue;
    // Read the config with its kind's defaults (a CSAT node stores `csat` unless told otherwise).
    const kind = getNodeKind(node.kind);
    const data = parsedConfigOf(node);
    const parsed = data === undefined ? { success: false as const } : { success: true as const, data };
    const config = parsed.success ? parsed.data : node.config;
    // Config-dependent types (an ask for a number stores a number) need a config that parses.
    const types = parsed.success && kind.variableTypes ? kind.variableTypes(parsed.data) : {};
    for (const field of storingFields(node.kind)) {
      const value = stringField(config, field.name);
      if (value === undefined) continue;
      if (field.meta.widget === 'variable' && VARIABLE_NAME_PATTERN.test(value)) {
        add(value, types[field.name] ?? field.meta.variableType ?? 'unknown');
      }
      if (field.meta.assignments) {
        const parsed = parseAssignments(value);
        if (parsed.ok) for (const assignment of parsed.assignments) add(assignment.variable, 'unknown');
      }
    }
    // Mapping lines (HTTP response, custom activity and subflow outputs) name what they store.
    const outputTypes = parsed.success && node.kind === 'custom_activity' ? activityOutputTypes(parsed.data, customActivities) : undefined;
    if (parsed.success && kind.storedVariables) for (const name of kind.storedVariables(parsed.data)) add(name, outputTypes?.get(name) ?? 'unknown');
  }
  return stored;
}

/** A kind's fields that store variables (`variable` widgets, assignments): read once per kind. */
const storingFieldsByKind = new Map<NodeKind, ReturnType<typeof configFields>>();
function storingFields(kind: NodeKind): ReturnType<typeof configFields> {
  let fields = storingFieldsByKind.get(kind);
  if (!fields) {
    fields = configFields(kind).filter((field) => field.meta.widget === 'variable' || field.meta.assignments);
    storingFieldsByKind.set(kind, fields);
  }
  return fields;
}

/** For a custom activity the catalog knows: the type of each variable its output mapping stores. */
function activityOutputTypes(config: unknown, catalog: readonly CustomActivityDescriptor[] | undefined): Map<string, VariableType> | undefined {
  const activity = catalog?.find((candidate) => candidate.name === stringField(config, 'activity')?.trim());
  const output = activity ? parseOutputMapping(stringField(config, 'output') ?? '') : undefined;
  if (!activity || !output?.ok) return undefined;
  const types = new Map<string, VariableType>();
  for (const line of output.mappings) {
    const field = activity.output.find((candidate) => candidate.name === line.source);
    if (field) types.set(line.target, field.type);
  }
  return types;
}

/**
 * The variables a (possibly invalid, half-edited) graph stores, with their types: what the
 * builder's variable pickers and expression editors offer and check against, the same set
 * validation uses.
 */
export function flowVariables(graph: unknown, customActivities?: readonly CustomActivityDescriptor[]): Map<string, VariableType> {
  return storedVariables(readGraph(graph).nodes ?? [], customActivities);
}
