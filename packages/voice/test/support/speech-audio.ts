/**
 * Real speech for the speech tests: espeak-ng says a sentence, sox converts it to 16 kHz mono
 * PCM16 and mixes in white or pink noise at a set signal-to-noise ratio. Nothing is recorded in
 * the repository: every run makes its audio from text (Debian packages espeak-ng and sox).
 */
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Ten things customers say to a support line, written for these tests. */
export const SUPPORT_SENTENCES = [
  "I would like to check the status of my order please",
  "My package arrived damaged and I want a refund",
  "Can you help me reset my account password",
  "The delivery was supposed to come yesterday",
  "I need to change the shipping address on my order",
  "How long does it take to get my money back",
  "Please connect me with a customer service agent",
  "My credit card was charged twice for the same item",
  "I want to cancel my subscription today",
  "The app keeps crashing when I open my cart",
] as const;

/** espeak-ng's en-us voice at 160 words a minute, as 16 kHz mono PCM16. */
export async function speak(text: string, options: { voice?: string; wordsPerMinute?: number } = {}): Promise<Int16Array> {
  const espeak = spawn("espeak-ng", ["--stdout", "-v", options.voice ?? "en-us", "-s", String(options.wordsPerMinute ?? 160), text], { stdio: ["ignore", "pipe", "pipe"] });
  const sox = spawn("sox", ["-t", "wav", "-", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", "-"], { stdio: ["pipe", "pipe", "pipe"] });
  espeak.stdout.pipe(sox.stdin);
  const chunks: Buffer[] = [];
  sox.stdout.on("data", (c: Buffer) => chunks.push(c));
  await Promise.all([exited(espeak, "espeak-ng"), exited(sox, "sox")]);
  return int16(Buffer.concat(chunks));
}

export type NoiseColour = "white" | "pink";

/**
 * Speech plus noise at `snrDb`, mixed by sox (`sox -m -v 1 speech -v g noise`). The noise is
 * sox's repeatable (-R) generator; its gain is set from the two signals' RMS so that
 * 20·log10(rms(speech)/rms(g·noise)) = snrDb over the whole clip.
 */
export async function withNoise(speech: Int16Array, snrDb: number, colour: NoiseColour): Promise<Int16Array> {
  const dir = await mkdtemp(join(tmpdir(), "parley-noise-"));
  try {
    const raw = ["-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw"];
    const seconds = (speech.length / 16000).toFixed(4);
    const noisePath = join(dir, "noise.raw");
    const speechPath = join(dir, "speech.raw");
    await run("sox", ["-R", "-n", ...raw, noisePath, "synth", seconds, `${colour}noise`, "vol", "0.5"]);
    const noise = int16(await readFile(noisePath)).subarray(0, speech.length);
    const gain = rms(speech) / (rms(noise) * 10 ** (snrDb / 20));
    await writeFile(speechPath, Buffer.from(speech.buffer, speech.byteOffset, speech.byteLength));
    const { stdout } = await run("sox", ["-m", ...raw, "-v", "1", speechPath, ...raw, "-v", gain.toFixed(6), noisePath, ...raw, "-"], {
      encoding: "buffer",
      maxBuffer: 64 * 1024 * 1024,
    });
    return int16(stdout).subarray(0, speech.length);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

/** SNR of a mix against the clean signal it was made from, in dB. */
export function measuredSnrDb(clean: Int16Array, mixed: Int16Array): number {
  const noise = new Int16Array(clean.length);
  for (let i = 0; i < clean.length; i++) noise[i] = (mixed[i] ?? 0) - clean[i]!;
  return 20 * Math.log10(rms(clean) / rms(noise));
}

function int16(bytes: Buffer): Int16Array {
  const copy = new Uint8Array(bytes.length - (bytes.length % 2));
  copy.set(bytes.subarray(0, copy.length));
  return new Int16Array(copy.buffer);
}

function exited(child: ReturnType<typeof spawn>, name: string): Promise<void> {
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}: ${stderr}`))));
  });
}
