import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { appRouter, createCallerFactory, type ApiContext } from "@parley/api";
import { createAudioStore, transcribeSamples, type AudioCipher } from "@parley/activities/voice";
import { parseWav } from "@parley/voice";
import type { SpeechToText } from "./engines";

export interface VoiceMessageRouteOptions {
  context: ApiContext;
  stt: SpeechToText;
  audioCipher: AudioCipher;
  /** Largest upload; 2 MiB is about a minute of 16 kHz speech. */
  maxBytes?: number;
}

const ROUTE = /^\/voice\/messages\/([A-Za-z0-9_-]{1,64})\/?$/;
const createCaller = createCallerFactory(appRouter);

/**
 * `POST /voice/messages/:conversationId` with a WAV body: a voice message (voicemail, a voice
 * note). The audio is stored encrypted, transcribed, and the transcript goes to the conversation
 * as the customer's message with its confidence (meta.spoken.recordingId points at the audio).
 * Answers with the recording id, the transcript and the bot's reaction, like conversations.send.
 */
export function createVoiceMessageRoute(options: VoiceMessageRouteOptions) {
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const api = createCaller(options.context);
  const store = createAudioStore(options.context.db, options.audioCipher);

  async function handle(req: IncomingMessage, res: ServerResponse, conversationId: string): Promise<void> {
    const conversation = await api.conversations.get({ id: conversationId });
    if (conversation.status !== "active" && conversation.status !== "handoff") {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: `the conversation is ${conversation.status}` });
    }
    const body = await readBody(req, maxBytes);
    const wav = parseWav(body, { maxBytes });
    const transcript = await transcribeSamples(options.stt, wav.samples, wav.sampleRate);
    if (!transcript.text) {
      return reply(res, 422, { error: "no speech was heard in the recording" });
    }
    const recording = await store.save({ conversationId, kind: "recording", sampleRate: wav.sampleRate, samples: wav.samples });
    const { text, ...heard } = transcript;
    const turn = await api.conversations.send({ conversationId, text, voice: { ...heard, recordingId: recording.id } });
    if (turn.accepted) await store.attachMessage(recording.id, turn.accepted.id);
    reply(res, 200, { recordingId: recording.id, transcript: { text, confidence: heard.confidence, engine: heard.engine }, turn });
  }

  /** Takes the request when it is a voice message; false leaves it to the next route. */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const route = ROUTE.exec((req.url ?? "").split("?")[0] ?? "");
    if (!route) return false;
    if (req.method !== "POST") {
      reply(res, 405, { error: "POST a WAV file" });
      return true;
    }
    handle(req, res, route[1]!).catch((err: unknown) => {
      if (err instanceof TRPCError) return reply(res, getHTTPStatusCodeFromError(err), { error: err.message });
      if (err instanceof HttpError) return reply(res, err.status, { error: err.message });
      if (err instanceof Error && err.name === "AudioFormatError") return reply(res, 400, { error: err.message });
      console.error(`[voice] voice message for ${route[1]} failed:`, err);
      reply(res, 500, { error: "the voice message could not be processed" });
    });
    return true;
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      req.resume();
      return reject(new HttpError(413, `the recording is larger than ${maxBytes} bytes`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.destroy();
        reject(new HttpError(413, `the recording is larger than ${maxBytes} bytes`));
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(body));
}
