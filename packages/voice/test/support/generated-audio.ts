/**
 * Test audio made here, never copied: speech from espeak-ng, noise from sox, mixed by sox at a
 * set SNR. Everything is 16-bit mono WAV read back with our own parseWav (so the parser is
 * exercised on files real tools write).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeWav, parseWav } from "../../src/format/wav";

const dir = mkdtempSync(join(tmpdir(), "parley-voice-audio-"));
let n = 0;
const tmp = (name: string) => join(dir, `${n++}-${name}.wav`);

export function cleanupGeneratedAudio(): void {
  rmSync(dir, { recursive: true, force: true });
}

function read(path: string): Int16Array {
  return parseWav(readFileSync(path)).samples;
}

function write(samples: Int16Array, rate: number): string {
  const path = tmp("in");
  writeFileSync(path, encodeWav(samples, rate));
  return path;
}

/** espeak-ng speech at `rate` Hz (sox converts from espeak's 22.05 kHz). */
export function speak(text: string, rate: number, voice = "en-us"): Int16Array {
  const raw = tmp("espeak");
  execFileSync("espeak-ng", ["-v", voice, "-s", "160", "-w", raw, text]);
  const out = tmp("speech");
  execFileSync("sox", [raw, "-r", String(rate), "-c", "1", "-b", "16", out]);
  return read(out);
}

export function silence(ms: number, rate: number): Int16Array {
  return new Int16Array(Math.round((ms * rate) / 1000));
}

export function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export type NoiseKind = "white" | "pink" | "babble";

/** `ms` of noise from sox: white/pink from `synth`; babble = four espeak talkers reversed and overlaid. */
export function noise(kind: NoiseKind, ms: number, rate: number): Int16Array {
  const secs = (ms / 1000).toFixed(3);
  const out = tmp(`noise-${kind}`);
  if (kind !== "babble") {
    execFileSync("sox", ["-n", "-r", String(rate), "-c", "1", "-b", "16", out, "synth", secs, kind === "white" ? "whitenoise" : "pinknoise", "vol", "0.3"]);
    return read(out);
  }
  const lines = [
    "The quarterly report is due on Friday and nobody has started the summary yet.",
    "Could you pass me the salt and the pepper, and maybe some of that bread as well?",
    "Trains to the airport leave every twenty minutes from the second platform downstairs.",
    "She said the weather would turn cold by the weekend so bring a warm coat.",
  ];
  const voices = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp"];
  const talkers = lines.map((line, i) => {
    const raw = tmp(`talker${i}`);
    execFileSync("espeak-ng", ["-v", voices[i]!, "-s", String(150 + 15 * i), "-p", String(30 + 15 * i), "-w", raw, line + " " + line + " " + line]);
    // Reversed speech keeps speech's spectrum and rhythm but carries no words: babble.
    const rev = tmp(`rev${i}`);
    execFileSync("sox", [raw, "-r", String(rate), "-c", "1", "-b", "16", rev, "reverse", "repeat", "3", "trim", String(i * 0.37), secs]);
    return rev;
  });
  execFileSync("sox", ["-m", ...talkers, "-b", "16", out, "trim", "0", secs]);
  return read(out);
}

/** Mean square over the non-silent samples (|x| above 1% of full scale), i.e. the active speech level. */
export function activePower(x: Int16Array): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    if (Math.abs(x[i]!) > 327) {
      sum += x[i]! * x[i]!;
      count++;
    }
  }
  return count === 0 ? 0 : sum / count;
}

export function power(x: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]! * x[i]!;
  return x.length === 0 ? 0 : sum / x.length;
}

/** speech + noise at `snrDb` (active speech power against noise power), mixed by sox. */
export function mixAtSnr(speech: Int16Array, noiseSamples: Int16Array, snrDb: number, rate: number): Int16Array {
  const k = Math.sqrt(activePower(speech) / (power(noiseSamples) * 10 ** (snrDb / 10)));
  const out = tmp("mix");
  execFileSync("sox", ["-m", "-v", "1", write(speech, rate), "-v", k.toFixed(6), write(noiseSamples.subarray(0, speech.length), rate), out]);
  return read(out);
}

/** [first, last] non-silent sample of a clean clip, ms — the true speech extent of an espeak utterance. */
export function speechExtentMs(x: Int16Array, rate: number): { startMs: number; endMs: number } {
  let first = -1;
  let last = -1;
  for (let i = 0; i < x.length; i++) {
    if (Math.abs(x[i]!) > 327) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return { startMs: (first / rate) * 1000, endMs: ((last + 1) / rate) * 1000 };
}

export interface Layout {
  audio: Int16Array;
  rate: number;
  /** True speech extents, ms, from the clean espeak clips. */
  speech: { startMs: number; endMs: number }[];
}

/** Silence and sentences in a known order: [1000 ms silence, "…", 1500 ms, "…", 1000 ms] by default. */
export function layout(rate: number, parts: (number | string)[] = [1000, "Hello, I would like to check the status of my order please.", 1500, "It was supposed to arrive on Tuesday but nothing has come yet.", 1000]): Layout {
  const pieces: Int16Array[] = [];
  const speech: Layout["speech"] = [];
  let atMs = 0;
  for (const part of parts) {
    const clip = typeof part === "number" ? silence(part, rate) : speak(part, rate);
    if (typeof part === "string") {
      const e = speechExtentMs(clip, rate);
      speech.push({ startMs: atMs + e.startMs, endMs: atMs + e.endMs });
    }
    pieces.push(clip);
    atMs += (clip.length / rate) * 1000;
  }
  return { audio: concat(...pieces), rate, speech };
}

/** Per-10 ms-frame truth labels of a layout (for SNR measured against the known layout). */
export function truthLabels(l: Layout): (frame: number) => boolean {
  return (frame) => {
    const ms = frame * 10;
    return l.speech.some((s) => ms >= s.startMs && ms + 10 <= s.endMs);
  };
}
