/**
 * Rational polyphase resampling (up by L, low-pass, down by M) with a Kaiser-windowed sinc.
 * The pipeline's rates (8/16/24/48 kHz) are small ratios, so every output sample costs a fixed
 * ~TAPS multiply-adds: 16↔48 kHz runs at a few hundred times real time on one core.
 * `Resampler` is streaming (keeps its filter history across calls, delays by half the filter);
 * `resample` is the one-shot form that removes that delay so input and output line up.
 */
const TAPS_PER_SIDE = 16; // per max(L, M) step: 32-tap core, ~2 kHz transition at 16 kHz output
const KAISER_BETA = 8; // ≈ 80 dB stop-band attenuation
const CUTOFF = 0.9; // fraction of the lower Nyquist frequency kept

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 30; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

interface Design {
  up: number;
  down: number;
  /** phases[p][k]: tap k of phase p. */
  phases: Float32Array[];
  tapsPerPhase: number;
  /** Group delay of the filter, in up-sampled samples (a whole number). */
  centre: number;
}

const designs = new Map<string, Design>();

function design(fromRate: number, toRate: number): Design {
  const key = `${fromRate}:${toRate}`;
  const cached = designs.get(key);
  if (cached) return cached;
  const g = gcd(fromRate, toRate);
  const up = toRate / g;
  const down = fromRate / g;
  const span = Math.max(up, down);
  const tapsPerPhase = Math.ceil((2 * TAPS_PER_SIDE * span) / up);
  // An odd length puts the centre on a whole sample, so the delay can be removed exactly.
  const length = tapsPerPhase * up - ((tapsPerPhase * up) % 2 === 0 ? 1 : 0);
  const centre = (length - 1) / 2;
  const fc = (0.5 / span) * CUTOFF; // cycles per up-sampled sample
  const i0Beta = besselI0(KAISER_BETA);
  const phases = Array.from({ length: up }, () => new Float32Array(tapsPerPhase));
  for (let n = 0; n < length; n++) {
    const t = n - centre;
    const sinc = t === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * t) / (Math.PI * t);
    const r = (2 * n) / (length - 1) - 1;
    const window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
    phases[n % up]![Math.floor(n / up)] = sinc * window * up; // × up keeps unity gain after zero-stuffing
  }
  const d: Design = { up, down, phases, tapsPerPhase, centre };
  designs.set(key, d);
  return d;
}

function assertRate(rate: number, what: string): void {
  if (!Number.isInteger(rate) || rate < 1000 || rate > 384_000) throw new RangeError(`${what} sample rate ${rate} is not a whole number of Hz in 1000–384000`);
}

/** Streaming resampler over float samples (any scale). */
export class Resampler {
  private readonly d: Design;
  /** The last tapsPerPhase-1 input samples, then room for the next input. */
  private history: Float32Array;
  /** Absolute index of the next output sample. */
  private outIndex = 0;
  /** Absolute index of the first sample in `history`. */
  private base: number;
  private inCount = 0;
  /** Up-sampled offset of output 0: lets `resample` land outputs exactly on the delayed grid. */
  private readonly offset: number;
  /** Whole output samples of filter delay (given the offset). */
  readonly delay: number;

  /** `aligned`: shift the output grid so the filter delay is a whole number of output samples. */
  constructor(
    readonly fromRate: number,
    readonly toRate: number,
    aligned = false,
  ) {
    assertRate(fromRate, "input");
    assertRate(toRate, "output");
    this.d = design(fromRate, toRate);
    this.history = new Float32Array(this.d.tapsPerPhase - 1);
    this.base = -(this.d.tapsPerPhase - 1);
    this.offset = aligned ? this.d.centre % this.d.down : 0;
    this.delay = (this.d.centre - this.offset) / this.d.down;
  }

  /** Input samples the filter looks back over. */
  get filterLength(): number {
    return this.d.tapsPerPhase;
  }

  process(input: Float32Array): Float32Array {
    const { up, down, phases, tapsPerPhase } = this.d;
    const buf = new Float32Array(this.history.length + input.length);
    buf.set(this.history);
    buf.set(input, this.history.length);
    this.inCount += input.length;
    // Output n sits at up-sampled position n·down, i.e. input sample floor(n·down/up), phase the
    // rest; it can be computed once that input sample has arrived.
    const count = Math.max(0, Math.ceil((this.inCount * up - this.offset) / down) - this.outIndex);
    const out = new Float32Array(count);
    for (let o = 0; o < count; o++) {
      const u = (this.outIndex + o) * down + this.offset;
      const i = Math.floor(u / up);
      const h = phases[u - i * up]!;
      const j = i - this.base;
      let acc = 0;
      for (let k = 0; k < tapsPerPhase; k++) acc += h[k]! * buf[j - k]!;
      out[o] = acc;
    }
    this.outIndex += count;
    const keep = tapsPerPhase - 1;
    this.history = buf.slice(buf.length - keep);
    this.base += buf.length - keep;
    return out;
  }
}

/** One-shot resampling of 16-bit PCM; the output is aligned with the input and rounded/clipped to 16 bits. */
export function resample(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate) return samples.slice();
  const r = new Resampler(fromRate, toRate, true);
  const wanted = Math.round((samples.length * toRate) / fromRate);
  const skip = r.delay;
  const input = new Float32Array(samples.length + Math.ceil((skip * fromRate) / toRate) + r.filterLength);
  for (let i = 0; i < samples.length; i++) input[i] = samples[i]!;
  const out = r.process(input);
  return toInt16(out.subarray(skip, skip + wanted), wanted);
}

/** Float samples on the 16-bit scale → Int16Array, rounded and clipped; pads with silence to `length`. */
export function toInt16(x: Float32Array, length = x.length): Int16Array {
  const out = new Int16Array(length);
  const n = Math.min(length, x.length);
  for (let i = 0; i < n; i++) {
    const v = Math.round(x[i]!);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

export function toFloat(x: Int16Array): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]!;
  return out;
}
