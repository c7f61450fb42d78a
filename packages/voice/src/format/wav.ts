/**
 * WAV (RIFF/WAVE) reading and writing. Reading accepts what real files contain — PCM 8/16/24/32-bit,
 * IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE wrappers of those, any chunk order, 1–8 channels —
 * and returns 16-bit mono. Everything else is an AudioFormatError with a code, never a crash:
 * the bytes come from callers and uploads we do not trust.
 */
import { AudioFormatError } from "./errors";

export interface ParsedWav {
  sampleRate: number;
  /** Channels in the file; `samples` is always their mono mixdown. */
  channels: number;
  samples: Int16Array;
  durationMs: number;
}

export interface WavLimits {
  /** Refuse inputs larger than this (default 200 MB ≈ 1h50 of 16 kHz stereo 16-bit). */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
const MAX_CHANNELS = 8;
const MIN_RATE = 4000;
const MAX_RATE = 192_000;
/** Streaming writers (ffmpeg to a pipe, browsers' MediaRecorder shims) put this in as "unknown size". */
const UNKNOWN_SIZE = 0xffffffff;

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

interface Fmt {
  format: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

export function parseWav(bytes: Uint8Array, limits: WavLimits = {}): ParsedWav {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!(bytes instanceof Uint8Array)) throw new AudioFormatError("unsupported", "expected the bytes of a WAV file");
  if (bytes.length === 0) throw new AudioFormatError("empty", "the audio is empty (0 bytes)");
  if (bytes.length > maxBytes) throw new AudioFormatError("too-large", `the audio is ${bytes.length} bytes; the limit is ${maxBytes}`);
  if (bytes.length < 12) throw new AudioFormatError("corrupt", `${bytes.length} bytes is too short for a WAV header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riff = ascii(bytes, 0);
  if (riff === "RIFX" || riff === "RF64") throw new AudioFormatError("unsupported", `${riff} (big-endian or 64-bit) WAV files are not supported; use RIFF/WAVE`);
  if (riff !== "RIFF" || ascii(bytes, 8) !== "WAVE") throw new AudioFormatError("unsupported", "not a WAV file (no RIFF/WAVE header)");

  let fmt: Fmt | undefined;
  let data: Uint8Array | undefined;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at);
    const declared = view.getUint32(at + 4, true);
    const body = at + 8;
    const available = bytes.length - body;
    if (id === "data") {
      if (declared !== UNKNOWN_SIZE && declared > available) {
        throw new AudioFormatError("corrupt", `truncated: the data chunk declares ${declared} bytes but only ${available} follow`);
      }
      data = bytes.subarray(body, body + (declared === UNKNOWN_SIZE ? available : declared));
      if (fmt) break;
    } else if (id === "fmt ") {
      if (declared < 16 || declared > available) throw new AudioFormatError("corrupt", `the fmt chunk is ${declared} bytes (${available} available; at least 16 needed)`);
      fmt = readFmt(view, body, declared);
      if (data) break;
    } else if (declared > available) {
      // An unknown chunk running past the end: the file was cut or the size is garbage.
      throw new AudioFormatError("corrupt", `the "${printable(id)}" chunk declares ${declared} bytes but only ${available} follow`);
    }
    at = body + declared + (declared % 2); // chunks are word-aligned
  }
  if (!fmt) throw new AudioFormatError("corrupt", "no fmt chunk: the sample format is unknown");
  if (!data) throw new AudioFormatError("corrupt", "no data chunk");
  validateFmt(fmt);
  const frameBytes = fmt.blockAlign;
  const frames = Math.floor(data.length / frameBytes);
  if (frames === 0) throw new AudioFormatError("empty", "the WAV file holds no samples");
  const samples = mixdown(data, fmt, frames);
  return { sampleRate: fmt.sampleRate, channels: fmt.channels, samples, durationMs: (frames / fmt.sampleRate) * 1000 };
}

function printable(id: string): string {
  return id.replace(/[^\x20-\x7e]/g, "?");
}

function readFmt(view: DataView, at: number, size: number): Fmt {
  let format = view.getUint16(at, true);
  const fmt = {
    channels: view.getUint16(at + 2, true),
    sampleRate: view.getUint32(at + 4, true),
    blockAlign: view.getUint16(at + 12, true),
    bitsPerSample: view.getUint16(at + 14, true),
  };
  if (format === FORMAT_EXTENSIBLE) {
    // WAVEFORMATEXTENSIBLE: cbSize(2) validBits(2) channelMask(4) then the sub-format GUID whose
    // first two bytes are the real format tag.
    if (size < 40) throw new AudioFormatError("corrupt", "WAVE_FORMAT_EXTENSIBLE fmt chunk is shorter than 40 bytes");
    format = view.getUint16(at + 24, true);
  }
  return { format, ...fmt };
}

function validateFmt(f: Fmt): void {
  const supported =
    (f.format === FORMAT_PCM && [8, 16, 24, 32].includes(f.bitsPerSample)) || (f.format === FORMAT_FLOAT && [32, 64].includes(f.bitsPerSample));
  if (!supported) {
    const kind = f.format === FORMAT_PCM ? "PCM" : f.format === FORMAT_FLOAT ? "float" : `format tag 0x${f.format.toString(16)}`;
    throw new AudioFormatError("unsupported", `${kind} with ${f.bitsPerSample} bits per sample is not supported (PCM 8/16/24/32-bit or float 32/64-bit)`);
  }
  if (f.channels < 1 || f.channels > MAX_CHANNELS) throw new AudioFormatError("unsupported", `${f.channels} channels; 1 to ${MAX_CHANNELS} are supported`);
  if (f.sampleRate < MIN_RATE || f.sampleRate > MAX_RATE) throw new AudioFormatError("unsupported", `sample rate ${f.sampleRate} Hz is outside ${MIN_RATE}–${MAX_RATE} Hz`);
  if (f.blockAlign !== (f.channels * f.bitsPerSample) / 8) {
    throw new AudioFormatError("corrupt", `block align ${f.blockAlign} does not match ${f.channels} channels × ${f.bitsPerSample} bits`);
  }
}

/** One sample reader per encoding, each returning a value on the 16-bit scale. */
const readers = {
  pcm8: (v: DataView, at: number) => (v.getUint8(at) - 128) * 256,
  pcm16: (v: DataView, at: number) => v.getInt16(at, true),
  pcm24: (v: DataView, at: number) => ((v.getUint8(at) | (v.getUint8(at + 1) << 8) | (v.getInt8(at + 2) << 16)) as number) / 256,
  pcm32: (v: DataView, at: number) => v.getInt32(at, true) / 65536,
  float32: (v: DataView, at: number) => v.getFloat32(at, true) * 32768,
  float64: (v: DataView, at: number) => v.getFloat64(at, true) * 32768,
} satisfies Record<string, (v: DataView, at: number) => number>;

function readerFor(f: Fmt): (v: DataView, at: number) => number {
  if (f.format === FORMAT_FLOAT) return f.bitsPerSample === 32 ? readers.float32 : readers.float64;
  return ({ 8: readers.pcm8, 16: readers.pcm16, 24: readers.pcm24, 32: readers.pcm32 } as Record<number, (v: DataView, at: number) => number>)[f.bitsPerSample]!;
}

function mixdown(data: Uint8Array, f: Fmt, frames: number): Int16Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const read = readerFor(f);
  const bytesPerSample = f.bitsPerSample / 8;
  const out = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    const base = i * f.blockAlign;
    for (let c = 0; c < f.channels; c++) sum += read(view, base + c * bytesPerSample);
    const v = sum / f.channels;
    // NaN (float files can hold it) becomes silence; ±Inf and overs clip.
    out[i] = Number.isNaN(v) ? 0 : Math.max(-32768, Math.min(32767, Math.round(v)));
  }
  return out;
}

/** 16-bit mono PCM WAV with the canonical 44-byte header. */
export function encodeWav(samples: Int16Array, sampleRate: number): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
    throw new AudioFormatError("unsupported", `sample rate ${sampleRate} Hz is outside ${MIN_RATE}–${MAX_RATE} Hz`);
  }
  const dataBytes = samples.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const v = new DataView(out.buffer);
  const put = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i);
  };
  put(0, "RIFF");
  v.setUint32(4, 36 + dataBytes, true);
  put(8, "WAVE");
  put(12, "fmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, FORMAT_PCM, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  put(36, "data");
  v.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) v.setInt16(44 + i * 2, samples[i]!, true);
  return out;
}

/**
 * A binary WebSocket frame of little-endian 16-bit PCM (the live-call wire format) as samples.
 * Copies, so the result is aligned whatever the frame's offset in its buffer.
 */
export function pcm16FromBytes(bytes: Uint8Array, limits: WavLimits = {}): Int16Array {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) throw new AudioFormatError("too-large", `the frame is ${bytes.length} bytes; the limit is ${maxBytes}`);
  if (bytes.length % 2 !== 0) throw new AudioFormatError("corrupt", `a 16-bit PCM frame needs an even number of bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int16Array(bytes.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}
