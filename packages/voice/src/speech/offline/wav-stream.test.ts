import { describe, expect, it } from "vitest";
import { encodeWav } from "../../format/wav";
import { WavStreamReader } from "./wav-stream";

describe("WavStreamReader", () => {
  const samples = Int16Array.from({ length: 1001 }, (_, i) => Math.round(10_000 * Math.sin(i / 7)));
  const wav = Buffer.from(encodeWav(samples, 22_050));

  it("yields the same samples however the stream is cut (header split, odd byte boundaries)", () => {
    for (const size of [1, 3, 7, 44, 45, 500, wav.length]) {
      const reader = new WavStreamReader();
      const out: number[] = [];
      for (let i = 0; i < wav.length; i += size) out.push(...reader.push(wav.subarray(i, i + size)));
      expect(reader.sampleRate).toBe(22_050);
      expect(Int16Array.from(out)).toEqual(samples);
    }
  });

  it("ignores the size fields a streaming writer cannot fill in", () => {
    const streamed = Buffer.from(wav);
    streamed.writeUInt32LE(0x7fffffff, 4);
    streamed.writeUInt32LE(0x7fffffff, 40);
    expect(new WavStreamReader().push(streamed)).toEqual(samples);
  });

  it("refuses what is not 16-bit PCM WAV", () => {
    expect(() => new WavStreamReader().push(Buffer.from("ID3\u0004 not a wav file at all"))).toThrow(/not a WAV/);
    const float = Buffer.from(wav);
    float.writeUInt16LE(3, 20);
    expect(() => new WavStreamReader().push(float)).toThrow(/unsupported WAV format/);
  });
});
