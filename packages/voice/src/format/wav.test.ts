import { describe, expect, it } from "vitest";
import { AudioFormatError } from "./errors";
import { encodeWav, parseWav, pcm16FromBytes } from "./wav";

/** A WAV file with an arbitrary fmt, for formats encodeWav does not write. */
function wav(opts: { format?: number; channels?: number; rate?: number; bits?: number; data: Uint8Array; blockAlign?: number; dataSize?: number; extensible?: boolean }): Uint8Array {
  const { format = 1, channels = 1, rate = 16000, bits = 16, data } = opts;
  const fmtSize = opts.extensible ? 40 : 16;
  const out = new Uint8Array(12 + 8 + fmtSize + 8 + data.length);
  const v = new DataView(out.buffer);
  const put = (at: number, s: string) => [...s].forEach((c, i) => (out[at + i] = c.charCodeAt(0)));
  put(0, "RIFF");
  v.setUint32(4, out.length - 8, true);
  put(8, "WAVE");
  put(12, "fmt ");
  v.setUint32(16, fmtSize, true);
  v.setUint16(20, opts.extensible ? 0xfffe : format, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, rate, true);
  const blockAlign = opts.blockAlign ?? (channels * bits) / 8;
  v.setUint32(28, rate * blockAlign, true);
  v.setUint16(32, blockAlign, true);
  v.setUint16(34, bits, true);
  if (opts.extensible) {
    v.setUint16(36, 22, true);
    v.setUint16(38, bits, true);
    v.setUint16(44, format, true); // sub-format GUID starts with the format tag
  }
  const d = 20 + fmtSize;
  put(d, "data");
  v.setUint32(d + 4, opts.dataSize ?? data.length, true);
  out.set(data, d + 8);
  return out;
}

function expectFormatError(fn: () => unknown, code: AudioFormatError["code"], message?: RegExp) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AudioFormatError);
    expect((err as AudioFormatError).code).toBe(code);
    if (message) expect((err as Error).message).toMatch(message);
    return;
  }
  throw new Error("expected an AudioFormatError");
}

describe("encodeWav / parseWav", () => {
  it("round-trips 16-bit mono exactly", () => {
    const samples = Int16Array.from({ length: 1000 }, (_, i) => Math.round(Math.sin(i / 7) * 30000));
    const parsed = parseWav(encodeWav(samples, 24000));
    expect(parsed.sampleRate).toBe(24000);
    expect(parsed.channels).toBe(1);
    expect(parsed.durationMs).toBeCloseTo((1000 / 24000) * 1000, 6);
    expect(Array.from(parsed.samples)).toEqual(Array.from(samples));
  });

  it("mixes stereo and 3-channel audio down to mono", () => {
    const stereo = new Int16Array([1000, 3000, -2000, -4000]);
    const p = parseWav(wav({ channels: 2, data: new Uint8Array(stereo.buffer) }));
    expect(p.channels).toBe(2);
    expect(Array.from(p.samples)).toEqual([2000, -3000]);
    const three = new Int16Array([300, 600, 900]);
    expect(Array.from(parseWav(wav({ channels: 3, data: new Uint8Array(three.buffer) })).samples)).toEqual([600]);
  });

  it("converts 8-bit unsigned, 24-bit, 32-bit PCM and float to 16-bit", () => {
    expect(Array.from(parseWav(wav({ bits: 8, data: new Uint8Array([128, 255, 0]) })).samples)).toEqual([0, 127 * 256, -32768]);
    // 24-bit little endian: 0x400000 (half scale) and -0x400000
    const p24 = parseWav(wav({ bits: 24, data: new Uint8Array([0x00, 0x00, 0x40, 0x00, 0x00, 0xc0]) }));
    expect(Array.from(p24.samples)).toEqual([16384, -16384]);
    const i32 = new Int32Array([1 << 30, -(1 << 30)]);
    expect(Array.from(parseWav(wav({ bits: 32, data: new Uint8Array(i32.buffer) })).samples)).toEqual([16384, -16384]);
    const f32 = new Float32Array([0.5, -0.25, 2, Number.NaN]);
    expect(Array.from(parseWav(wav({ format: 3, bits: 32, data: new Uint8Array(f32.buffer) })).samples)).toEqual([16384, -8192, 32767, 0]);
    const f64 = new Float64Array([-1, 0.5]);
    expect(Array.from(parseWav(wav({ format: 3, bits: 64, data: new Uint8Array(f64.buffer) })).samples)).toEqual([-32768, 16384]);
  });

  it("reads WAVE_FORMAT_EXTENSIBLE files", () => {
    const s = new Int16Array([5, -5]);
    expect(Array.from(parseWav(wav({ extensible: true, data: new Uint8Array(s.buffer) })).samples)).toEqual([5, -5]);
  });

  it("skips unknown chunks and accepts fmt after data", () => {
    const base = encodeWav(new Int16Array([7, 8]), 16000);
    // RIFF header, then a LIST chunk with an odd size (padded), then data, then fmt.
    const list = new Uint8Array([..."LIST"].map((c) => c.charCodeAt(0)).concat([3, 0, 0, 0, 1, 2, 3, 0]));
    const fmt = base.subarray(12, 36);
    const data = base.subarray(36);
    const out = new Uint8Array(12 + list.length + data.length + fmt.length);
    out.set(base.subarray(0, 12));
    out.set(list, 12);
    out.set(data, 12 + list.length);
    out.set(fmt, 12 + list.length + data.length);
    expect(Array.from(parseWav(out).samples)).toEqual([7, 8]);
  });

  it("reads streamed files whose data size is 0xFFFFFFFF up to the end", () => {
    const s = new Int16Array([1, 2, 3]);
    expect(Array.from(parseWav(wav({ data: new Uint8Array(s.buffer), dataSize: 0xffffffff })).samples)).toEqual([1, 2, 3]);
  });
});

describe("parseWav refuses bad input clearly", () => {
  const ok = () => encodeWav(new Int16Array(100), 16000);

  it("empty, short and foreign headers", () => {
    expectFormatError(() => parseWav(new Uint8Array(0)), "empty");
    expectFormatError(() => parseWav(new Uint8Array([82, 73, 70])), "corrupt", /too short/);
    const mp3 = new TextEncoder().encode("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000some mp3 bytes");
    expectFormatError(() => parseWav(mp3), "unsupported", /not a WAV/);
    const rifx = ok();
    rifx.set([0x52, 0x49, 0x46, 0x58]);
    expectFormatError(() => parseWav(rifx), "unsupported", /RIFX/);
    const avi = ok();
    avi.set([..."AVI "].map((c) => c.charCodeAt(0)), 8);
    expectFormatError(() => parseWav(avi), "unsupported");
  });

  it("a header without samples is empty", () => {
    expectFormatError(() => parseWav(encodeWav(new Int16Array(0), 16000)), "empty", /no samples/);
  });

  it("truncated data and huge declared sizes are corrupt, not allocations", () => {
    const cut = ok().subarray(0, 44 + 50);
    expectFormatError(() => parseWav(cut), "corrupt", /truncated/);
    expectFormatError(() => parseWav(wav({ data: new Uint8Array(4), dataSize: 0x7fffffff })), "corrupt", /declares 2147483647/);
    const hugeChunk = ok();
    new DataView(hugeChunk.buffer).setUint32(16, 0xfffffff0, true); // fmt chunk size
    expectFormatError(() => parseWav(hugeChunk), "corrupt", /fmt chunk/);
  });

  it("missing chunks are corrupt", () => {
    const noData = ok().subarray(0, 36);
    expectFormatError(() => parseWav(noData), "corrupt", /no data chunk/);
    const noFmt = ok();
    noFmt.set([..."junk"].map((c) => c.charCodeAt(0)), 12);
    expectFormatError(() => parseWav(noFmt), "corrupt", /no fmt chunk/);
  });

  it("unsupported encodings, channel counts and rates", () => {
    const d = new Uint8Array(8);
    expectFormatError(() => parseWav(wav({ format: 2, bits: 4, data: d })), "unsupported", /format tag 0x2/); // MS ADPCM
    expectFormatError(() => parseWav(wav({ format: 6, bits: 8, data: d })), "unsupported"); // A-law
    expectFormatError(() => parseWav(wav({ bits: 12, blockAlign: 2, data: d })), "unsupported", /12 bits/);
    expectFormatError(() => parseWav(wav({ channels: 0, blockAlign: 2, data: d })), "unsupported", /0 channels/);
    expectFormatError(() => parseWav(wav({ channels: 9, data: new Uint8Array(18) })), "unsupported", /9 channels/);
    expectFormatError(() => parseWav(wav({ rate: 0, data: d })), "unsupported", /sample rate 0/);
    expectFormatError(() => parseWav(wav({ rate: 1_000_000, data: d })), "unsupported");
    expectFormatError(() => parseWav(wav({ channels: 2, blockAlign: 2, data: d })), "corrupt", /block align/);
  });

  it("inputs over the size limit are too large", () => {
    expectFormatError(() => parseWav(ok(), { maxBytes: 100 }), "too-large");
  });

  it("random and mutated bytes only ever raise AudioFormatError", () => {
    // Deterministic PRNG so a failure reproduces.
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const valid = wav({ channels: 2, data: new Uint8Array(400) });
    let parsed = 0;
    for (let i = 0; i < 3000; i++) {
      let bytes: Uint8Array;
      if (i % 2 === 0) {
        bytes = Uint8Array.from({ length: Math.floor(rand() * 200) }, () => Math.floor(rand() * 256));
        if (i % 4 === 0 && bytes.length >= 12) bytes.set([82, 73, 70, 70, 0, 0, 0, 0, 87, 65, 86, 69]); // RIFF....WAVE
      } else {
        // A third keep their length (mutations anywhere), the rest are cut and mutated in the header.
        const whole = i % 3 === 0;
        bytes = whole ? valid.slice() : valid.slice(0, Math.floor(rand() * valid.length) + 1);
        const span = whole ? bytes.length : Math.min(bytes.length, 60);
        for (let k = 0; k < 4; k++) bytes[Math.floor(rand() * span)] = Math.floor(rand() * 256);
      }
      try {
        const p = parseWav(bytes);
        expect(p.samples.length).toBeGreaterThan(0);
        parsed++;
      } catch (err) {
        expect(err).toBeInstanceOf(AudioFormatError);
      }
    }
    expect(parsed).toBeGreaterThan(0); // mutations that keep a valid file still parse
  });
});

describe("pcm16FromBytes", () => {
  it("reads little-endian frames at any byte offset and refuses odd lengths", () => {
    const buf = new Uint8Array([9, 0x34, 0x12, 0xff, 0xff]);
    expect(Array.from(pcm16FromBytes(buf.subarray(1)))).toEqual([0x1234, -1]);
    expectFormatError(() => pcm16FromBytes(new Uint8Array(3)), "corrupt", /even number/);
    expectFormatError(() => pcm16FromBytes(new Uint8Array(10), { maxBytes: 4 }), "too-large");
  });
});
