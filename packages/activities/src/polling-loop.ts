/**
 * A worker process's background pass on a timer (the webhook and channel dispatchers, the orphan
 * reconciler): one pass at a time; the next one at once when a pass says there is more (it
 * filled its batch), else after `pollMs`. A failed pass is logged and tried again after
 * `pollMs`: the database or Temporal is away, and the rows stay as they are for the next pass.
 */
export class PollingLoop {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    /** How a failure is logged, e.g. "[webhooks] dispatching". */
    private readonly what: string,
    /** One pass; true when there is more to do right away. */
    private readonly pass: () => Promise<boolean>,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the timer; resolves when a pass in flight has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running.catch(() => {});
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.pass().then(
        (more) => this.schedule(more ? 0 : this.pollMs),
        (err: unknown) => {
          console.error(`${this.what} failed:`, err);
          this.schedule(this.pollMs);
        },
      );
    }, delay);
  }
}
