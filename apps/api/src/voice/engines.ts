/**
 * What the gateway needs from @parley/voice, as injected dependencies: the app wires the real
 * pipeline and speech providers, the benchmark wires providers with fixed latencies. Typed
 * structurally so the gateway depends on the contract, not on one implementation.
 */
import type { AudioQuality, ClientCapabilities } from "@parley/voice/protocol";

export interface PipelineEvent {
  type: "speech-start" | "speech-end";
  atMs: number;
}

export interface LivePipeline {
  /** One caller frame in; the enhanced 16 kHz mono audio and the VAD's turn events out. */
  push(samples: Int16Array): Promise<{ audio: Int16Array; events: PipelineEvent[] }>;
  metrics(): AudioQuality & { stageLatencyMs: Record<string, number>; rtf: number; stages: string[] };
  resetTurn(): void;
  updateConditions(conditions: { packetLossPct: number; jitterMs: number }): void;
  close(): void | Promise<void>;
}

export interface Transcript {
  text: string;
  confidence: number;
  engine: string;
}

export interface RecognitionSession {
  write(samples16k: Int16Array): void;
  onPartial(callback: (text: string) => void): void;
  finish(): Promise<Transcript>;
  close(): void;
}

export interface SpeechToText {
  start(options?: { phrases?: readonly string[] }): Promise<RecognitionSession>;
}

export interface TextToSpeech {
  readonly sampleRate: number;
  synthesize(request: { text: string; ssml?: string; voice?: string }, signal?: AbortSignal): AsyncIterable<Int16Array>;
}

export interface VoiceEngines {
  createPipeline(options: { inputSampleRate: number; capabilities?: ClientCapabilities }): Promise<LivePipeline>;
  stt: SpeechToText;
  tts: TextToSpeech;
}
