import type { Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { appRouter, createCallerFactory, type ApiContext } from "@parley/api";
import { parseClientMessage, type ClientMessage, type ServerMessage } from "@parley/voice/protocol";
import { speak } from "./speech-audio";

/** What one call sent the gateway, for the test to check. */
export interface CallRecord {
  conversationId: string;
  messages: ClientMessage[];
  frames: number;
  frameBytes: Set<number>;
}

const ROUTE = /^\/voice\/calls\/([A-Za-z0-9_-]{1,64})(\/listen)?\/?$/;
const SPEECH_DBFS = -40;
/** 20 quiet 20 ms frames, or 600 ms without frames (the browser stopped sending), end a turn. */
const END_QUIET_FRAMES = 20;
const END_IDLE_MS = 600;
/** Text-to-speech goes out in 100 ms chunks, twice as fast as real time (the browser buffers). */
const TTS_CHUNK_S = 0.1;
const TTS_PACE_MS = 50;

function dbfs(frame: Buffer): number {
  let sum = 0;
  const n = Math.floor(frame.length / 2);
  for (let i = 0; i < n; i++) sum += (frame.readInt16LE(i * 2) / 32768) ** 2;
  return n === 0 ? -Infinity : 10 * Math.log10(sum / n);
}

/**
 * A stand-in for the voice gateway that speaks the wire protocol of @parley/voice/protocol on
 * the real API server, for testing the browser side on its own: real conversations (the caller's
 * words go to the real workflow through `conversations.send`, the bot's replies come back) and
 * real speech synthesis (espeak-ng), but a *scripted* recogniser: a turn is detected from the
 * audio level, and its words are the ones the test's microphone recording says.
 */
export function attachScriptedVoiceGateway(
  server: Server,
  context: ApiContext,
  /** `refuse`: the next call's hello is answered with this error and the socket closed (then cleared). */
  script: {
    heard: string;
    refuse?: { code: "not-found" | "overloaded" | "internal"; message: string };
    /** The next call's greeting is spoken four times over in one message (long enough to talk over); then cleared. */
    longGreeting?: boolean;
  },
) {
  const api = createCallerFactory(appRouter)(context);
  const wss = new WebSocketServer({ noServer: true });
  const listeners = new Map<string, Set<WebSocket>>();
  const calls: CallRecord[] = [];

  const onUpgrade = (req: import("node:http").IncomingMessage, socket: import("node:stream").Duplex, head: Buffer) => {
    const route = ROUTE.exec((req.url ?? "").split("?")[0] ?? "");
    if (!route) return socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    wss.handleUpgrade(req, socket, head, (ws) => (route[2] ? listen(ws, route[1]!) : call(ws, route[1]!)));
  };
  server.on("upgrade", onUpgrade);

  function listen(ws: WebSocket, conversationId: string) {
    const set = listeners.get(conversationId) ?? new Set();
    listeners.set(conversationId, set);
    set.add(ws);
    ws.on("close", () => set.delete(ws));
  }

  function call(ws: WebSocket, conversationId: string) {
    const record: CallRecord = { conversationId, messages: [], frames: 0, frameBytes: new Set() };
    calls.push(record);
    let hello = false;
    let speaking = false;
    let loudFrames = 0;
    let quietFrames = 0;
    let idle: ReturnType<typeof setTimeout> | undefined;
    let tts: { messageId: string; stop: boolean } | null = null;
    let closed = false;
    ws.on("close", () => {
      closed = true;
      clearTimeout(idle);
    });

    const send = (message: ServerMessage) => {
      if (closed) return;
      ws.send(JSON.stringify(message));
      for (const listener of listeners.get(conversationId) ?? []) listener.send(JSON.stringify(message));
    };

    async function say(messageId: string, text: string) {
      send({ type: "reply", messageId, text });
      const { sampleRate, samples } = speak(text, 190);
      const current = { messageId, stop: false };
      tts = current;
      send({ type: "state", state: "bot-speaking" });
      send({ type: "tts-start", messageId, sampleRate });
      const step = Math.round(sampleRate * TTS_CHUNK_S);
      for (let at = 0; at < samples.length && !current.stop && !closed; at += step) {
        const chunk = samples.subarray(at, at + step);
        ws.send(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        await new Promise((resolve) => setTimeout(resolve, TTS_PACE_MS));
      }
      if (!current.stop) send({ type: "tts-end", messageId, interrupted: false });
      if (tts === current) tts = null;
    }

    function bargeIn() {
      if (!tts) return;
      tts.stop = true;
      send({ type: "barge-in", messageId: tts.messageId });
      send({ type: "tts-end", messageId: tts.messageId, interrupted: true });
      tts = null;
    }

    async function endTurn() {
      clearTimeout(idle);
      speaking = false;
      loudFrames = 0;
      quietFrames = 0;
      send({ type: "final", text: script.heard, confidence: 0.93, quality: { levelDbfs: -22, snrBeforeDb: 30, snrAfterDb: 32, speechRatio: 0.7, clippingRatio: 0 } });
      send({ type: "state", state: "thinking" });
      try {
        const result = await api.conversations.send({ conversationId, text: script.heard });
        for (const reply of result.replies.filter((r) => r.author === "bot")) await say(reply.id, reply.text);
        if (result.status !== "active" && result.status !== "handoff") {
          send({ type: "ended", status: result.status });
          ws.close(1000, "conversation ended");
        } else send({ type: "state", state: "listening" });
      } catch (error) {
        send({ type: "error", code: "internal", message: error instanceof Error ? error.message : String(error) });
      }
    }

    ws.on("message", (data, isBinary) => {
      const bytes = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
      if (!isBinary) {
        const parsed = parseClientMessage(bytes.toString("utf8"));
        if (!parsed.ok) return send({ type: "error", code: "bad-message", message: parsed.error });
        record.messages.push(parsed.message);
        const message = parsed.message;
        if (message.type === "hello" && script.refuse) {
          send({ type: "error", ...script.refuse });
          script.refuse = undefined;
          ws.close(4404, "refused");
        } else if (message.type === "hello") {
          hello = true;
          send({ type: "ready", conversationId, stages: ["scripted"], ttsSampleRate: 22050 });
          send({ type: "state", state: "listening" });
          void api.conversations.get({ id: conversationId }).then(async (conversation) => {
            const greeting = conversation.messages.filter((m) => m.author === "bot");
            if (script.longGreeting) {
              script.longGreeting = false;
              const text = greeting.map((m) => m.text).join(" ");
              await say(greeting[0]!.id, [text, text, text, text].join(" "));
            } else for (const m of greeting) await say(m.id, m.text);
            send({ type: "state", state: "listening" });
          });
        } else if (message.type === "barge-in") bargeIn();
        else if (message.type === "hangup") {
          send({ type: "ended", status: "closed" });
          ws.close(1000, "hangup");
        }
        return;
      }
      if (!hello) return send({ type: "error", code: "bad-audio", message: "audio before hello" });
      record.frames++;
      record.frameBytes.add(bytes.length);
      clearTimeout(idle);
      if (dbfs(bytes) > SPEECH_DBFS) {
        quietFrames = 0;
        if (!speaking) {
          speaking = true;
          bargeIn();
          send({ type: "state", state: "user-speaking" });
        }
        // The words so far, as a recogniser's partials grow.
        if (++loudFrames % 15 === 0) {
          const words = script.heard.split(" ");
          send({ type: "partial", text: words.slice(0, Math.min(words.length - 1, loudFrames / 15)).join(" ") });
        }
      } else if (speaking && ++quietFrames >= END_QUIET_FRAMES) void endTurn();
      if (speaking) idle = setTimeout(() => void endTurn(), END_IDLE_MS);
    });
  }

  return {
    calls,
    close() {
      server.off("upgrade", onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
