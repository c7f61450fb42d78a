import { nodeKinds, type NodeKind } from '@parley/flow';

/** What the search field matches a step on: its label, its kind (id or label) and its id. */
export interface SearchableStep {
  id: string;
  kind: NodeKind;
  label?: string | undefined;
}

/** The ids of the steps matching `query` (case-insensitive, any part), in canvas order. */
export function findSteps(steps: readonly SearchableStep[], query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  return steps
    .filter((step) => [step.label ?? '', step.kind, nodeKinds[step.kind].label, step.id].some((text) => text.toLowerCase().includes(needle)))
    .map((step) => step.id);
}

/** The index after `current` in a list of `count` matches, wrapping around (backwards too). */
export function cycleIndex(current: number, count: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}
