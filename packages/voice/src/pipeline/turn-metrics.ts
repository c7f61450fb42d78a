/**
 * The quality and cost figures of one turn (since the last reset): input level and clipping,
 * SNR before and after the suppressor, speech ratio, per-stage latency and the real-time factor.
 */
import { ClippingDetector } from "../dsp/clipping";
import { LevelMeter } from "../dsp/level";
import { SnrEstimator } from "../dsp/snr";
import { LatencyStats } from "../dsp/stats";
import type { StageName } from "./adaptive";
import type { PipelineMetrics } from "./pipeline-types";

type Stage = StageName | "total";

export class TurnMetrics {
  readonly snrBefore = new SnrEstimator();
  readonly snrAfter = new SnrEstimator();
  private readonly level = new LevelMeter();
  private readonly clipping = new ClippingDetector();
  private readonly latency = new Map<Stage, LatencyStats>();
  private inputSamples = 0;
  private processingMs = 0;
  private windows = 0;
  private speechWindows = 0;

  /** Input as it arrives, before any stage: level and clipping. */
  addInput(samples: Int16Array): void {
    this.level.add(samples);
    this.clipping.add(samples);
    this.inputSamples += samples.length;
  }

  /** One VAD window's raw decision, for the speech ratio. */
  addWindow(speech: boolean): void {
    this.windows++;
    if (speech) this.speechWindows++;
  }

  /** The whole of one push's processing time. */
  addProcessing(ms: number): void {
    this.stat("total").add(ms);
    this.processingMs += ms;
  }

  /** Runs one stage and records how long it took. */
  time<T>(stage: Stage, fn: () => T): T {
    const t0 = performance.now();
    const result = fn();
    this.stat(stage).add(performance.now() - t0);
    return result;
  }

  stat(stage: Stage): LatencyStats {
    let s = this.latency.get(stage);
    if (!s) this.latency.set(stage, (s = new LatencyStats()));
    return s;
  }

  /** The turn's metrics; `pipeline` says what the stages are now (a suppressor that is off has no "after"). */
  report(inputSampleRate: number, pipeline: { suppressOff: boolean; stages: string[]; gainDb: number; reasons: string[] }): PipelineMetrics {
    const durationMs = (this.inputSamples / inputSampleRate) * 1000;
    const stageLatencyMs: Record<string, { p50: number; p99: number }> = {};
    for (const [stage, stats] of this.latency) stageLatencyMs[stage] = stats.summary();
    return {
      levelDbfs: this.level.dbfs,
      snrBeforeDb: this.snrBefore.snrDb,
      snrAfterDb: pipeline.suppressOff ? this.snrBefore.snrDb : this.snrAfter.snrDb,
      speechRatio: this.windows === 0 ? 0 : this.speechWindows / this.windows,
      clippingRatio: this.clipping.report().ratio,
      stageLatencyMs,
      rtf: durationMs === 0 ? 0 : this.processingMs / durationMs,
      stages: pipeline.stages,
      durationMs,
      gainDb: pipeline.gainDb,
      reasons: pipeline.reasons,
    };
  }

  reset(): void {
    this.level.reset();
    this.clipping.reset();
    this.snrBefore.reset();
    this.snrAfter.reset();
    for (const s of this.latency.values()) s.reset();
    this.inputSamples = 0;
    this.processingMs = 0;
    this.windows = 0;
    this.speechWindows = 0;
  }
}
