/**
 * The live-call wire protocol between a browser and the voice gateway (apps/api), over one
 * WebSocket per call: `GET /voice/calls/:conversationId` (the caller) and
 * `GET /voice/calls/:conversationId/listen` (an agent listening in, server → client only).
 *
 * Audio travels as binary frames of little-endian 16-bit mono PCM: caller → gateway at the rate
 * declared in `hello`, gateway → caller at the rate announced in `tts-start`. Everything else is
 * a JSON text frame described here. Pure definitions (zod + types), safe for the browser bundle.
 */
import { z } from "zod";

export const SUPPORTED_SAMPLE_RATES = [8000, 16000, 24000, 48000] as const;
export type SupportedSampleRate = (typeof SUPPORTED_SAMPLE_RATES)[number];

export const callStates = ["idle", "listening", "user-speaking", "thinking", "bot-speaking", "ended"] as const;
export type CallState = (typeof callStates)[number];

/** What the browser says about itself: the gateway picks its stages from this. */
export const clientCapabilitiesSchema = z.object({
  sampleRate: z.union(SUPPORTED_SAMPLE_RATES.map((r) => z.literal(r)) as [z.ZodLiteral<8000>, z.ZodLiteral<16000>, z.ZodLiteral<24000>, z.ZodLiteral<48000>]),
  /** getUserMedia's noiseSuppression was on: the gateway skips its own suppressor. */
  noiseSuppressedByBrowser: z.boolean().default(false),
  cpuBudget: z.enum(["low", "normal", "high"]).default("normal"),
});
export type ClientCapabilities = z.infer<typeof clientCapabilitiesSchema>;

/** Caller → gateway (text frames). */
export const clientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), capabilities: clientCapabilitiesSchema, mode: z.enum(["auto", "push-to-talk"]).default("auto") }),
  /** Link quality as the browser measures it (WebRTC-style stats or its own jitter buffer). */
  z.object({ type: z.literal("stats"), packetLossPct: z.number().min(0).max(100), jitterMs: z.number().min(0).max(10_000) }),
  /** Push-to-talk: pressed starts a turn, released ends it (the gateway still runs its VAD). */
  z.object({ type: z.literal("ptt"), pressed: z.boolean() }),
  z.object({ type: z.literal("mute"), muted: z.boolean() }),
  /** The browser's own VAD heard the caller during playback and already stopped it locally. */
  z.object({ type: z.literal("barge-in") }),
  z.object({ type: z.literal("hangup") }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export interface AudioQuality {
  /** Mean input level, dBFS. */
  levelDbfs: number;
  /** Estimated SNR before and after the pipeline, dB (null until enough audio was seen). */
  snrBeforeDb: number | null;
  snrAfterDb: number | null;
  /** Fraction of the turn that was speech, 0..1. */
  speechRatio: number;
  /** Fraction of samples at full scale, 0..1. */
  clippingRatio: number;
}

/** Gateway → caller and listeners (text frames). */
export type ServerMessage =
  | { type: "ready"; conversationId: string; stages: string[]; ttsSampleRate: number }
  | { type: "state"; state: CallState }
  | { type: "partial"; text: string }
  | { type: "final"; text: string; confidence: number; quality: AudioQuality }
  /** A bot message as text, sent before its audio (captions). */
  | { type: "reply"; messageId: string; text: string }
  | { type: "tts-start"; messageId: string; sampleRate: number }
  | { type: "tts-end"; messageId: string; interrupted: boolean }
  /** Playback was cut because the caller spoke: the browser drops queued audio. */
  | { type: "barge-in"; messageId: string }
  | { type: "metrics"; stageLatencyMs: Record<string, number>; rtf: number }
  | { type: "error"; code: VoiceErrorCode; message: string }
  | { type: "ended"; status: string };

export type VoiceErrorCode =
  | "bad-message"
  | "bad-audio"
  | "not-found"
  /** No conversation token (callers) or session (listeners), or an expired one: close 4401. */
  | "unauthorized"
  /** A token for another conversation, or a role that may not listen in: close 4403. */
  | "forbidden"
  | "conversation-ended"
  | "speech-provider"
  | "overloaded"
  | "internal";

/** Parses one text frame from a caller; a readable error instead of an exception. */
export function parseClientMessage(raw: string): { ok: true; message: ClientMessage } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: "not JSON" };
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "message"}: ${i.message}`).join("; ") };
  return { ok: true, message: parsed.data };
}
