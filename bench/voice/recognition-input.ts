/**
 * What should the speech recognizer hear: the pipeline's suppressed `audio`, or the same stream
 * before the suppressor (`recognition`)? Word error rate of the offline recognizer (Whisper
 * tiny.en) on the ten espeak-ng support sentences of the speech tests, clean and with white and
 * pink noise mixed by sox at 10 and 5 dB, pushed through `createVoicePipeline` in 20 ms frames
 * with the suppressor forced to each mode. Every mode gets the same input; each condition × mode
 * is one pipeline (one "call") that hears the ten utterances one after another, so the VAD and
 * the AGC run warm as they would live.
 *
 * Columns: the input itself (no pipeline); the pipeline with suppression off (`audio` ===
 * `recognition`); for RNNoise@16k and @48k both the suppressed `audio` and the unsuppressed
 * `recognition` stream.
 *
 *   npm run voice-recognition-input -w @parley/bench      (or: npx tsx bench/voice/recognition-input.ts)
 */
import { corpusWordErrorRate, createSpeechProviders, createVoicePipeline, transcribe, type SuppressMode } from "@parley/voice";
import { SUPPORT_SENTENCES, speak, withNoise, type NoiseColour } from "../../packages/voice/test/support/speech-audio";

const RATE = 16_000;
const FRAME = (RATE * 20) / 1000;
/** Silence around each sentence before the noise is mixed in: room for the pipeline's delays (≤ ~40 ms) and the VAD's hangover. */
const LEAD_MS = 300;
const TAIL_MS = 600;

const MODES: SuppressMode[] = ["off", "rnnoise-16k", "rnnoise-48k"];

interface Condition {
  name: string;
  make: (speech: Int16Array) => Promise<Int16Array>;
}
const noisy = (snrDb: number, colour: NoiseColour) => (speech: Int16Array) => withNoise(speech, snrDb, colour);
const CONDITIONS: Condition[] = [
  { name: "clean", make: async (speech) => speech },
  { name: "white 10 dB", make: noisy(10, "white") },
  { name: "white 5 dB", make: noisy(5, "white") },
  { name: "pink 10 dB", make: noisy(10, "pink") },
  { name: "pink 5 dB", make: noisy(5, "pink") },
];

function padded(speech: Int16Array): Int16Array {
  const lead = (RATE * LEAD_MS) / 1000;
  const out = new Int16Array(lead + speech.length + (RATE * TAIL_MS) / 1000);
  out.set(speech, lead);
  return out;
}

function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The utterances through one pipeline, back to back; each utterance's slice of the output is cut
 * at its input positions (the pipeline keeps the 16 kHz clock; its delays fall in the silent tail).
 */
async function throughPipeline(inputs: Int16Array[], mode: SuppressMode): Promise<{ audio: Int16Array[]; recognition: Int16Array[] }> {
  const p = await createVoicePipeline({ inputSampleRate: RATE, capabilities: { noiseSuppressedByBrowser: false, cpuBudget: mode === "rnnoise-48k" ? "high" : "normal" }, suppress: mode });
  const all = concat(inputs);
  const audio: Int16Array[] = [];
  const recognition: Int16Array[] = [];
  for (let i = 0; i < all.length; i += FRAME) {
    const r = await p.push(all.subarray(i, Math.min(all.length, i + FRAME)));
    audio.push(r.audio);
    if (!r.recognition) throw new Error("createVoicePipeline returned no recognition stream");
    recognition.push(r.recognition);
  }
  if (p.stages.includes("suppress") !== (mode !== "off")) throw new Error(`the pipeline ran ${p.stages.join(",")} for mode ${mode}`);
  await p.close();
  const cut = (stream: Int16Array) => {
    let at = 0;
    return inputs.map((input) => stream.subarray(at, (at += input.length)));
  };
  return { audio: cut(concat(audio)), recognition: cut(concat(recognition)) };
}

const { stt } = createSpeechProviders({});
async function werOf(utterances: Int16Array[]): Promise<number> {
  const pairs = [];
  for (const [i, audio] of utterances.entries()) pairs.push({ reference: SUPPORT_SENTENCES[i]!, hypothesis: (await transcribe(stt, audio)).text });
  return corpusWordErrorRate(pairs);
}

const clean = await Promise.all(SUPPORT_SENTENCES.map((s) => speak(s)));
const columns = ["input", "off", "16k audio", "16k recog.", "48k audio", "48k recog."];
const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(11);
console.log(`Whisper tiny.en WER through createVoicePipeline (16 kHz input, 20 ms pushes), ${clean.length} utterances, noise SNR over each padded utterance`);
console.log(`"audio" = push().audio (suppressed); "recog." = push().recognition (before the suppressor, AGC gain applied)\n`);
console.log(`${"condition".padEnd(12)}${columns.map((c) => c.padStart(11)).join("")}`);
const totals = new Map<string, number[]>();
for (const condition of CONDITIONS) {
  const inputs = await Promise.all(clean.map(async (speech) => condition.make(padded(speech))));
  const row: Record<string, number> = { input: await werOf(inputs) };
  for (const mode of MODES) {
    const out = await throughPipeline(inputs, mode);
    if (mode === "off") {
      row.off = await werOf(out.audio);
    } else {
      const tag = mode === "rnnoise-16k" ? "16k" : "48k";
      row[`${tag} audio`] = await werOf(out.audio);
      row[`${tag} recog.`] = await werOf(out.recognition);
    }
  }
  console.log(`${condition.name.padEnd(12)}${columns.map((c) => pct(row[c]!)).join("")}`);
  if (condition.name !== "clean") for (const c of columns) totals.set(c, [...(totals.get(c) ?? []), row[c]!]);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`${"noisy mean".padEnd(12)}${columns.map((c) => pct(mean(totals.get(c)!))).join("")}`);
await stt.close?.();
