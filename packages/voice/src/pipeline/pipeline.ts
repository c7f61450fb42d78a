/**
 * The per-stream voice pipeline: PCM16 at the client's rate in, enhanced 16 kHz PCM16 and VAD
 * events out, with quality metrics per turn.
 *
 *   input ─ level/clipping ─ high-pass ─┬─ [48 kHz input] RNNoise@48k ─ resample→16k ─┬─ VAD ─ AGC ─ out
 *                                       └─ resample→16k ─ RNNoise (@16k, or 16→48→16) ┘
 *
 * The recognizer gets its own tap (`PushResult.recognition`): by default the 16 kHz stream
 * before the suppressor, levelled by the AGC's gain — Whisper transcribes noisy speech better
 * than RNNoise's output (bench/voice/recognition-input.ts).
 *
 * Measurements (SNR before the suppressor, after it, before the AGC) are labelled by the VAD.
 * Models are shared per process (see vad/silero.ts, suppress/rnnoise.ts); everything here is
 * per stream (stream-pipeline.ts). Calls to push() are serialised, so a caller may fire them
 * without awaiting.
 */
import { clientCapabilitiesSchema, type ClientCapabilities } from "../protocol";
import { AudioFormatError } from "../format/errors";
import { NoiseSuppressor } from "../suppress/rnnoise";
import { vadOptions } from "../vad/segmenter";
import { SileroVadStream } from "../vad/silero";
import { pipelineOptionsSchema, type PipelineOptions } from "./options";
import type { VoicePipeline } from "./pipeline-types";
import { StreamPipeline } from "./stream-pipeline";

export { pipelineOptionsSchema, type PipelineOptions } from "./options";
export { OUTPUT_SAMPLE_RATE, type PipelineMetrics, type PushResult, type VoicePipeline } from "./pipeline-types";

export async function createVoicePipeline(options: PipelineOptions): Promise<VoicePipeline> {
  const parsed = pipelineOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new AudioFormatError("unsupported", `bad pipeline options: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const o = parsed.data;
  const caps: ClientCapabilities = clientCapabilitiesSchema.parse({ ...o.capabilities, sampleRate: o.inputSampleRate });
  const vad = await SileroVadStream.create();
  // Created even when the first plan has it off: the plan may turn it on later.
  const suppressor = await NoiseSuppressor.create();
  return new StreamPipeline(caps, vadOptions(o.vad), o.agc ?? {}, vad, suppressor, o.recognitionInput ?? "unsuppressed", o.suppress);
}
