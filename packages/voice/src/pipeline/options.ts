/** The options of createVoicePipeline, checked at the boundary (a bad option is a format error). */
import { z } from "zod";
import { clientCapabilitiesSchema, SUPPORTED_SAMPLE_RATES, type ClientCapabilities } from "../protocol";
import type { AgcOptions } from "../dsp/agc";
import type { VadOptions } from "../vad/segmenter";
import type { SuppressMode } from "./adaptive";

export const pipelineOptionsSchema = z.object({
  inputSampleRate: z.union(SUPPORTED_SAMPLE_RATES.map((r) => z.literal(r)) as [z.ZodLiteral<8000>, z.ZodLiteral<16000>, z.ZodLiteral<24000>, z.ZodLiteral<48000>]),
  capabilities: clientCapabilitiesSchema.partial().optional(),
  vad: z
    .object({
      threshold: z.number().min(0).max(1),
      negativeThreshold: z.number().min(0).max(1),
      minSpeechMs: z.number().min(0).max(60_000),
      hangoverMs: z.number().min(0).max(60_000),
      preRollMs: z.number().min(0).max(60_000),
    })
    .partial()
    .optional(),
  agc: z
    .object({ targetDbfs: z.number().min(-60).max(0), maxGainDb: z.number().min(0).max(60), minGainDb: z.number().min(-60).max(0) })
    .partial()
    .optional(),
  recognitionInput: z.enum(["suppressed", "unsuppressed"]).optional(),
  suppress: z.enum(["off", "rnnoise-48k", "rnnoise-16k"]).optional(),
});

export interface PipelineOptions {
  inputSampleRate: number;
  capabilities?: Partial<ClientCapabilities>;
  vad?: Partial<VadOptions>;
  agc?: Partial<AgcOptions>;
  /** What `push().recognition` carries; default "unsuppressed" (see PushResult.recognition). */
  recognitionInput?: "suppressed" | "unsuppressed";
  /** Fixes the suppressor mode instead of letting the plan choose it: for benches and A/B measurements. */
  suppress?: SuppressMode;
}
