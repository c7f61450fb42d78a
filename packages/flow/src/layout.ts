import type { TypedNode } from './graph';
import type { OutputPort } from './node-kind';
import { type NodeConfig, type NodeKind, type OutputPortId, nodeKinds } from './registry';

/**
 * A new node of `kind` with the kind's default config, for the builder's palette (drop a kind
 * on the canvas) and for tests. The defaults are parsed, which also deep-copies them, so nodes
 * never share a config object.
 */
export function createNode<K extends NodeKind>(kind: K, id: string, position: { x: number; y: number }): TypedNode<K> {
  const definition = nodeKinds[kind];
  const config = definition.config.parse(definition.defaults) as NodeConfig<K>;
  return { id, kind, position: { x: position.x, y: position.y }, config } as TypedNode<K>;
}

/** The output ports of a kind (handles on the canvas), with literal port ids. */
export function kindOutputs<K extends NodeKind>(kind: K): readonly OutputPort<OutputPortId<K>>[] {
  return nodeKinds[kind].ports.outputs as readonly OutputPort<OutputPortId<K>>[];
}
