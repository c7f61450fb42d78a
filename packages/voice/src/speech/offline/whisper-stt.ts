import { SpeechProviderError, type RecognitionOptions, type RecognitionSession, type SpeechToText, type Transcript } from "../types";
import { WhisperPool, type WhisperPoolOptions, type WhisperPoolStats } from "./whisper-pool";
import { ENGINE_NAME } from "./whisper-process";

export interface WhisperSpeechToTextOptions extends WhisperPoolOptions {
  /** A partial result after every this much new audio. Default 1000 ms; 0 turns partials off. */
  partialIntervalMs?: number;
  /** Beam width of the final decode (partials are greedy). Default 1: see README for the trade. */
  beamSize?: number;
}

const SAMPLE_RATE = 16_000;

/**
 * Offline recognition with Whisper tiny.en on a small pool of helper processes, so several
 * callers' final decodes run side by side. Whisper is not a streaming model: partials come from
 * re-decoding the utterance so far, at most one per session and only on an idle helper, so they
 * never queue ahead of a final result.
 */
export class WhisperSpeechToText implements SpeechToText {
  readonly name = ENGINE_NAME;
  private readonly pool: WhisperPool;

  constructor(private readonly options: WhisperSpeechToTextOptions = {}) {
    this.pool = new WhisperPool(options);
  }

  /** Starts every helper of the pool now instead of on first need. */
  warmUp(): Promise<void> {
    return this.pool.warmUp();
  }

  /** Helpers, what each is doing and has done: for metrics and tests. */
  poolStats(): WhisperPoolStats {
    return this.pool.stats();
  }

  async start(options: RecognitionOptions = {}): Promise<RecognitionSession> {
    if (options.language && !/^en(-|$)/i.test(options.language)) {
      throw new SpeechProviderError("bad-request", `the offline recognizer speaks English only, not ${options.language}`, { engine: ENGINE_NAME });
    }
    await this.pool.ready();
    return new WhisperSession(this.pool, {
      partialEverySamples: Math.round(((this.options.partialIntervalMs ?? 1000) * SAMPLE_RATE) / 1000),
      beamSize: this.options.beamSize ?? 1,
      // Whisper takes hot words as a prompt that biases decoding towards their spelling.
      hotwords: (options.phrases ?? []).map((p) => p.trim()).filter(Boolean).join(", "),
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

class WhisperSession implements RecognitionSession {
  private readonly chunks: Int16Array[] = [];
  private length = 0;
  private decodedForPartialAt = 0;
  private partialInFlight = false;
  private lastPartial = "";
  private readonly partialListeners: Array<(text: string) => void> = [];
  private state: "open" | "finishing" | "closed" = "open";

  constructor(
    private readonly pool: WhisperPool,
    private readonly settings: { partialEverySamples: number; beamSize: number; hotwords: string },
  ) {}

  write(samples: Int16Array): void {
    if (!(samples instanceof Int16Array)) throw new TypeError("write() takes 16 kHz mono PCM16 as an Int16Array");
    if (this.state !== "open") throw new Error("write() after finish() or close()");
    if (samples.length === 0) return;
    this.chunks.push(samples.slice()); // the caller may reuse its buffer
    this.length += samples.length;
    this.maybePartial();
  }

  onPartial(listener: (text: string) => void): void {
    this.partialListeners.push(listener);
  }

  async finish(): Promise<Transcript> {
    if (this.state !== "open") throw new Error("finish() called twice or after close()");
    this.state = "finishing";
    const result = await this.pool.decodeFinal({
      samples: this.audio(),
      words: true,
      hotwords: this.settings.hotwords,
      beamSize: this.settings.beamSize,
    });
    this.state = "closed";
    return { text: result.text, confidence: clamp01(result.confidence), words: result.words, engine: ENGINE_NAME };
  }

  close(): void {
    this.state = "closed";
    this.chunks.length = 0;
  }

  private maybePartial(): void {
    const { partialEverySamples } = this.settings;
    if (partialEverySamples <= 0 || this.partialListeners.length === 0) return;
    if (this.partialInFlight) return;
    if (this.length - this.decodedForPartialAt < partialEverySamples) return;
    const decoding = this.pool.decodePartial(() => ({ samples: this.audio(), words: false, hotwords: this.settings.hotwords }));
    if (!decoding) return; // every helper is busy: skip this preview, try again on the next write
    this.partialInFlight = true;
    this.decodedForPartialAt = this.length;
    decoding
      .then((result) => {
        // A partial that lands before the final does is still news: keep it. After it, drop it.
        if (this.state === "closed" || !result.text || result.text === this.lastPartial) return;
        this.lastPartial = result.text;
        for (const listener of this.partialListeners) listener(result.text);
      })
      .catch(() => {
        // A failed partial is only a missed preview; finish() reports real failures.
      })
      .finally(() => {
        this.partialInFlight = false;
      });
  }

  private audio(): Int16Array {
    if (this.chunks.length !== 1) {
      const all = new Int16Array(this.length);
      let offset = 0;
      for (const chunk of this.chunks) {
        all.set(chunk, offset);
        offset += chunk.length;
      }
      this.chunks.splice(0, this.chunks.length, all);
    }
    return this.chunks[0] ?? new Int16Array(0);
  }
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
