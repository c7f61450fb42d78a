/**
 * Offline use of the same stages on a whole recording: quality assessment (voice activities) and
 * denoising (speech-to-text evaluation). Audio is fed in 20 ms pushes, exactly as a live call
 * would arrive, so a recording is assessed the way the gateway would have heard it.
 */
import { AudioFormatError } from "../format/errors";
import { resample } from "../format/resample";
import { SUPPORTED_SAMPLE_RATES, type SupportedSampleRate } from "../protocol";
import type { VadOptions } from "../vad/segmenter";
import { createVoicePipeline, OUTPUT_SAMPLE_RATE, type PipelineMetrics, type VoicePipeline } from "./pipeline";
import { NoiseSuppressor, RNNOISE_FRAME, RNNOISE_SAMPLE_RATE } from "../suppress/rnnoise";
import { toFloat, toInt16 } from "../format/resample";

const PUSH_MS = 20;

export interface SpeechSegment {
  startMs: number;
  endMs: number;
}

export interface RecordingAssessment extends PipelineMetrics {
  speechSegments: SpeechSegment[];
}

/** Any rate in: the pipeline's supported rates are used as they are, others are first resampled to 16 kHz. */
function toSupported(samples: Int16Array, sampleRate: number): { samples: Int16Array; rate: SupportedSampleRate } {
  if ((SUPPORTED_SAMPLE_RATES as readonly number[]).includes(sampleRate)) return { samples, rate: sampleRate as SupportedSampleRate };
  return { samples: resample(samples, sampleRate, OUTPUT_SAMPLE_RATE), rate: OUTPUT_SAMPLE_RATE };
}

async function runThrough(p: VoicePipeline, samples: Int16Array, rate: number) {
  const step = (rate * PUSH_MS) / 1000;
  const audio: Int16Array[] = [];
  const events = [];
  for (let i = 0; i < samples.length; i += step) {
    const r = await p.push(samples.subarray(i, Math.min(samples.length, i + step)));
    audio.push(r.audio);
    events.push(...r.events);
  }
  const end = await p.flush();
  events.push(...end.events);
  return { audio, events };
}

export async function assessRecording(
  samples: Int16Array,
  sampleRate: number,
  options: { vad?: Partial<VadOptions>; noiseSuppressedByBrowser?: boolean } = {},
): Promise<RecordingAssessment> {
  if (samples.length === 0) throw new AudioFormatError("empty", "the recording holds no samples");
  const input = toSupported(samples, sampleRate);
  const p = await createVoicePipeline({
    inputSampleRate: input.rate,
    capabilities: { noiseSuppressedByBrowser: options.noiseSuppressedByBrowser ?? false, cpuBudget: "high" },
    vad: options.vad,
  });
  try {
    const { events } = await runThrough(p, input.samples, input.rate);
    const speechSegments: SpeechSegment[] = [];
    for (const e of events) {
      if (e.type === "speech-start") speechSegments.push({ startMs: e.atMs, endMs: e.atMs });
      else if (speechSegments.length > 0) speechSegments[speechSegments.length - 1]!.endMs = e.atMs;
    }
    return { ...p.metrics(), speechSegments };
  } finally {
    await p.close();
  }
}

/**
 * RNNoise alone over a recording, returned at its own rate and length, time-aligned with the
 * input (the resamplers' delay is removed). For measuring what suppression does to recognition.
 */
export async function denoise(samples: Int16Array, sampleRate: number): Promise<Int16Array> {
  if (samples.length === 0) return new Int16Array(0);
  if (!Number.isInteger(sampleRate) || sampleRate < 4000 || sampleRate > 192_000) throw new AudioFormatError("unsupported", `sample rate ${sampleRate} Hz`);
  const ns = await NoiseSuppressor.create();
  try {
    const up = sampleRate === RNNOISE_SAMPLE_RATE ? samples : resample(samples, sampleRate, RNNOISE_SAMPLE_RATE);
    // RNNoise's overlap-add delays its output by one frame: pad two so the tail comes out, then skip one.
    const padded = new Float32Array(up.length + 2 * RNNOISE_FRAME);
    padded.set(toFloat(up));
    const clean = toInt16(ns.process(padded).subarray(RNNOISE_FRAME), up.length);
    return sampleRate === RNNOISE_SAMPLE_RATE ? clean : resample(clean, RNNOISE_SAMPLE_RATE, sampleRate).subarray(0, samples.length);
  } finally {
    ns.close();
  }
}
