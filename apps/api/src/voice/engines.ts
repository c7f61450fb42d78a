/**
 * What the gateway needs from @parley/voice, as injected dependencies: the app wires the real
 * pipeline and speech providers (main.ts), the benchmark wires providers with fixed latencies.
 */
import type { ClientCapabilities, SpeechToText, TextToSpeech, VoicePipeline } from "@parley/voice";

export type { RecognitionSession, SpeechToText, TextToSpeech } from "@parley/voice";

/** The part of a pipeline a live call uses. */
export type LivePipeline = Pick<VoicePipeline, "push" | "flush" | "metrics" | "resetTurn" | "updateConditions" | "close">;
export type PipelineEvent = Awaited<ReturnType<LivePipeline["push"]>>["events"][number];

export interface VoiceEngines {
  createPipeline(options: { inputSampleRate: number; capabilities?: ClientCapabilities }): Promise<LivePipeline>;
  stt: SpeechToText;
  tts: TextToSpeech;
}
