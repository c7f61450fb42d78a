// bench/voice/pipeline's noise-suppression quality: speech with known extents mixed with white and
// pink noise at 0/5/10 dB, and the SNR measured before and after RNNoise (at 16 kHz, and at 48 kHz
// through the resamplers), against the known speech layout.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { estimateSnr, NoiseSuppressor, parseWav, Resampler } from "@parley/voice";

/** Speech and silence laid out with known extents, plus noise of a kind, for measuring suppression. */
function qualityCases(dir: string): { clean: Int16Array; speech: (frame: number) => boolean; noise: Record<string, Int16Array> } {
  const raw = join(dir, "q-raw.wav");
  const speech = join(dir, "q-speech.wav");
  execFileSync("espeak-ng", ["-v", "en-us", "-s", "160", "-w", raw, "Could you tell me when the technician will arrive tomorrow morning?"]);
  execFileSync("sox", [raw, "-r", "16000", "-c", "1", "-b", "16", speech, "pad", "1", "1"]);
  const clean = parseWav(readFileSync(speech)).samples;
  // Truth labels from the clean signal: 10 ms frames louder than −50 dBFS.
  const loud = (f: number) => {
    let sum = 0;
    for (let i = f * 160; i < (f + 1) * 160; i++) sum += clean[i]! * clean[i]!;
    return sum / 160 > 32768 ** 2 * 1e-5;
  };
  const secs = (clean.length / 16000).toFixed(3);
  const noise: Record<string, Int16Array> = {};
  for (const kind of ["whitenoise", "pinknoise"]) {
    const out = join(dir, `q-${kind}.wav`);
    execFileSync("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", out, "synth", secs, kind, "vol", "0.3"]);
    noise[kind] = parseWav(readFileSync(out)).samples;
  }
  return { clean, speech: loud, noise };
}

/** One row per noise kind and mixed SNR: the SNR measured before and after RNNoise at 16 and 48 kHz. */
export async function qualityRows(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "parley-bench-voice-q-"));
  try {
    const { clean, speech, noise } = qualityCases(dir);
    const power = (x: Int16Array, pick: (f: number) => boolean) => {
      let sum = 0;
      let n = 0;
      for (let f = 0; (f + 1) * 160 <= x.length; f++) {
        if (!pick(f)) continue;
        for (let i = f * 160; i < (f + 1) * 160; i++) sum += x[i]! * x[i]!;
        n += 160;
      }
      return sum / Math.max(1, n);
    };
    const rows: string[] = [];
    for (const [kind, n] of Object.entries(noise)) {
      for (const snr of [0, 5, 10]) {
        const k = Math.sqrt(power(clean, speech) / (power(n, () => true) * 10 ** (snr / 10)));
        const noisy = Int16Array.from(clean, (v, i) => Math.max(-32768, Math.min(32767, Math.round(v + k * n[i]!))));
        const cells = [kind.padEnd(11), `${snr} dB`.padStart(6), estimateSnr(noisy, 160, speech)!.toFixed(1).padStart(8)];
        for (const mode of ["16k", "48k"] as const) {
          const ns = await NoiseSuppressor.create();
          // Outputs are shifted back by their delay (RNNoise: one frame; resamplers: half their filter).
          const up = new Resampler(16000, 48000);
          const down = new Resampler(48000, 16000);
          const out =
            mode === "16k"
              ? ns.process(Float32Array.from(noisy)).subarray(480)
              : down.process(ns.process(up.process(Float32Array.from(noisy)))).subarray(160 + Math.round(up.delay / 3 + down.delay));
          ns.close();
          cells.push(estimateSnr(out, 160, speech)!.toFixed(1).padStart(10));
        }
        rows.push(cells.join(" "));
      }
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printQuality(rows: string[]) {
  console.log("\nRNNoise: SNR (dB) against the known speech layout, before and after, 16 kHz in/out");
  console.log(`${"noise".padEnd(11)} ${"mixed".padStart(6)} ${"measured".padStart(8)} ${"@16k".padStart(10)} ${"@48k".padStart(10)}`);
  for (const r of rows) console.log(r);
  console.log("(frames whose residual is below 1 LSB count as silence; the estimate is capped at 80 dB)");
}
