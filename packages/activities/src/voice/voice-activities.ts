import { ApplicationFailure } from "@temporalio/common";
import { z } from "zod";
import { assessRecording, type RecordingAssessment, type SpeechToText, type TextToSpeech } from "@parley/voice";
import type { Db } from "@parley/db";
import { FailureType } from "../types";
import { AudioIntegrityError, type AudioCipher } from "./audio-cipher";
import { AudioNotFoundError, createAudioStore, type AudioStore } from "./audio-store";
import { transcribeSamples, type RecordingTranscript } from "./transcribe";

export interface VoiceDeps {
  db: Db;
  /** Seals stored audio; without it the voice activities refuse to run (audio is never kept in clear). */
  audioCipher?: AudioCipher;
  /** The speech engines (Azure, or the offline ones), built by the worker from its configuration. */
  speech?: { stt: SpeechToText; tts: TextToSpeech };
}

const recordingInput = z.object({ recordingId: z.string().min(1).max(64) });
/** With a conversation id, only that conversation's recording is found (the workflow passes it). */
const transcribeInput = recordingInput.extend({ conversationId: z.string().min(1).max(64).optional() });
const synthesizeInput = z
  .object({
    text: z.string().trim().max(4000).default(""),
    ssml: z.string().max(20_000).optional(),
    voice: z.string().max(100).optional(),
    conversationId: z.string().min(1).max(64).optional(),
    messageId: z.string().min(1).max(100).optional(),
  })
  .refine((input) => input.text.length > 0 || Boolean(input.ssml), "text or ssml is required");

/** The longest prompt synthesized: a prompt is a sentence or two, not an audiobook. */
const MAX_PROMPT_SECONDS = 120;

function parse<T>(schema: z.ZodType<T>, input: unknown, activity: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
  throw ApplicationFailure.nonRetryable(`${activity}: invalid input (${problems})`, FailureType.InvalidVoiceInput);
}

/** Failures no retry can fix become non-retryable; engine and database hiccups stay retryable. */
function asFailure(err: unknown): unknown {
  if (err instanceof AudioIntegrityError) return ApplicationFailure.nonRetryable(err.message, FailureType.AudioIntegrity);
  if (err instanceof AudioNotFoundError) return ApplicationFailure.nonRetryable(err.message, FailureType.InvalidVoiceInput);
  if (err instanceof Error && err.name === "SpeechProviderError" && (err as Error & { retryable?: boolean }).retryable === false) {
    return ApplicationFailure.nonRetryable(err.message, "SpeechProvider");
  }
  return err;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw ApplicationFailure.nonRetryable(`voice activities need ${what}; the worker was started without it`, FailureType.InvalidVoiceInput);
  return value;
}

/**
 * Voice work off the live path (voicemail, voice messages, prompts): slow enough for an activity,
 * with retries and a history, unlike the live call's audio frames which never touch Temporal.
 */
export function createVoiceActivities(deps: VoiceDeps) {
  const store = (): AudioStore => createAudioStore(deps.db, required(deps.audioCipher, "an audio key"));
  return {
    /**
     * A stored recording's transcript with its confidence and audio quality: what the workflow
     * records as the contact's message (meta.spoken), so it appears in the inbox like typed text.
     */
    async transcribeRecording(input: { recordingId: string; conversationId?: string }): Promise<RecordingTranscript> {
      const { recordingId, conversationId } = parse(transcribeInput, input, "transcribeRecording");
      try {
        const audio = await store().load(recordingId);
        if (conversationId !== undefined && audio.conversationId !== conversationId) {
          throw new AudioNotFoundError(`audio recording ${recordingId} not found in conversation ${conversationId}`);
        }
        const transcript = await transcribeSamples(required(deps.speech, "speech engines").stt, audio.samples, audio.sampleRate);
        return { ...transcript, recordingId };
      } catch (err) {
        throw asFailure(err);
      }
    },

    /** Speaks a prompt into stored, encrypted audio; returns the recording's id. */
    async synthesizePrompt(input: z.input<typeof synthesizeInput>): Promise<{ recordingId: string; sampleRate: number; durationMs: number }> {
      const request = parse(synthesizeInput, input, "synthesizePrompt");
      const { tts } = required(deps.speech, "speech engines");
      try {
        const chunks: Int16Array[] = [];
        let length = 0;
        for await (const chunk of tts.synthesize({ text: request.text, ...(request.ssml ? { ssml: request.ssml } : {}), ...(request.voice ? { voice: request.voice } : {}) })) {
          chunks.push(chunk);
          length += chunk.length;
          if (length > MAX_PROMPT_SECONDS * tts.sampleRate) {
            throw ApplicationFailure.nonRetryable(`the prompt is longer than ${MAX_PROMPT_SECONDS} s of speech`, FailureType.InvalidVoiceInput);
          }
        }
        const samples = new Int16Array(length);
        let offset = 0;
        for (const chunk of chunks) {
          samples.set(chunk, offset);
          offset += chunk.length;
        }
        const saved = await store().save({
          kind: "prompt",
          sampleRate: tts.sampleRate,
          samples,
          ...(request.conversationId ? { conversationId: request.conversationId } : {}),
          ...(request.messageId ? { messageId: request.messageId } : {}),
        });
        return { recordingId: saved.id, sampleRate: tts.sampleRate, durationMs: saved.durationMs };
      } catch (err) {
        throw asFailure(err);
      }
    },

    /** Level, SNR, speech ratio, clipping and speech segments of a stored recording. */
    async assessRecordingQuality(input: { recordingId: string }): Promise<RecordingAssessment> {
      const { recordingId } = parse(recordingInput, input, "assessRecordingQuality");
      try {
        const audio = await store().load(recordingId);
        return await assessRecording(audio.samples, audio.sampleRate);
      } catch (err) {
        throw asFailure(err);
      }
    },
  };
}
