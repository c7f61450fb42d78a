/**
 * Which stages a stream runs, decided from what the client declared (sample rate, whether the
 * browser already suppressed noise, CPU budget) and what we measure (SNR of the input, packet
 * loss and jitter the client reports). Pure: the pipeline re-plans as measurements arrive and
 * applies a new plan between utterances, never inside one.
 */
import type { ClientCapabilities } from "../protocol";
import type { VadOptions } from "../vad/segmenter";

export type StageName = "resample" | "highpass" | "suppress" | "vad" | "agc";

export interface Conditions {
  /** SNR of the input as the pipeline estimates it (null until known). */
  snrDb: number | null;
  packetLossPct: number;
  jitterMs: number;
}

export type SuppressMode = "off" | "rnnoise-48k" | "rnnoise-16k";

export interface PipelinePlan {
  stages: StageName[];
  /**
   * How RNNoise runs. "rnnoise-48k": at the 48 kHz it was trained on (48 kHz input as it arrives,
   * other rates resampled up and back down) — best fidelity, ~3× the CPU. "rnnoise-16k": the
   * 16 kHz stream fed straight in as 480-sample (30 ms) frames — RNNoise's bands and pitch range
   * scale down by 3; on generated speech it removes as much white/pink/babble noise (README
   * figures) for a third of the cost and no resampling.
   */
  suppress: SuppressMode;
  vad: Pick<VadOptions, "hangoverMs">;
  /** Why, in words, for logs and the README. */
  reasons: string[];
}

/** Below this SNR the suppressor runs whatever the client said: the audio is plainly noisy. */
export const NOISY_SNR_DB = 12;
/** Above this the input is clean: RNNoise would only cost CPU and add artefacts. */
export const CLEAN_SNR_DB = 35;
/** Hysteresis: once off for cleanliness, the suppressor comes back only below this. */
export const CLEAN_SNR_REENABLE_DB = 30;

export function planPipeline(
  caps: ClientCapabilities,
  conditions: Conditions,
  baseVad: Pick<VadOptions, "hangoverMs">,
  previous?: PipelinePlan,
  /** A mode fixed by the pipeline's options (benches, A/B measurements): the plan never changes it. */
  forced?: SuppressMode,
): PipelinePlan {
  const reasons: string[] = [];
  const { snrDb } = conditions;
  const noisy = snrDb !== null && snrDb < NOISY_SNR_DB;
  const wasOff = previous?.suppress === "off";
  const clean = snrDb !== null && snrDb >= (wasOff ? CLEAN_SNR_REENABLE_DB : CLEAN_SNR_DB);

  let suppress = true;
  if (forced) {
    suppress = forced !== "off";
    reasons.push(`suppressor forced to ${forced} by the pipeline options`);
  } else if (caps.noiseSuppressedByBrowser && !noisy) {
    suppress = false;
    reasons.push("browser already suppressed noise");
  } else if (caps.cpuBudget === "low" && !noisy) {
    suppress = false;
    reasons.push("low CPU budget and the input is not noisy");
  } else if (clean) {
    suppress = false;
    reasons.push(`input is clean (SNR ${snrDb!.toFixed(1)} dB)`);
  } else if (noisy) reasons.push(`input is noisy (SNR ${snrDb!.toFixed(1)} dB): suppressor on`);

  // Lost or late packets arrive as gaps of silence: a longer hangover keeps them from ending the turn.
  const extra = Math.min(400, 2 * conditions.jitterMs) + (conditions.packetLossPct > 5 ? 200 : 0);
  if (extra > 0) reasons.push(`hangover +${Math.round(extra)} ms for jitter ${conditions.jitterMs} ms / loss ${conditions.packetLossPct}%`);

  const stages: StageName[] = [];
  if (caps.sampleRate !== 16_000) stages.push("resample");
  stages.push("highpass");
  if (suppress) stages.push("suppress");
  stages.push("vad", "agc");
  return {
    stages,
    suppress: forced ?? (!suppress ? "off" : caps.cpuBudget === "high" ? "rnnoise-48k" : "rnnoise-16k"),
    vad: { hangoverMs: baseVad.hangoverMs + extra },
    reasons,
  };
}
