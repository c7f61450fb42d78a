/** A step of a conversation's path, as conversations.path returns it (the fields read here). */
export interface PathStepLike {
  id: string;
  nodeId: string;
  outcome: string | null;
  failed: boolean;
  error: string | null;
  startedAt: string;
  durationMs: number | null;
  /** The transcript's last seq once the step finished, where the workflow recorded it. */
  seq: number | null;
}

export interface PathMessageLike {
  id: string;
  seq: number;
  createdAt: string;
}

/** What a visited step of the canvas shows: how often it ran, for how long in all, how it last ended. */
export interface NodeFigures {
  runs: number;
  totalMs: number;
  lastOutcome: string | null;
  /** The error of its last failed run (null: none failed). */
  error: string | null;
  failed: boolean;
}

/** Figures per node of the conversation's own flow (a subflow's steps, `caller/step`, are left out). */
export function nodeFigures(steps: readonly PathStepLike[]): Map<string, NodeFigures> {
  const figures = new Map<string, NodeFigures>();
  for (const step of steps) {
    if (step.nodeId.includes('/')) continue;
    const seen = figures.get(step.nodeId) ?? { runs: 0, totalMs: 0, lastOutcome: null, error: null, failed: false };
    seen.runs += 1;
    seen.totalMs += step.durationMs ?? 0;
    seen.lastOutcome = step.outcome;
    if (step.failed) {
      seen.failed = true;
      seen.error = step.error ?? seen.error;
    }
    figures.set(step.nodeId, seen);
  }
  return figures;
}

/**
 * The timeline: each step with the messages it wrote and the answer it waited for. Where the
 * workflow recorded the transcript's seq after each step, a message belongs to the first step
 * whose seq covers it (later ones, like an agent's after the flow stopped, to the last step);
 * for older conversations, to the latest step that had started when it was written.
 */
export function timeline<S extends PathStepLike, M extends PathMessageLike>(steps: readonly S[], messages: readonly M[]): { step: S; messages: M[] }[] {
  const entries = steps.map((step) => ({ step, messages: [] as M[] }));
  if (entries.length === 0) return entries;
  const bySeq = steps.every((step) => step.seq !== null);
  for (const message of messages) {
    entries[bySeq ? ownerBySeq(steps, message) : ownerByTime(steps, message)]!.messages.push(message);
  }
  return entries;
}

function ownerBySeq(steps: readonly PathStepLike[], message: PathMessageLike): number {
  const at = steps.findIndex((step) => message.seq <= step.seq!);
  return at < 0 ? steps.length - 1 : at;
}

function ownerByTime(steps: readonly PathStepLike[], message: PathMessageLike): number {
  const at = Date.parse(message.createdAt);
  let owner = 0;
  for (let i = 0; i < steps.length; i++) if (Date.parse(steps[i]!.startedAt) <= at) owner = i;
  return owner;
}

/** "0 ms", "840 ms", "2.4 s", "3 min 5 s", "2 h 4 min": how long a step took. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return 'running';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
