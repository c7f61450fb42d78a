import type { NodeRun } from "./contracts";

/**
 * Records each node execution (start, finish, outcome) so analytics and the canvas can show a
 * conversation's path. Like the transcript, it remembers what has not been persisted yet.
 */
export class NodeRunLog {
  private unsaved = new Map<string, NodeRun>();
  /** Unsaved runs not yet handed to a caller that stores them (handed-turns.ts). */
  private unhanded = new Map<string, NodeRun>();

  constructor(
    private readonly conversationId: string,
    private count = 0,
  ) {}

  get runCount(): number {
    return this.count;
  }

  start(nodeId: string, kind: string): NodeRun {
    const run: NodeRun = {
      id: `${this.conversationId}-n${++this.count}`,
      nodeId,
      kind,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      outcome: null,
      error: null,
    };
    this.unsaved.set(run.id, run);
    this.unhanded.set(run.id, run);
    return run;
  }

  finish(run: NodeRun, outcome: string, error: string | null = null): void {
    run.finishedAt = new Date().toISOString();
    run.outcome = outcome;
    run.error = error;
    this.unsaved.set(run.id, run);
    this.unhanded.set(run.id, run);
  }

  takeUnsaved(): NodeRun[] {
    const batch = [...this.unsaved.values()].map((run) => ({ ...run }));
    this.unsaved.clear();
    this.unhanded.clear();
    return batch;
  }

  get unsavedIds(): string[] {
    return [...this.unsaved.keys()];
  }

  get unhandedCount(): number {
    return this.unhanded.size;
  }

  /** Runs started or finished since the last hand-over or save; they stay unsaved. */
  takeUnhanded(): NodeRun[] {
    const batch = [...this.unhanded.values()].map((run) => ({ ...run }));
    this.unhanded.clear();
    return batch;
  }

  restoreUnsaved(batch: NodeRun[]): void {
    for (const run of batch) if (!this.unsaved.has(run.id)) this.unsaved.set(run.id, run);
  }
}
