/**
 * One stream's pipeline (see pipeline.ts for the picture): the stages in order, the plan they
 * follow (re-planned from the measured SNR and the network, switched only outside speech), and
 * push() serialised so a caller may fire pushes without awaiting.
 */
import type { ClientCapabilities } from "../protocol";
import { AudioFormatError } from "../format/errors";
import { Resampler, toFloat, toInt16 } from "../format/resample";
import { applyGainRamp, AutomaticGainControl, type AgcOptions } from "../dsp/agc";
import { HighPassFilter } from "../dsp/highpass";
import { NoiseSuppressor, RNNOISE_SAMPLE_RATE } from "../suppress/rnnoise";
import { VadSegmenter, type VadEvent, type VadOptions } from "../vad/segmenter";
import { SileroVadStream, VAD_SAMPLE_RATE, VAD_WINDOW } from "../vad/silero";
import { planPipeline, type Conditions, type PipelinePlan, type SuppressMode } from "./adaptive";
import { FRAME_MS, framePowers, type FramePower } from "./frame-power";
import { OUTPUT_SAMPLE_RATE, type PipelineMetrics, type PushResult, type VoicePipeline } from "./pipeline-types";
import { TurnMetrics } from "./turn-metrics";
import { VadLabels } from "./vad-labels";

/** Re-plan from the measured SNR at most this often (ms of audio). */
const REPLAN_EVERY_MS = 2000;

export class StreamPipeline implements VoicePipeline {
  private plan: PipelinePlan;
  private nextPlan: PipelinePlan | undefined;
  private conditions: Conditions = { snrDb: null, packetLossPct: 0, jitterMs: 0 };
  private readonly highpass: HighPassFilter;
  private readonly toOutput: Resampler | undefined;
  /**
   * 48 kHz input with unsuppressed recognition: RNNoise@48k runs before the resampler, so the
   * recognizer's stream has its own way down to 16 kHz. It runs in every mode (≈ 0.003 of a
   * core) so that stream stays continuous when the plan switches modes.
   */
  private readonly recognitionToOutput: Resampler | undefined;
  private up16to48 = new Resampler(OUTPUT_SAMPLE_RATE, RNNOISE_SAMPLE_RATE);
  private down48to16 = new Resampler(RNNOISE_SAMPLE_RATE, OUTPUT_SAMPLE_RATE);
  private readonly segmenter: VadSegmenter;
  private readonly agc: AutomaticGainControl;
  /** Samples of 16 kHz audio handed to the VAD so far (the stream clock). */
  private outSamples = 0;
  private readonly labels = new VadLabels();
  private inSamples = 0;
  private lastReplanMs = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** This turn's metrics (since resetTurn). */
  private readonly turn = new TurnMetrics();

  constructor(
    private readonly caps: ClientCapabilities,
    private readonly baseVad: VadOptions,
    agcOptions: Partial<AgcOptions>,
    private readonly vad: SileroVadStream,
    private readonly suppressor: NoiseSuppressor,
    private readonly recognitionInput: "suppressed" | "unsuppressed",
    private readonly forcedSuppress: SuppressMode | undefined,
  ) {
    this.plan = planPipeline(caps, this.conditions, baseVad, undefined, forcedSuppress);
    this.highpass = new HighPassFilter(caps.sampleRate);
    this.toOutput = caps.sampleRate === OUTPUT_SAMPLE_RATE ? undefined : new Resampler(caps.sampleRate, OUTPUT_SAMPLE_RATE);
    this.recognitionToOutput = caps.sampleRate === RNNOISE_SAMPLE_RATE && recognitionInput === "unsuppressed" ? new Resampler(caps.sampleRate, OUTPUT_SAMPLE_RATE) : undefined;
    this.segmenter = new VadSegmenter({ ...baseVad, ...this.plan.vad });
    this.agc = new AutomaticGainControl(OUTPUT_SAMPLE_RATE, agcOptions);
  }

  get stages(): string[] {
    return [...this.plan.stages];
  }

  push(samples: Int16Array): Promise<PushResult> {
    if (!(samples instanceof Int16Array)) return Promise.reject(new AudioFormatError("unsupported", "push() takes 16-bit PCM as an Int16Array"));
    return this.serialise(() => this.process(samples));
  }

  flush(): Promise<PushResult> {
    return this.serialise(async () => {
      const atMs = (this.outSamples / OUTPUT_SAMPLE_RATE) * 1000;
      return { audio: new Int16Array(0), recognition: new Int16Array(0), events: this.segmenter.flush(atMs) };
    });
  }

  private serialise<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error("the voice pipeline is closed"));
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async process(samples: Int16Array): Promise<PushResult> {
    const t0 = performance.now();
    if (this.nextPlan && !this.segmenter.inSpeech) this.applyPlan(this.nextPlan);
    this.turn.addInput(samples);
    const rate = this.caps.sampleRate;
    const inStart = this.inSamples;
    this.inSamples += samples.length;

    let x = this.turn.time("highpass", () => this.highpass.process(toFloat(samples)));
    const highpassed = x;
    let before: FramePower[];
    /** The 16 kHz stream before the suppressor (the recognizer's, when it wants it unsuppressed). */
    let unsuppressed: Float32Array;
    if (this.plan.suppress === "rnnoise-48k" && rate === RNNOISE_SAMPLE_RATE) {
      before = framePowers(x, rate, inStart);
      x = this.turn.time("suppress", () => this.suppressor.process(x));
      if (this.toOutput) x = this.turn.time("resample", () => this.toOutput!.process(x));
      unsuppressed = x;
    } else {
      if (this.toOutput) x = this.turn.time("resample", () => this.toOutput!.process(x));
      before = framePowers(x, OUTPUT_SAMPLE_RATE, this.outSamples);
      unsuppressed = x;
      if (this.plan.suppress === "rnnoise-48k") {
        x = this.turn.time("suppress", () => this.down48to16.process(this.suppressor.process(this.up16to48.process(x))));
      } else if (this.plan.suppress === "rnnoise-16k") {
        x = this.turn.time("suppress", () => this.suppressor.process(x));
      }
    }
    if (this.recognitionToOutput) unsuppressed = this.turn.time("resample", () => this.recognitionToOutput!.process(highpassed));
    const out = x;
    const outStart = this.outSamples;
    this.outSamples += out.length;

    const t1 = performance.now();
    const windows = await this.vad.process(out);
    const events: VadEvent[] = [];
    for (const w of windows) {
      const startMs = (w.startSample / VAD_SAMPLE_RATE) * 1000;
      const endMs = ((w.startSample + VAD_WINDOW) / VAD_SAMPLE_RATE) * 1000;
      const speech = w.p >= this.segmenter.options.threshold;
      this.labels.set(w.startSample, speech);
      this.turn.addWindow(speech);
      events.push(...this.segmenter.push(w.p, startMs, endMs));
    }
    this.turn.stat("vad").add(performance.now() - t1);

    for (const f of before) this.turn.snrBefore.add(f.power, this.labels.isSpeechAt(f.at16k));
    for (const f of framePowers(out, OUTPUT_SAMPLE_RATE, outStart)) this.turn.snrAfter.add(f.power, this.labels.isSpeechAt(f.at16k));
    const gainBeforeDb = this.agc.currentGainDb;
    this.turn.time("agc", () => {
      const frame = (OUTPUT_SAMPLE_RATE * FRAME_MS) / 1000;
      for (let i = 0; i < out.length; i += frame) this.agc.processFrame(out.subarray(i, Math.min(out.length, i + frame)), this.labels.isSpeechAt(outStart + i));
    });
    // The recognizer's stream gets the gain the AGC learnt on this push (never learns itself:
    // the level of speech is the same, and learning on noise is what the AGC avoids).
    let recognition: Int16Array | undefined;
    if (this.recognitionInput === "unsuppressed" && this.plan.suppress !== "off") {
      applyGainRamp(unsuppressed, gainBeforeDb, this.agc.currentGainDb);
      recognition = toInt16(unsuppressed);
    }
    this.labels.prune(this.outSamples);
    this.maybeReplan();
    const elapsed = performance.now() - t0;
    this.turn.addProcessing(elapsed);
    const audio = toInt16(out);
    return { audio, recognition: recognition ?? audio, events };
  }

  private maybeReplan(): void {
    const nowMs = (this.outSamples / OUTPUT_SAMPLE_RATE) * 1000;
    if (nowMs - this.lastReplanMs < REPLAN_EVERY_MS) return;
    this.lastReplanMs = nowMs;
    this.conditions.snrDb = this.turn.snrBefore.snrDb;
    this.replan();
  }

  private replan(): void {
    const plan = planPipeline(this.caps, this.conditions, this.baseVad, this.plan, this.forcedSuppress);
    const changed = plan.suppress !== this.plan.suppress || plan.vad.hangoverMs !== this.plan.vad.hangoverMs;
    this.nextPlan = changed ? plan : undefined;
    if (!changed) this.plan.reasons = plan.reasons;
  }

  private applyPlan(plan: PipelinePlan): void {
    if (plan.suppress !== this.plan.suppress) {
      // Plans change only outside speech, so what this drops (≤ one 480-sample frame) is
      // non-speech; stale filter state would otherwise replay old audio after a bypass.
      this.suppressor.dropPending();
      this.up16to48 = new Resampler(OUTPUT_SAMPLE_RATE, RNNOISE_SAMPLE_RATE);
      this.down48to16 = new Resampler(RNNOISE_SAMPLE_RATE, OUTPUT_SAMPLE_RATE);
    }
    this.plan = plan;
    this.nextPlan = undefined;
    this.segmenter.options = { ...this.segmenter.options, ...plan.vad };
  }

  metrics(): PipelineMetrics {
    return this.turn.report(this.caps.sampleRate, {
      suppressOff: this.plan.suppress === "off",
      stages: this.stages,
      gainDb: this.agc.currentGainDb,
      reasons: [...this.plan.reasons],
    });
  }

  resetTurn(): void {
    this.turn.reset();
  }

  updateConditions(conditions: { packetLossPct?: number; jitterMs?: number }): void {
    const loss = conditions.packetLossPct;
    const jitter = conditions.jitterMs;
    if (loss !== undefined && Number.isFinite(loss)) this.conditions.packetLossPct = Math.max(0, Math.min(100, loss));
    if (jitter !== undefined && Number.isFinite(jitter)) this.conditions.jitterMs = Math.max(0, Math.min(10_000, jitter));
    this.replan();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    this.suppressor.close();
  }
}
