import type { AnyNodeKind, OutputPort } from './node-kind';
import { getNodeKind, type NodeKind } from './registry';

/**
 * The output ports of a node: what compile, validation and the builder's handles all read, so a
 * kind with config-dependent exits (`outputsFor`, e.g. one per intent) behaves the same
 * everywhere. Static kinds return `ports.outputs` unchanged.
 *
 * The config may be a draft that does not parse (the builder shows nodes while they are being
 * edited). Then each field that parses on its own keeps its value and the others take the kind's
 * defaults, so a router whose threshold is out of range still shows its intents' handles, and
 * edges to them are not reported as leaving from unknown ports on top of the config error.
 */
export function outputPortsOf(kind: NodeKind, config: unknown): readonly OutputPort[] {
  const definition = getNodeKind(kind);
  if (!definition.outputsFor) return definition.ports.outputs;
  return definition.outputsFor(lenientConfig(definition, config));
}

/**
 * The ids of the exits a node's config can take (`usedPorts`), or null when every exit can be
 * taken or the config does not parse (then nobody can tell which are unused).
 */
export function usedPortIdsOf(kind: NodeKind, config: unknown): ReadonlySet<string> | null {
  const definition = getNodeKind(kind);
  if (!definition.usedPorts) return null;
  const parsed = definition.config.safeParse(config);
  return parsed.success ? new Set(definition.usedPorts(parsed.data)) : null;
}

/** The label of one of a node's ports, or undefined if the node has no such port. */
export function outputPortLabel(kind: NodeKind, config: unknown, port: string): string | undefined {
  return outputPortsOf(kind, config).find((output) => output.id === port)?.label;
}

function lenientConfig(definition: AnyNodeKind, config: unknown): Record<string, unknown> {
  const parsed = definition.config.safeParse(config);
  if (parsed.success) return parsed.data;
  const raw = typeof config === 'object' && config !== null && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
  const defaults = definition.defaults as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(definition.config.shape)) {
    const field = Object.hasOwn(raw, name) ? schema.safeParse(raw[name]) : null;
    result[name] = field?.success ? field.data : defaults[name];
  }
  return result;
}
