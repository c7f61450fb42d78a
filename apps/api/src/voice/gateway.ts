import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { TRPCError } from "@trpc/server";
import { appRouter, createCallerFactory, unavailableService, type ApiContext } from "@parley/api";
import type { ServerMessage } from "@parley/voice/protocol";
import type { TranscriptMessage } from "@parley/workflows/contracts";
import { VoiceCallError } from "./call-error";
import { VoiceCallSession } from "./call-session";
import { createCounters, type GatewayCounters } from "./counters";
import type { VoiceEngines } from "./engines";
import { defaultVoiceLimits, type VoiceLimits } from "./limits";
import { CallListeners } from "./listeners";

export interface VoiceGatewayOptions {
  context: ApiContext;
  engines: VoiceEngines;
  limits?: Partial<VoiceLimits>;
  /** Browser origins allowed to open a call (`*` any); browsers do not apply CORS to WebSockets. */
  corsOrigins?: string[];
}

export interface VoiceGateway {
  readonly counters: GatewayCounters;
  activeCalls(): number;
  close(): void;
}

const ROUTE = /^\/voice\/calls\/([A-Za-z0-9_-]{1,64})(\/listen)?\/?$/;
/** Text frames are tiny; binary frames are checked against maxFrameBytes with a readable error. */
const MAX_PAYLOAD_BYTES = 1024 * 1024;
const createCaller = createCallerFactory(appRouter);

/**
 * The live voice gateway on the API's HTTP server: `GET /voice/calls/:conversationId` upgrades to
 * a caller's socket (one VoiceCallSession), `/listen` to an agent's listen-in socket. The
 * conversation itself lives in Temporal, so a reconnect simply continues it.
 */
export function attachVoiceGateway(server: Server, options: VoiceGatewayOptions): VoiceGateway {
  const limits = { ...defaultVoiceLimits, ...options.limits };
  const origins = options.corsOrigins ?? ["*"];
  const counters = createCounters();
  const listeners = new CallListeners();
  const sessions = new Map<string, VoiceCallSession>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });
  const api = createCaller(options.context);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    const route = ROUTE.exec(path);
    if (!route) return refuse(socket, 404, "Not Found");
    const origin = req.headers.origin;
    if (origin && !origins.includes("*") && !origins.includes(origin)) return refuse(socket, 403, "Forbidden");
    const conversationId = route[1]!;
    const listen = Boolean(route[2]);
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Keep what the caller sends while the conversation is looked up; the session replays it.
      const early: { data: RawData; isBinary: boolean }[] = [];
      const hold = (data: RawData, isBinary: boolean) => {
        if (early.length < limits.inputQueueFrames) early.push({ data, isBinary });
      };
      ws.on("message", hold);
      const opening = listen ? openListener(ws, conversationId) : openCall(ws, conversationId, early);
      opening.finally(() => ws.off("message", hold)).catch((err: unknown) => {
        // Temporal or the database down: the caller may try again shortly, as over HTTP (503).
        if (unavailableService(err)) return closeWithError(ws, "overloaded", "the service is unavailable right now; try again shortly", 1013);
        console.error(`[voice] opening ${conversationId} failed:`, err);
        closeWithError(ws, "internal", "could not open the call", 1011);
      });
    });
  };
  server.on("upgrade", onUpgrade);

  async function conversationOf(ws: WebSocket, conversationId: string) {
    try {
      return await api.conversations.get({ id: conversationId });
    } catch (err) {
      if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) {
        closeWithError(ws, "not-found", `conversation ${conversationId} not found`, 4404);
        return null;
      }
      throw err;
    }
  }

  async function openListener(ws: WebSocket, conversationId: string) {
    if (!(await conversationOf(ws, conversationId))) return;
    listeners.add(conversationId, ws);
    // Listening is one way; whatever a listener sends is ignored.
  }

  async function openCall(ws: WebSocket, conversationId: string, earlyMessages: { data: RawData; isBinary: boolean }[]) {
    if (sessions.size >= limits.maxCalls && !sessions.has(conversationId)) {
      counters.callsRefused++;
      return closeWithError(ws, "overloaded", `the server has ${limits.maxCalls} calls already; try again shortly`, 1013);
    }
    const conversation = await conversationOf(ws, conversationId);
    if (!conversation) return;
    if (conversation.channel !== "voice") {
      return closeWithError(ws, "bad-message", `conversation ${conversationId} is on the ${conversation.channel} channel, not voice`, 4400);
    }
    if (conversation.status !== "active" && conversation.status !== "handoff") {
      return closeWithError(ws, "conversation-ended", `the conversation is ${conversation.status}`, 4409);
    }
    if (ws.readyState !== ws.OPEN) return;
    sessions.get(conversationId)?.replace();
    // On a first connect the caller has not heard the opening yet; a reconnect continues silently.
    const greeting = conversation.messages.some((m) => m.author === "contact")
      ? []
      : conversation.messages
          .filter((m) => m.author === "bot" || m.author === "agent")
          .map((m): TranscriptMessage => ({ ...m, authorId: m.authorId ?? undefined, meta: m.meta ?? undefined }));
    const session = new VoiceCallSession({
      conversationId,
      socket: ws,
      engines: options.engines,
      limits,
      listeners,
      counters,
      greeting,
      earlyMessages,
      sendUtterance: async (text, voice) => {
        try {
          return await api.conversations.send({ conversationId, text, voice });
        } catch (err) {
          if (err instanceof TRPCError && err.code === "PRECONDITION_FAILED") throw new VoiceCallError("conversation-ended", err.message);
          if (err instanceof TRPCError && err.code === "BAD_REQUEST") throw new VoiceCallError("bad-message", err.message);
          // Temporal unreachable or the update failed: this turn is lost, the call goes on.
          if (err instanceof TRPCError) throw new VoiceCallError("internal", `the conversation did not take the message: ${err.message}`);
          throw err;
        }
      },
      onClosed: (closed) => {
        if (sessions.get(conversationId) === closed) sessions.delete(conversationId);
      },
    });
    sessions.set(conversationId, session);
    counters.callsStarted++;
  }

  return {
    counters,
    activeCalls: () => sessions.size,
    close() {
      server.off("upgrade", onUpgrade);
      for (const session of [...sessions.values()]) session.close(1001, "server shutting down");
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function closeWithError(ws: WebSocket, code: Extract<ServerMessage, { type: "error" }>["code"], message: string, closeCode: number): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.send(JSON.stringify({ type: "error", code, message } satisfies ServerMessage));
  ws.close(closeCode, message.slice(0, 120));
}
