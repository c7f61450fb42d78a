import { assessRecording, resample, transcribe, type SpeechToText } from "@parley/voice";
import type { RecordedMessage } from "../types";

/** A recording as the conversation records it: the text and how it was heard (meta.spoken). */
export type RecordingTranscript = NonNullable<NonNullable<RecordedMessage["meta"]>["spoken"]> & { text: string };

/** Whole-recording recognition: 16 kHz for the engine, and the quality of what it heard. */
export async function transcribeSamples(stt: SpeechToText, samples: Int16Array, sampleRate: number): Promise<RecordingTranscript> {
  const samples16k = sampleRate === 16_000 ? samples : resample(samples, sampleRate, 16_000);
  const transcript = await transcribe(stt, samples16k);
  const assessed = await assessRecording(samples16k, 16_000);
  return {
    text: transcript.text.trim(),
    confidence: Math.min(1, Math.max(0, transcript.confidence)),
    engine: transcript.engine,
    durationMs: Math.round((samples.length / sampleRate) * 1000),
    quality: {
      levelDbfs: assessed.levelDbfs,
      snrBeforeDb: assessed.snrBeforeDb,
      snrAfterDb: assessed.snrAfterDb,
      speechRatio: assessed.speechRatio,
      clippingRatio: assessed.clippingRatio,
    },
  };
}
