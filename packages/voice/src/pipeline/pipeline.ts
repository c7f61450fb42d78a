/**
 * The per-stream voice pipeline: PCM16 at the client's rate in, enhanced 16 kHz PCM16 and VAD
 * events out, with quality metrics per turn.
 *
 *   input ─ level/clipping ─ high-pass ─┬─ [48 kHz input] RNNoise@48k ─ resample→16k ─┬─ VAD ─ AGC ─ out
 *                                       └─ resample→16k ─ RNNoise (@16k, or 16→48→16) ┘
 *
 * The recognizer gets its own tap (`PushResult.recognition`): by default the 16 kHz stream
 * before the suppressor, levelled by the AGC's gain — Whisper transcribes noisy speech better
 * than RNNoise's output (bench/voice/recognition-input.ts).
 *
 * Measurements (SNR before the suppressor, after it, before the AGC) are labelled by the VAD.
 * Models are shared per process (see vad/silero.ts, suppress/rnnoise.ts); everything here is
 * per stream. Calls to push() are serialised, so a caller may fire them without awaiting.
 */
import { z } from "zod";
import { clientCapabilitiesSchema, SUPPORTED_SAMPLE_RATES, type AudioQuality, type ClientCapabilities } from "../protocol";
import { AudioFormatError } from "../format/errors";
import { Resampler, toFloat, toInt16 } from "../format/resample";
import { applyGainRamp, AutomaticGainControl, type AgcOptions } from "../dsp/agc";
import { ClippingDetector } from "../dsp/clipping";
import { HighPassFilter } from "../dsp/highpass";
import { LevelMeter } from "../dsp/level";
import { SnrEstimator } from "../dsp/snr";
import { LatencyStats } from "../dsp/stats";
import { NoiseSuppressor, RNNOISE_SAMPLE_RATE } from "../suppress/rnnoise";
import { VadSegmenter, vadOptions, type VadEvent, type VadOptions } from "../vad/segmenter";
import { SileroVadStream, VAD_SAMPLE_RATE, VAD_WINDOW } from "../vad/silero";
import { planPipeline, type Conditions, type PipelinePlan, type StageName, type SuppressMode } from "./adaptive";

export const OUTPUT_SAMPLE_RATE = 16_000;
/** Re-plan from the measured SNR at most this often (ms of audio). */
const REPLAN_EVERY_MS = 2000;
/** SNR and AGC work on 10 ms frames. */
const FRAME_MS = 10;
/** VAD windows remembered for labelling frames that lag behind (suppressor and resampler delays). */
const LABELS_KEPT = 32;

interface FramePower {
  /** Stream position of the frame start, in 16 kHz samples. */
  at16k: number;
  power: number;
}

/** Mean square of each whole 10 ms frame of x, which starts at stream sample `start` (at `rate`). */
function framePowers(x: Float32Array, rate: number, start: number): FramePower[] {
  const frame = (rate * FRAME_MS) / 1000;
  const out: FramePower[] = [];
  for (let i = 0; i + frame <= x.length; i += frame) {
    let sum = 0;
    for (let j = i; j < i + frame; j++) sum += x[j]! * x[j]!;
    out.push({ at16k: ((start + i) * OUTPUT_SAMPLE_RATE) / rate, power: sum / frame });
  }
  return out;
}

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

export const pipelineOptionsSchema = z.object({
  inputSampleRate: z.union(SUPPORTED_SAMPLE_RATES.map((r) => z.literal(r)) as [z.ZodLiteral<8000>, z.ZodLiteral<16000>, z.ZodLiteral<24000>, z.ZodLiteral<48000>]),
  capabilities: clientCapabilitiesSchema.partial().optional(),
  vad: z
    .object({
      threshold: z.number().min(0).max(1),
      negativeThreshold: z.number().min(0).max(1),
      minSpeechMs: z.number().min(0).max(60_000),
      hangoverMs: z.number().min(0).max(60_000),
      preRollMs: z.number().min(0).max(60_000),
    })
    .partial()
    .optional(),
  agc: z
    .object({ targetDbfs: z.number().min(-60).max(0), maxGainDb: z.number().min(0).max(60), minGainDb: z.number().min(-60).max(0) })
    .partial()
    .optional(),
  recognitionInput: z.enum(["suppressed", "unsuppressed"]).optional(),
  suppress: z.enum(["off", "rnnoise-48k", "rnnoise-16k"]).optional(),
});

export interface PipelineOptions {
  inputSampleRate: number;
  capabilities?: Partial<ClientCapabilities>;
  vad?: Partial<VadOptions>;
  agc?: Partial<AgcOptions>;
  /** What `push().recognition` carries; default "unsuppressed" (see PushResult.recognition). */
  recognitionInput?: "suppressed" | "unsuppressed";
  /** Fixes the suppressor mode instead of letting the plan choose it: for benches and A/B measurements. */
  suppress?: SuppressMode;
}

export async function createVoicePipeline(options: PipelineOptions): Promise<VoicePipeline> {
  const parsed = pipelineOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new AudioFormatError("unsupported", `bad pipeline options: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const o = parsed.data;
  const caps: ClientCapabilities = clientCapabilitiesSchema.parse({ ...o.capabilities, sampleRate: o.inputSampleRate });
  const vad = await SileroVadStream.create();
  // Created even when the first plan has it off: the plan may turn it on later.
  const suppressor = await NoiseSuppressor.create();
  return new StreamPipeline(caps, vadOptions(o.vad), o.agc ?? {}, vad, suppressor, o.recognitionInput ?? "unsuppressed", o.suppress);
}

class StreamPipeline implements VoicePipeline {
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
  /** Raw speech flag (p ≥ threshold) of the latest VAD window. */
  private speechNow = false;
  /** VAD window index → raw speech flag, for the last LABELS_KEPT windows. */
  private readonly labels = new Map<number, boolean>();
  private inSamples = 0;
  private lastReplanMs = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  // Turn metrics.
  private readonly level = new LevelMeter();
  private readonly clipping = new ClippingDetector();
  private readonly snrBefore = new SnrEstimator();
  private readonly snrAfter = new SnrEstimator();
  private readonly latency = new Map<StageName | "total", LatencyStats>();
  private turnInputSamples = 0;
  private turnProcessingMs = 0;
  private turnWindows = 0;
  private turnSpeechWindows = 0;

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

  private time<T>(stage: StageName | "total", fn: () => T): T {
    const t0 = performance.now();
    const result = fn();
    this.stat(stage).add(performance.now() - t0);
    return result;
  }

  private stat(stage: StageName | "total"): LatencyStats {
    let s = this.latency.get(stage);
    if (!s) this.latency.set(stage, (s = new LatencyStats()));
    return s;
  }

  private async process(samples: Int16Array): Promise<PushResult> {
    const t0 = performance.now();
    if (this.nextPlan && !this.segmenter.inSpeech) this.applyPlan(this.nextPlan);
    this.level.add(samples);
    this.clipping.add(samples);
    this.turnInputSamples += samples.length;
    const rate = this.caps.sampleRate;
    const inStart = this.inSamples;
    this.inSamples += samples.length;

    let x = this.time("highpass", () => this.highpass.process(toFloat(samples)));
    const highpassed = x;
    let before: FramePower[];
    /** The 16 kHz stream before the suppressor (the recognizer's, when it wants it unsuppressed). */
    let unsuppressed: Float32Array;
    if (this.plan.suppress === "rnnoise-48k" && rate === RNNOISE_SAMPLE_RATE) {
      before = framePowers(x, rate, inStart);
      x = this.time("suppress", () => this.suppressor.process(x));
      if (this.toOutput) x = this.time("resample", () => this.toOutput!.process(x));
      unsuppressed = x;
    } else {
      if (this.toOutput) x = this.time("resample", () => this.toOutput!.process(x));
      before = framePowers(x, OUTPUT_SAMPLE_RATE, this.outSamples);
      unsuppressed = x;
      if (this.plan.suppress === "rnnoise-48k") {
        x = this.time("suppress", () => this.down48to16.process(this.suppressor.process(this.up16to48.process(x))));
      } else if (this.plan.suppress === "rnnoise-16k") {
        x = this.time("suppress", () => this.suppressor.process(x));
      }
    }
    if (this.recognitionToOutput) unsuppressed = this.time("resample", () => this.recognitionToOutput!.process(highpassed));
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
      this.labels.set(w.startSample / VAD_WINDOW, speech);
      this.speechNow = speech;
      this.turnWindows++;
      if (speech) this.turnSpeechWindows++;
      events.push(...this.segmenter.push(w.p, startMs, endMs));
    }
    this.stat("vad").add(performance.now() - t1);

    for (const f of before) this.snrBefore.add(f.power, this.isSpeechAt(f.at16k));
    for (const f of framePowers(out, OUTPUT_SAMPLE_RATE, outStart)) this.snrAfter.add(f.power, this.isSpeechAt(f.at16k));
    const gainBeforeDb = this.agc.currentGainDb;
    this.time("agc", () => {
      const frame = (OUTPUT_SAMPLE_RATE * FRAME_MS) / 1000;
      for (let i = 0; i < out.length; i += frame) this.agc.processFrame(out.subarray(i, Math.min(out.length, i + frame)), this.isSpeechAt(outStart + i));
    });
    // The recognizer's stream gets the gain the AGC learnt on this push (never learns itself:
    // the level of speech is the same, and learning on noise is what the AGC avoids).
    let recognition: Int16Array | undefined;
    if (this.recognitionInput === "unsuppressed" && this.plan.suppress !== "off") {
      applyGainRamp(unsuppressed, gainBeforeDb, this.agc.currentGainDb);
      recognition = toInt16(unsuppressed);
    }
    this.pruneLabels();
    this.maybeReplan();
    const elapsed = performance.now() - t0;
    this.stat("total").add(elapsed);
    this.turnProcessingMs += elapsed;
    const audio = toInt16(out);
    return { audio, recognition: recognition ?? audio, events };
  }

  /** The VAD's raw decision for the window holding a 16 kHz stream position; the latest one past the end. */
  private isSpeechAt(at16k: number): boolean {
    return this.labels.get(Math.floor(at16k / VAD_WINDOW)) ?? this.speechNow;
  }

  private pruneLabels(): void {
    const oldest = Math.floor(this.outSamples / VAD_WINDOW) - LABELS_KEPT;
    for (const k of this.labels.keys()) if (k < oldest) this.labels.delete(k);
  }

  private maybeReplan(): void {
    const nowMs = (this.outSamples / OUTPUT_SAMPLE_RATE) * 1000;
    if (nowMs - this.lastReplanMs < REPLAN_EVERY_MS) return;
    this.lastReplanMs = nowMs;
    this.conditions.snrDb = this.snrBefore.snrDb;
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
    const durationMs = (this.turnInputSamples / this.caps.sampleRate) * 1000;
    const stageLatencyMs: Record<string, { p50: number; p99: number }> = {};
    for (const [stage, stats] of this.latency) stageLatencyMs[stage] = stats.summary();
    return {
      levelDbfs: this.level.dbfs,
      snrBeforeDb: this.snrBefore.snrDb,
      snrAfterDb: this.plan.suppress === "off" ? this.snrBefore.snrDb : this.snrAfter.snrDb,
      speechRatio: this.turnWindows === 0 ? 0 : this.turnSpeechWindows / this.turnWindows,
      clippingRatio: this.clipping.report().ratio,
      stageLatencyMs,
      rtf: durationMs === 0 ? 0 : this.turnProcessingMs / durationMs,
      stages: this.stages,
      durationMs,
      gainDb: this.agc.currentGainDb,
      reasons: [...this.plan.reasons],
    };
  }

  resetTurn(): void {
    this.level.reset();
    this.clipping.reset();
    this.snrBefore.reset();
    this.snrAfter.reset();
    for (const s of this.latency.values()) s.reset();
    this.turnInputSamples = 0;
    this.turnProcessingMs = 0;
    this.turnWindows = 0;
    this.turnSpeechWindows = 0;
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
