/**
 * The caller's frames on their way into the pipeline. The pipeline may fall behind (a busy CPU)
 * while the caller keeps sending in real time, so the queue is bounded: stale audio is useless,
 * the oldest frame goes first. A push-to-talk release travels through the same queue so that the
 * turn ends after the audio sent before it, and it is never dropped.
 */
import type { GatewayCounters } from "./counters";
import type { VoiceLimits } from "./limits";

/** Marks a push-to-talk release in the frame queue. */
export const RELEASE = Symbol("ptt-release");
export type QueuedInput = Int16Array | typeof RELEASE;

export class InputQueue {
  private readonly items: QueuedInput[] = [];
  private rateWindowStart = 0;
  private rateWindowFrames = 0;

  constructor(
    private readonly limits: Pick<VoiceLimits, "inputQueueFrames" | "maxFramesPerSecond">,
    private readonly counters: GatewayCounters,
  ) {}

  /** Counts a frame against the per-second limit; false (counted) when the caller sends too fast. */
  withinRate(): boolean {
    const now = performance.now();
    if (now - this.rateWindowStart >= 1000) {
      this.rateWindowStart = now;
      this.rateWindowFrames = 0;
    }
    if (++this.rateWindowFrames > this.limits.maxFramesPerSecond) {
      this.counters.framesOverRate++;
      return false;
    }
    return true;
  }

  push(item: QueuedInput): void {
    if (this.items.length >= this.limits.inputQueueFrames) {
      const oldestFrame = this.items.findIndex((queued) => queued !== RELEASE);
      if (oldestFrame >= 0) this.items.splice(oldestFrame, 1);
      this.counters.framesDropped++;
    }
    this.items.push(item);
  }

  shift(): QueuedInput | undefined {
    return this.items.shift();
  }

  /** Muting drops the audio still queued, but not a push-to-talk release. */
  dropAudio(): void {
    this.items.splice(0, this.items.length, ...this.items.filter((queued) => queued === RELEASE));
  }

  clear(): void {
    this.items.length = 0;
  }
}
