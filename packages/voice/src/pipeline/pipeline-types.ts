/** What a voice pipeline promises its callers: its results, its metrics and its methods. */
import type { AudioQuality } from "../protocol";
import type { VadEvent } from "../vad/segmenter";

/** The pipeline's output rate: enhanced audio, the recognizer's stream and the stream clock. */
export const OUTPUT_SAMPLE_RATE = 16_000;

export interface PipelineMetrics extends AudioQuality {
  stageLatencyMs: Record<string, { p50: number; p99: number }>;
  /** Processing time / audio duration over the turn (1 core). */
  rtf: number;
  stages: string[];
  /** Audio in this turn, ms. */
  durationMs: number;
  /** Current AGC gain, dB. */
  gainDb: number;
  /** Why the current stages were chosen. */
  reasons: string[];
}

export interface PushResult {
  /** Enhanced 16 kHz mono audio: high-passed, noise-suppressed (when the plan says so), gain-controlled. What the VAD and the quality metrics hear. */
  audio: Int16Array;
  /**
   * The 16 kHz stream for the speech recognizer. With `recognitionInput: "unsuppressed"` (the
   * default) it is the same stream taken BEFORE the suppressor — high-passed, resampled, with
   * the AGC's gain applied — because Whisper recognises noisy speech better than RNNoise's
   * output (README "What the recognizer hears"); with "suppressed" it is `audio`. It runs
   * ahead of `audio` by the suppressor's buffering (≤ 30 ms at 16 kHz) and so may differ from
   * it in length push by push; over a stream the two have the same clock. Always set by
   * createVoicePipeline; optional in the type so hand-written pipelines (test doubles) need not
   * make one: consumers take `recognition ?? audio`.
   */
  recognition?: Int16Array;
  /** speech-start / speech-end, found in `audio`. */
  events: VadEvent[];
}

export interface VoicePipeline {
  readonly stages: string[];
  /** PCM16 mono at the input rate, any length; returns enhanced 16 kHz mono audio, the recognizer's stream and the VAD events. */
  push(samples: Int16Array): Promise<PushResult>;
  /**
   * Closes an open speech segment (end of stream, push-to-talk release). `audio` is empty: what
   * sits in the frame buffers (< one RNNoise frame, ≤ 30 ms) stays in the stream and comes out
   * with the next push, so the stream clock never skips.
   */
  flush(): Promise<PushResult>;
  /** Metrics since the last resetTurn(). */
  metrics(): PipelineMetrics;
  resetTurn(): void;
  updateConditions(conditions: { packetLossPct?: number; jitterMs?: number }): void;
  close(): Promise<void>;
}
