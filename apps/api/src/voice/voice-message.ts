import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { appRouter, createCallerFactory, toTrpcError, type ApiServices } from "@parley/api";
import { createAudioStore, type AudioCipher } from "@parley/activities/voice";
import { parseWav } from "@parley/voice";
import { sendCustomerVoiceMessage } from "@parley/workflows/client";
import { replyJson } from "../json-reply";
import { replyKnownError } from "../route-error";
import { requestContext } from "../request-context";
import type { TrustProxy } from "../client-address";

export interface VoiceMessageRouteOptions {
  services: ApiServices;
  audioCipher: AudioCipher;
  trustProxy?: TrustProxy;
  /** Largest upload; 2 MiB is about a minute of 16 kHz speech. */
  maxBytes?: number;
}

const ROUTE = /^\/voice\/messages\/([A-Za-z0-9_-]{1,64})\/?$/;
const createCaller = createCallerFactory(appRouter);

/**
 * `POST /voice/messages/:conversationId` with a WAV body: a voice message (voicemail, a voice
 * note). The audio is stored encrypted first, so nothing is lost if anything later fails; then
 * the conversation gets the recording id (customerVoiceMessage Update) and transcribes it with a
 * Temporal activity: the transcript becomes the customer's message with its confidence
 * (meta.spoken.recordingId points at the audio, the recording at the message). Answers with the
 * recording id, what was heard and the bot's reaction, like conversations.send; 422 when no
 * speech was heard (nothing is recorded as the customer's words).
 */
export function createVoiceMessageRoute(options: VoiceMessageRouteOptions) {
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const store = createAudioStore(options.services.db, options.audioCipher);
  const trustProxy = options.trustProxy ?? (() => false);

  async function handle(req: IncomingMessage, res: ServerResponse, conversationId: string): Promise<void> {
    // The customer's conversation token (header), or a channel integration's API key.
    const api = createCaller(requestContext(options.services, req, trustProxy));
    const conversation = await api.conversations.state({ conversationId });
    if (conversation.status !== "active" && conversation.status !== "handoff") {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: `the conversation is ${conversation.status}` });
    }
    const clientMessageId = clientMessageIdOf(req);
    const body = await readBody(req, maxBytes);
    const wav = parseWav(body, { maxBytes });
    const recording = await store.save({ conversationId, kind: "recording", sampleRate: wav.sampleRate, samples: wav.samples });
    const { heard, ...turn } = await sendCustomerVoiceMessage(
      options.services.temporal.workflow.getHandle(conversation.workflowId),
      { recordingId: recording.id, ...(clientMessageId ? { clientMessageId } : {}) },
      // Keyed by the client's message id (else the recording): an upload sent again is answered
      // from the first and never recorded twice.
      { updateId: `voice-message-${clientMessageId ?? recording.id}` },
    ).catch((err: unknown) => {
      throw toTrpcError(err);
    });
    // Answered from an earlier upload of the same message: this second copy of the audio is unused.
    const recordingId = heard.recordingId ?? recording.id;
    if (recordingId !== recording.id) await options.services.db.audioRecording.delete({ where: { id: recording.id } }).catch(() => undefined);
    replyJson(res, 200, { recordingId, transcript: { text: heard.text, confidence: heard.confidence, engine: heard.engine }, turn });
  }

  /** Takes the request when it is a voice message; false leaves it to the next route. */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const route = ROUTE.exec((req.url ?? "").split("?")[0] ?? "");
    if (!route) return false;
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      replyJson(res, 405, { error: "POST a WAV file", code: "METHOD_NOT_SUPPORTED" });
      return true;
    }
    handle(req, res, route[1]!).catch((err: unknown) => {
      if (err instanceof HttpError) return replyJson(res, err.status, { error: err.message, code: err.code });
      if (err instanceof Error && err.name === "AudioFormatError") return replyJson(res, 400, { error: err.message, code: "BAD_REQUEST" });
      if (replyKnownError(res, err)) return;
      console.error(`[voice] voice message for ${route[1]} failed:`, err);
      replyJson(res, 500, { error: "the voice message could not be processed", code: "INTERNAL_SERVER_ERROR" });
    });
    return true;
  };
}

/**
 * The client's id for this voice message (`?clientMessageId=` or the `x-client-message-id`
 * header), as for typed messages: 1-64 letters, digits, - or _.
 */
function clientMessageIdOf(req: IncomingMessage): string | undefined {
  const url = new URL(req.url ?? "/", "http://localhost");
  const header = req.headers["x-client-message-id"];
  const id = url.searchParams.get("clientMessageId") ?? (typeof header === "string" ? header : undefined);
  if (id === undefined) return undefined;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new HttpError(400, "clientMessageId must be 1-64 letters, digits, - or _");
  return id;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = "PAYLOAD_TOO_LARGE",
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new HttpError(413, `the recording is larger than ${maxBytes} bytes`);
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      req.resume();
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size > maxBytes) return; // refused already: the rest is read and dropped
      size += chunk.length;
      if (size > maxBytes) {
        // Answer 413 instead of cutting the connection (the client would see only a reset);
        // the reply closes the connection, so the rest is not read for long.
        chunks.length = 0;
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

