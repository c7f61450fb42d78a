/**
 * A local stand-in for the Azure Speech service that speaks the WebSocket protocol of
 * microsoft-cognitiveservices-speech-sdk (read from the SDK's own code:
 * common.speech/WebsocketMessageFormatter.js, ServiceRecognizerBase.js, SpeechServiceRecognizer.js,
 * SynthesisAdapterBase.js, SynthesisTurn.js), so the real SDK runs against it on loopback. This file
 * holds the sessions (handshake, recognition and synthesis turns, injected failures); the frames
 * are read and written by ./azure-speech-frames.ts.
 *
 * Recognition (/speech/recognition/<mode>/cognitiveservices/v1?language=..&format=simple|detailed):
 *   in: speech.config, speech.context (phrase lists under dgi.groups), audio (first one starts with
 *   a RIFF header; an empty one ends the stream)
 *   out: turn.start, speech.startDetected, speech.hypothesis (one per growing prefix of the
 *   result), speech.phrase (simple or detailed with NBest, Words and Confidence), speech.endDetected,
 *   turn.end.
 * Synthesis (/tts/cognitiveservices/websocket/v1):
 *   in: speech.config, synthesis.context (synthesis.audio.outputFormat), ssml
 *   out: turn.start, response ({audio:{streamId}}), audio (binary, X-StreamId), turn.end.
 *
 * What it does not model: Azure's own recognition (the test plugs in a transcriber), multi-phrase
 * segmentation of long audio, word-boundary/viseme metadata, token authentication.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { dataOffset, decode, json, phrasesOf, send, sendBinary } from "./azure-speech-frames";

export interface FakeRecognition {
  text: string;
  confidence: number;
  words: Array<{ word: string; startMs: number; endMs: number }>;
}

export interface AzureSpeechServerOptions {
  /** The subscription key it accepts; any other gets HTTP 401 at the handshake. */
  key: string;
  /** Turns the received 16 kHz PCM into a result (the test plugs in a real engine). */
  transcribe: (audio: Int16Array, context: { phrases: string[]; language: string | null }) => Promise<FakeRecognition>;
}

/** A failure injected into the next connection or turn. */
export type InjectedFailure =
  | { at: "handshake"; status: 401 | 403 | 429 | 500 }
  /** Answers a recognition turn with speech.phrase RecognitionStatus (TooManyRequests, BadRequest, ...). */
  | { at: "phrase"; status: "TooManyRequests" | "BadRequest" | "Error" | "Forbidden" }
  /** Drops the socket (no close frame) after the first audio message. */
  | { at: "drop" };

export interface TurnRecord {
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  speechConfig?: unknown;
  speechContext?: unknown;
  phrases: string[];
  audio: Int16Array;
  synthesisContext?: unknown;
  ssml?: string;
}

export interface AzureSpeechServer {
  /** ws://127.0.0.1:<port> */
  readonly origin: string;
  readonly handshakes: { accepted: number; rejected: number };
  /** Each accepted connection (its X-ConnectionId and path), in order. */
  readonly connections: Array<{ id: string; path: string }>;
  /** One entry per recognition stream or synthesis request, in order. */
  readonly turns: TurnRecord[];
  inject(failure: InjectedFailure): void;
  close(): Promise<void>;
}

export async function startAzureSpeechServer(options: AzureSpeechServerOptions): Promise<AzureSpeechServer> {
  const failures: InjectedFailure[] = [];
  const turns: TurnRecord[] = [];
  const handshakes = { accepted: 0, rejected: 0 };
  const connections: Array<{ id: string; path: string }> = [];
  const sockets = new Set<Socket>();
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const wss = new WebSocketServer({ noServer: true });

  http.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const key = req.headers["ocp-apim-subscription-key"] ?? url.searchParams.get("Ocp-Apim-Subscription-Key");
    const injected = failures[0]?.at === "handshake" ? failures.shift() : undefined;
    const status = injected?.at === "handshake" ? injected.status : key !== options.key ? 401 : url.pathname.match(/^\/(speech\/recognition\/\w+\/cognitiveservices\/v1|stt\/speech\/universal\/v\d+|tts\/cognitiveservices\/websocket\/v1)$/) ? 0 : 404;
    if (status !== 0) {
      handshakes.rejected++;
      const text = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error" }[status] ?? "Error";
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    handshakes.accepted++;
    connections.push({ id: String(req.headers["x-connectionid"] ?? url.searchParams.get("X-ConnectionId") ?? ""), path: url.pathname });
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (url.pathname.startsWith("/tts/")) serveSynthesis(ws, req, url);
      else serveRecognition(ws, req, url);
    });
  });

  function baseRecord(req: IncomingMessage, url: URL): TurnRecord {
    return { path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, phrases: [], audio: new Int16Array(0) };
  }

  function serveRecognition(ws: WebSocket, req: IncomingMessage, url: URL): void {
    let config: unknown;
    let context: unknown;
    let record: TurnRecord | undefined;
    let audio: Buffer[] = [];
    let bytes = 0;
    let sawHeader = false;
    const detailed = url.searchParams.get("format") === "detailed";
    let dropped = false;
    ws.on("message", (data, isBinary) => {
      if (dropped) return;
      const message = decode(data as Buffer, isBinary);
      const requestId = message.headers["x-requestid"] ?? "";
      const path = message.headers.path?.toLowerCase();
      if (path === "speech.config") config = json(message.text);
      else if (path === "speech.context") context = json(message.text);
      else if (path === "audio") {
        if (!record) {
          record = { ...baseRecord(req, url), speechConfig: config, speechContext: context, phrases: phrasesOf(context) };
          turns.push(record);
          if (failures[0]?.at === "drop") {
            failures.shift();
            dropped = true;
            (ws as unknown as { _socket: Socket })._socket.destroy(); // no close frame: a network cut
            return;
          }
          send(ws, "turn.start", requestId, { context: { serviceTag: "fake" } });
          send(ws, "speech.startDetected", requestId, { Offset: 0 });
        }
        let body = message.binary ?? Buffer.alloc(0);
        if (body.length > 0) {
          if (!sawHeader && body.length >= 12 && body.toString("ascii", 0, 4) === "RIFF") {
            sawHeader = true;
            body = body.subarray(dataOffset(body));
          }
          audio.push(body);
          bytes += body.length;
          return;
        }
        // An empty audio message: the client's end of stream.
        const pcm = Buffer.concat(audio, bytes);
        const samples = new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.length - (pcm.length % 2)));
        const turn = record;
        turn.audio = samples;
        audio = [];
        bytes = 0;
        void answer(ws, requestId, turn, samples, detailed, url.searchParams.get("language"));
      }
    });
  }

  async function answer(ws: WebSocket, requestId: string, turn: TurnRecord, samples: Int16Array, detailed: boolean, language: string | null) {
    const durationTicks = Math.round((samples.length / 16) * 10_000); // 100-ns ticks
    const injected = failures[0]?.at === "phrase" ? failures.shift() : undefined;
    if (injected?.at === "phrase") {
      send(ws, "speech.phrase", requestId, { RecognitionStatus: injected.status, Offset: 0, Duration: 0 });
      send(ws, "turn.end", requestId, {});
      return;
    }
    const result = await options.transcribe(samples, { phrases: turn.phrases, language });
    const words = result.text.split(/\s+/).filter(Boolean);
    for (let n = 1; n <= words.length; n++) {
      const upTo = result.words[n - 1]?.endMs ?? 0;
      send(ws, "speech.hypothesis", requestId, { Text: words.slice(0, n).join(" ").toLowerCase(), Offset: 0, Duration: upTo * 10_000 });
    }
    if (result.text === "") {
      send(ws, "speech.phrase", requestId, { RecognitionStatus: "NoMatch", Offset: 0, Duration: durationTicks });
    } else if (detailed) {
      const lexical = result.text.toLowerCase().replace(/[^\w\s']/g, "");
      send(ws, "speech.phrase", requestId, {
        RecognitionStatus: "Success",
        Offset: 0,
        Duration: durationTicks,
        DisplayText: result.text,
        NBest: [
          {
            Confidence: result.confidence,
            Lexical: lexical,
            ITN: lexical,
            MaskedITN: lexical,
            Display: result.text,
            Words: result.words.map((w) => ({ Word: w.word.toLowerCase().replace(/[^\w']/g, ""), Offset: w.startMs * 10_000, Duration: (w.endMs - w.startMs) * 10_000 })),
          },
        ],
      });
    } else {
      send(ws, "speech.phrase", requestId, { RecognitionStatus: "Success", Offset: 0, Duration: durationTicks, DisplayText: result.text });
    }
    send(ws, "speech.endDetected", requestId, { Offset: durationTicks });
    send(ws, "turn.end", requestId, {});
  }

  function serveSynthesis(ws: WebSocket, req: IncomingMessage, url: URL): void {
    let config: unknown;
    let context: unknown;
    ws.on("message", (data, isBinary) => {
      const message = decode(data as Buffer, isBinary);
      const requestId = message.headers["x-requestid"] ?? "";
      const path = message.headers.path?.toLowerCase();
      if (path === "speech.config") config = json(message.text);
      else if (path === "synthesis.context") context = json(message.text);
      else if (path === "ssml") {
        const ssml = message.text ?? "";
        turns.push({ ...baseRecord(req, url), speechConfig: config, synthesisContext: context, ssml });
        const format = String((context as { synthesis?: { audio?: { outputFormat?: string } } })?.synthesis?.audio?.outputFormat ?? "");
        const rate = Number(/raw-(\d+)khz-16bit-mono-pcm/.exec(format)?.[1] ?? 16) * 1000;
        const streamId = "a1b2c3";
        send(ws, "turn.start", requestId, { context: { serviceTag: "fake" } });
        send(ws, "response", requestId, { context: { serviceTag: "fake" }, audio: { type: "inline", streamId } });
        const pcm = toneFor(ssml, rate);
        const chunkBytes = rate / 10; // 50 ms of 16-bit audio per message, as the service streams
        for (let offset = 0; offset < pcm.length; offset += chunkBytes) {
          sendBinary(ws, "audio", requestId, pcm.subarray(offset, offset + chunkBytes), { "X-StreamId": streamId, "Content-Type": "audio/x-wav" });
        }
        send(ws, "turn.end", requestId, {});
      }
    });
  }

  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    origin: `ws://127.0.0.1:${port}`,
    handshakes,
    connections,
    turns,
    inject: (failure) => failures.push(failure),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** 120 ms of a 440 Hz tone per word of the SSML's text: audio whose length the test can predict. */
export function toneFor(ssml: string, sampleRate: number): Buffer {
  const words = ssml.replace(/<[^>]*>/g, " ").split(/\s+/).filter(Boolean).length;
  const samples = Math.round(words * 0.12 * sampleRate);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), i * 2);
  return pcm;
}
