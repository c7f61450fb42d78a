import type { NodeConfig, NodeKind } from '@parley/flow';
import type { NodeProps } from '@xyflow/react';
import type { StepNode } from '@/lib/graph';

/**
 * A node's config on the canvas: its kind's fields by name (a field renamed in the kind's schema
 * is a compile error in its view), each value unknown until the flow validates, since a draft
 * being edited may hold anything there. Views read values with `str` and `num` (viewParts).
 */
export type DraftConfig<K extends NodeKind> = { readonly [Field in keyof NodeConfig<K>]?: unknown };

/** What a kind's view receives: React Flow's node props, with the config typed by its kind. */
export type KindViewProps<K extends NodeKind> = Omit<NodeProps<StepNode>, 'data'> & {
  data: { label?: string; config: DraftConfig<K> };
};
