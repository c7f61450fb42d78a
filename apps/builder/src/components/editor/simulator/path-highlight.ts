/** A step of a test conversation as the simulator reads it (simulator.trace). */
export interface TracedStep {
  nodeId: string;
  /** The output port taken, `end:<status>`, `error`, or null while the step runs (or waits). */
  outcome: string | null;
}

export interface LitPath {
  /** Steps of the canvas the conversation has passed through. */
  visited: ReadonlySet<string>;
  /** Connections it has followed (by edge id). */
  followed: ReadonlySet<string>;
  /** The step running or waiting now (null once the conversation has ended). */
  current: string | null;
}

/**
 * What to light up on the canvas: every step run so far, every connection taken (a step's
 * outcome is the port it left by, and the next step run is where that port leads) and the step
 * in progress. Steps of a subflow (`caller/step`) belong to another flow and are left out.
 */
export function litPath(steps: readonly TracedStep[], edges: readonly { id: string; source: string; sourceHandle?: string | null; target: string }[]): LitPath {
  const own = steps.filter((step) => !step.nodeId.includes('/'));
  const visited = new Set(own.map((step) => step.nodeId));
  const followed = new Set<string>();
  for (let i = 0; i < own.length - 1; i++) {
    const { nodeId, outcome } = own[i]!;
    const next = own[i + 1]!.nodeId;
    const edge = edges.find((candidate) => candidate.source === nodeId && candidate.sourceHandle === outcome && candidate.target === next);
    if (edge) followed.add(edge.id);
  }
  const last = own.at(-1);
  return { visited, followed, current: last && last.outcome === null ? last.nodeId : null };
}
