/**
 * Word error rate of the offline recognizer (Whisper tiny.en) on ten support sentences spoken by
 * espeak-ng: clean, with white and pink noise mixed in by sox at 10 and 5 dB SNR, and after the
 * pipeline's noise suppressor (RNNoise, `denoise`). The bounds are the measured figures plus a
 * margin: a regression guard, not a target. The figures are printed; the README has the table.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhisperSpeechToText, corpusWordErrorRate, denoise, transcribe } from "../src/index";
import { SUPPORT_SENTENCES, measuredSnrDb, speak, withNoise, type NoiseColour } from "./support/speech-audio";

const stt = new WhisperSpeechToText({ partialIntervalMs: 0 });
let clean: Int16Array[] = [];

beforeAll(async () => {
  await stt.warmUp();
  clean = await Promise.all(SUPPORT_SENTENCES.map((sentence) => speak(sentence)));
}, 120_000);
afterAll(() => stt.close());

interface Condition {
  name: string;
  /** Measured when written (greedy decoding; two runs differ by a few points) — README "Speech engines". */
  measured: number;
  bound: number;
  make: (speech: Int16Array) => Promise<Int16Array>;
}

const noisy = (snrDb: number, colour: NoiseColour) => (speech: Int16Array) => withNoise(speech, snrDb, colour);
const denoised = (snrDb: number, colour: NoiseColour) => async (speech: Int16Array) => denoise(await withNoise(speech, snrDb, colour), 16_000);

const conditions: Condition[] = [
  { name: "clean", measured: 0.09, bound: 0.2, make: async (speech) => speech },
  { name: "white noise 10 dB", measured: 0.27, bound: 0.42, make: noisy(10, "white") },
  { name: "white noise 5 dB", measured: 0.38, bound: 0.55, make: noisy(5, "white") },
  { name: "pink noise 5 dB", measured: 0.32, bound: 0.5, make: noisy(5, "pink") },
  { name: "white noise 5 dB, denoised", measured: 0.42, bound: 0.68, make: denoised(5, "white") },
  { name: "pink noise 5 dB, denoised", measured: 0.42, bound: 0.6, make: denoised(5, "pink") },
];

const results = new Map<string, number>();

async function werOf(condition: Condition): Promise<number> {
  const pairs = [];
  for (const [i, speech] of clean.entries()) {
    const audio = await condition.make(speech);
    const { text } = await transcribe(stt, audio);
    pairs.push({ reference: SUPPORT_SENTENCES[i]!, hypothesis: text });
  }
  return corpusWordErrorRate(pairs);
}

describe("offline STT word error rate on generated support speech", () => {
  it("mixes noise at the SNR asked for", async () => {
    for (const [snr, colour] of [[10, "white"], [5, "pink"]] as const) {
      expect(measuredSnrDb(clean[0]!, await withNoise(clean[0]!, snr, colour))).toBeCloseTo(snr, 0);
    }
  });

  for (const condition of conditions) {
    it(`${condition.name}: WER within ${Math.round(condition.bound * 100)}%`, { timeout: 180_000 }, async () => {
      const wer = await werOf(condition);
      results.set(condition.name, wer);
      console.log(`[speech-wer] ${condition.name.padEnd(28)} WER ${(wer * 100).toFixed(1)}% (measured ${Math.round(condition.measured * 100)}% when written)`);
      expect(wer).toBeLessThanOrEqual(condition.bound);
    });
  }

  it("noise costs accuracy: every noisy condition is worse than clean speech", () => {
    const cleanWer = results.get("clean");
    expect(cleanWer).toBeDefined();
    for (const [name, wer] of results) if (name !== "clean") expect(wer, name).toBeGreaterThan(cleanWer!);
  });
});
