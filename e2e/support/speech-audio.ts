import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { testEnv } from "../../test/support/env";

/** 16-bit mono PCM and its rate. */
export interface Pcm {
  sampleRate: number;
  samples: Int16Array;
}

/** Reads a canonical PCM16 mono WAV (what espeak-ng writes): the `fmt ` and `data` chunks. */
export function parsePcmWav(bytes: Buffer): Pcm {
  if (bytes.toString("ascii", 0, 4) !== "RIFF" || bytes.toString("ascii", 8, 12) !== "WAVE") throw new Error("not a WAV file");
  let sampleRate = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = bytes.toString("ascii", at, at + 4);
    // espeak-ng writing to a pipe leaves the sizes at 0xFFFFFFFF: the data then runs to the end.
    const declared = bytes.readUInt32LE(at + 4);
    const size = Math.min(declared, bytes.length - at - 8);
    if (id === "fmt ") {
      if (bytes.readUInt16LE(at + 8) !== 1 || bytes.readUInt16LE(at + 10) !== 1 || bytes.readUInt16LE(at + 22) !== 16) throw new Error("not PCM16 mono");
      sampleRate = bytes.readUInt32LE(at + 12);
    } else if (id === "data") {
      const data = bytes.subarray(at + 8, at + 8 + (size & ~1));
      const samples = new Int16Array(data.length / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = data.readInt16LE(i * 2);
      return { sampleRate, samples };
    }
    at += 8 + size + (size & 1);
  }
  throw new Error("WAV without a data chunk");
}

export function pcmToWav({ sampleRate, samples }: Pcm): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(samples.length * 2, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

/** espeak-ng speaking `text` (US English, 22 050 Hz). */
export function speak(text: string, wordsPerMinute = 150): Pcm {
  return parsePcmWav(execFileSync("espeak-ng", ["-v", "en-us", "-s", String(wordsPerMinute), "--stdout", text], { maxBuffer: 64 * 1024 * 1024 }));
}

/**
 * A microphone recording for Chromium's fake capture (which loops it): silence, the words, then
 * a long silence so the bot can answer before the caller "speaks" again.
 */
export function microphoneWav(name: string, text: string, { leadS = 1, trailS = 14 } = {}): string {
  const words = speak(text);
  const rate = words.sampleRate;
  const samples = new Int16Array(Math.round(rate * leadS) + words.samples.length + Math.round(rate * trailS));
  samples.set(words.samples, Math.round(rate * leadS));
  const file = path.join(path.dirname(testEnv.SCREENSHOT_DIR), "audio", `${name}.wav`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, pcmToWav({ sampleRate: rate, samples }));
  return file;
}
