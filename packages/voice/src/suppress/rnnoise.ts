/**
 * RNNoise (Xiph, BSD) noise suppression, WebAssembly build from `@jitsi/rnnoise-wasm` (Apache-2.0,
 * RNNoise 0.2 with the wasm inlined, so nothing is fetched). RNNoise is trained on 48 kHz audio
 * in 10 ms frames of 480 samples; `NoiseSuppressor` buffers to that size. The wasm module is
 * instantiated once per process (per worker thread) and holds one denoise state per stream.
 */
// Packages that import @parley/voice compile this file without its tsconfig: name the declaration.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../types/rnnoise-wasm.d.ts" />
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type createRnnoiseModuleType from "@jitsi/rnnoise-wasm/dist/rnnoise-sync.js";
import type { RnnoiseModule } from "@jitsi/rnnoise-wasm/dist/rnnoise-sync.js";

export const RNNOISE_SAMPLE_RATE = 48_000;
export const RNNOISE_FRAME = 480;

let wasm: Promise<RnnoiseModule> | undefined;

/**
 * The glue is an ES module in a package without `"type": "module"`: imported by path, Node
 * re-parses it and prints a MODULE_TYPELESS_PACKAGE_JSON warning in every process that uses
 * the pipeline. Imported from its source as a data: URL it is plainly ESM. Safe because this
 * build needs nothing from its location (the wasm is inlined, no require, no fetch).
 */
async function importGlue(): Promise<typeof createRnnoiseModuleType> {
  const path = createRequire(import.meta.url).resolve("@jitsi/rnnoise-wasm/dist/rnnoise-sync.js");
  const source = readFileSync(path, "utf8");
  const mod = (await import(`data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`)) as { default: typeof createRnnoiseModuleType };
  return mod.default;
}

export function loadRnnoise(): Promise<RnnoiseModule> {
  wasm ??= (async () => (await importGlue())().ready)().catch((err: unknown) => {
    wasm = undefined;
    throw err;
  });
  return wasm;
}

/**
 * Streaming suppressor over float samples on the 16-bit scale, in frames of 480. Output lags
 * input by up to one frame (what is not yet a full frame waits for the next call).
 */
export class NoiseSuppressor {
  private readonly state: number;
  private readonly buf: number;
  private pending = new Float32Array(0);
  private closed = false;
  /** RNNoise's own voice probability of the last frame (cheap by-product, exposed for diagnostics). */
  lastVoiceProbability = 0;

  private constructor(private readonly m: RnnoiseModule) {
    this.state = m._rnnoise_create(0);
    this.buf = m._malloc(RNNOISE_FRAME * 4);
    if (!this.state || !this.buf) throw new Error("RNNoise: out of wasm memory");
  }

  static async create(): Promise<NoiseSuppressor> {
    return new NoiseSuppressor(await loadRnnoise());
  }

  process(x: Float32Array): Float32Array {
    if (this.closed) throw new Error("NoiseSuppressor used after close()");
    const all = new Float32Array(this.pending.length + x.length);
    all.set(this.pending);
    all.set(x, this.pending.length);
    const frames = Math.floor(all.length / RNNOISE_FRAME);
    const out = new Float32Array(frames * RNNOISE_FRAME);
    const offset = this.buf >> 2;
    for (let f = 0; f < frames; f++) {
      // HEAPF32 is re-read every frame: the view is replaced if wasm memory ever grows.
      const heap = this.m.HEAPF32;
      heap.set(all.subarray(f * RNNOISE_FRAME, (f + 1) * RNNOISE_FRAME), offset);
      this.lastVoiceProbability = this.m._rnnoise_process_frame(this.state, this.buf, this.buf);
      out.set(this.m.HEAPF32.subarray(offset, offset + RNNOISE_FRAME), f * RNNOISE_FRAME);
    }
    this.pending = all.slice(frames * RNNOISE_FRAME);
    return out;
  }

  /** Drops the buffered partial frame (≤ one frame): the audio before a bypass must not reappear after it. */
  dropPending(): number {
    const dropped = this.pending.length;
    this.pending = new Float32Array(0);
    return dropped;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.m._rnnoise_destroy(this.state);
    this.m._free(this.buf);
  }
}
