import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { TRPCError } from "@trpc/server";
import { appRouter, continueAfterDroppedCall, createCallerFactory, unavailableService, type ApiServices } from "@parley/api";
import type { TranscriptMessage } from "@parley/workflows/contracts";
import { VoiceCallError } from "./call-error";
import { closeWithError, lookup, refuse } from "./socket-replies";
import { widgetPageMayCall } from "./call-origin";
import { VoiceCallSession } from "./call-session";
import { createCounters, type GatewayCounters } from "./counters";
import type { VoiceEngines } from "./engines";
import { frameSize } from "./frames";
import { createHeartbeat } from "./heartbeat";
import { defaultVoiceLimits, type VoiceLimits } from "./limits";
import type { RateLimiter } from "../rate-limits";
import { CallListeners } from "./listeners";
import { requestContext } from "../request-context";
import type { TrustProxy } from "../client-address";

export interface VoiceGatewayOptions {
  services: ApiServices;
  /** Who may name the client's address in X-Forwarded-For. */
  trustProxy?: TrustProxy;
  engines: VoiceEngines;
  limits?: Partial<VoiceLimits>;
  /** Browser origins allowed to open a call (`*` any); browsers do not apply CORS to WebSockets. */
  corsOrigins?: string[];
  /** The API's per-client budgets: an upgrade costs a read; over budget it is refused with 429. */
  rateLimiter?: RateLimiter;
}

export interface VoiceGateway {
  readonly counters: GatewayCounters;
  activeCalls(): number;
  /**
   * For a graceful shutdown: takes no new calls or listeners, waits for live calls to end (up
   * to `graceMs`), then tells the callers still on the line to call again (close 1012) and
   * closes everything.
   */
  drain(graceMs: number): Promise<void>;
  close(): void;
}

const ROUTE = /^\/voice\/calls\/([A-Za-z0-9_-]{1,64})(\/listen)?\/?$/;
/** Text frames are tiny; binary frames are checked against maxFrameBytes with a readable error. */
const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** A conversation token is a JWT: base64url parts joined by dots. */
const TOKEN_SHAPE = /^[A-Za-z0-9_.-]{1,4096}$/;
const createCaller = createCallerFactory(appRouter);
type Api = ReturnType<typeof createCaller>;
/** How long a draining gateway waits for peers to answer its close frames before cutting them. */
const CLOSE_HANDSHAKE_MS = 1000;

/**
 * The live voice gateway on the API's HTTP server: `GET /voice/calls/:conversationId` upgrades to
 * a caller's socket (one VoiceCallSession), `/listen` to an agent's listen-in socket. The
 * conversation itself lives in Temporal, so a reconnect simply continues it.
 */
export function attachVoiceGateway(server: Server, options: VoiceGatewayOptions): VoiceGateway {
  const limits = { ...defaultVoiceLimits, ...options.limits };
  const origins = options.corsOrigins ?? ["*"];
  const counters = createCounters();
  const listeners = new CallListeners(limits);
  const sessions = new Map<string, VoiceCallSession>();
  /**
   * Call slots taken by sockets whose conversation is still being looked up. Reserved in the same
   * tick as the maxCalls check, before any await: otherwise a burst of connections would all pass
   * the check together and all become calls.
   */
  let opening = 0;
  let draining = false;
  let idle: (() => void) | null = null;
  const checkIdle = () => {
    if (idle && sessions.size === 0 && opening === 0) idle();
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });
  const heartbeat = createHeartbeat(limits.pingIntervalMs);
  const trustProxy = options.trustProxy ?? (() => false);
  /**
   * The API as this socket's caller: a customer's call carries its conversation token in
   * `?token=` (a browser cannot set headers on a WebSocket); a listener brings the session
   * cookie. "WEBSOCKET" as the method makes a cookie's origin checked as for a write, so no
   * other site can open a listen-in with a supervisor's cookie.
   */
  const callerApi = (req: IncomingMessage) => {
    const token = new URL(req.url ?? "/", "http://gateway").searchParams.get("token");
    // Decoded from the URL, it may hold any character; a header cannot carry most of them (Headers
    // throws, which in this callback would take the whole process down). No such text is a token.
    if (token && !TOKEN_SHAPE.test(token)) return null;
    return createCaller(
      requestContext(options.services, req, trustProxy, {
        method: "WEBSOCKET",
        headers: token ? { "x-parley-conversation-token": token } : {},
      }),
    );
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    const route = ROUTE.exec(path);
    if (!route) return refuse(socket, 404, "Not Found");
    const origin = req.headers.origin;
    // A page the API's list does not name may still call from a widget its channel allows: that is
    // known once the conversation is (pageOrigin). A listen-in is the inbox's, so the list decides.
    const pageOrigin = origin && !origins.includes("*") && !origins.includes(origin) ? origin : null;
    if (pageOrigin && route[2]) return refuse(socket, 403, "Forbidden");
    if (draining) return refuse(socket, 503, "Service Unavailable");
    if (!options.rateLimiter) return upgrade(req, socket, head, route[1]!, Boolean(route[2]), pageOrigin);
    // The HTTP server stopped watching this socket when it emitted "upgrade": a reset while the
    // limiter answers would otherwise be an unhandled 'error' event, fatal to the process.
    socket.on("error", () => socket.destroy());
    options.rateLimiter.check(req).then(
      (limited) => {
        if (limited) return refuse(socket, 429, "Too Many Requests", { "Retry-After": String(limited.retryAfterSeconds) });
        upgrade(req, socket, head, route[1]!, Boolean(route[2]), pageOrigin);
      },
      (err: unknown) => {
        console.error("[voice] rate limiter failed:", err);
        upgrade(req, socket, head, route[1]!, Boolean(route[2]), pageOrigin);
      },
    );
  };

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer, conversationId: string, listen: boolean, pageOrigin: string | null) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A frame that breaks the protocol (reserved bits, bad UTF-8, an unmasked frame) makes `ws`
      // close the socket (1002, 1007…) and emit 'error': with no listener during the lookup, or
      // ever on a listen-in socket, that event would be fatal to the whole API process.
      ws.on("error", () => ws.terminate());
      heartbeat.watch(ws);
      // Keep what the caller sends while the conversation is looked up; the session replays it.
      const early: { data: RawData; isBinary: boolean }[] = [];
      let earlyBytes = 0;
      const hold = (data: RawData, isBinary: boolean) => {
        earlyBytes += frameSize(data);
        if (earlyBytes > limits.maxEarlyBytes) {
          ws.off("message", hold);
          early.length = 0;
          return closeWithError(ws, "bad-audio", `more than ${limits.maxEarlyBytes} bytes sent before the call was ready`, 1009);
        }
        if (early.length < limits.inputQueueFrames) early.push({ data, isBinary });
      };
      ws.on("message", hold);
      const api = callerApi(req);
      if (!api) return closeWithError(ws, "unauthorized", "the conversation token is not valid or has expired; start a new conversation", 4401);
      const opened = listen ? openListener(ws, api, conversationId) : openCall(ws, api, conversationId, early, pageOrigin);
      opened.finally(() => ws.off("message", hold)).catch((err: unknown) => {
        // Temporal or the database down: the caller may try again shortly, as over HTTP (503).
        if (unavailableService(err)) return closeWithError(ws, "overloaded", "the service is unavailable right now; try again shortly", 1013);
        console.error(`[voice] opening ${conversationId} failed:`, err);
        closeWithError(ws, "internal", "could not open the call", 1011);
      });
    });
  };
  server.on("upgrade", onUpgrade);

  async function openListener(ws: WebSocket, api: Api, conversationId: string) {
    // Checked before the lookup (a full server answers at once) and again when adding (the lookup awaited).
    const early = listeners.refusal(conversationId);
    if (early) return closeWithError(ws, "overloaded", early, 1013);
    if (!(await lookup(ws, conversationId, () => api.conversations.listenIn({ conversationId })))) return;
    const refusal = listeners.refusal(conversationId);
    if (refusal) return closeWithError(ws, "overloaded", refusal, 1013);
    if (ws.readyState !== ws.OPEN) return;
    listeners.add(conversationId, ws);
    // Listening is one way; whatever a listener sends is ignored.
  }

  async function openCall(ws: WebSocket, api: Api, conversationId: string, earlyMessages: { data: RawData; isBinary: boolean }[], pageOrigin: string | null) {
    if (sessions.size + opening >= limits.maxCalls && !sessions.has(conversationId)) {
      counters.callsRefused++;
      return closeWithError(ws, "overloaded", `the server has ${limits.maxCalls} calls already; try again shortly`, 1013);
    }
    opening++;
    try {
      await startSession(ws, api, conversationId, earlyMessages, pageOrigin);
    } finally {
      opening--;
      checkIdle();
    }
  }

  async function startSession(ws: WebSocket, api: Api, conversationId: string, earlyMessages: { data: RawData; isBinary: boolean }[], pageOrigin: string | null) {
    const conversation = await lookup(ws, conversationId, async () => ({
      ...(await api.conversations.state({ conversationId })),
      ...(await api.conversations.messagesSince({ conversationId, afterSeq: 0 })),
    }));
    if (!conversation) return;
    // Voice conversations, and a web widget's when its channel offers calls (the same conversation by voice).
    if (!conversation.callable) {
      return closeWithError(ws, "bad-message", `conversation ${conversationId} is on the ${conversation.channel} channel, not voice`, 4400);
    }
    if (pageOrigin && !(await widgetPageMayCall(options.services, conversationId, pageOrigin))) {
      return closeWithError(ws, "forbidden", "this page's origin may not call in this conversation; add it to the channel's allowed origins", 4403);
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
          .map((m): TranscriptMessage => ({ ...m, meta: m.meta ?? undefined }));
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
          // One id per utterance: however the send is retried, the caller's words are recorded once.
          return await api.conversations.send({ conversationId, text, voice, clientMessageId: `call-${randomUUID()}` });
        } catch (err) {
          if (err instanceof TRPCError && err.code === "PRECONDITION_FAILED") throw new VoiceCallError("conversation-ended", err.message);
          if (err instanceof TRPCError && err.code === "BAD_REQUEST") throw new VoiceCallError("bad-message", err.message);
          // Temporal unreachable or the update failed: this turn is lost, the call goes on.
          if (err instanceof TRPCError) throw new VoiceCallError("internal", `the conversation did not take the message: ${err.message}`);
          throw err;
        }
      },
      onClosed: (closed, dropped) => {
        if (sessions.get(conversationId) === closed) sessions.delete(conversationId);
        checkIdle();
        // Cut off mid-conversation: it goes on by SMS or email where the caller can be reached.
        if (dropped && !draining) {
          void continueAfterDroppedCall(options.services, conversationId).then((moved) => {
            counters.callsDropped++;
            if (moved) counters.callsContinuedByText++;
          });
        }
      },
    });
    counters.callsStarted++;
    // What the caller sent while the call was opening may have ended it already (a frame over
    // the limits): its onClosed ran before this line, so it must not be kept as a live call.
    if (!session.ended) sessions.set(conversationId, session);
  }

  function close() {
    server.off("upgrade", onUpgrade);
    heartbeat.stop();
    for (const session of [...sessions.values()]) session.close(1001, "server shutting down");
    for (const client of wss.clients) client.terminate();
    wss.close();
  }

  return {
    counters,
    activeCalls: () => sessions.size,
    async drain(graceMs) {
      draining = true;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        idle = resolve;
        timer = setTimeout(resolve, graceMs);
        checkIdle();
      });
      clearTimeout(timer);
      // The conversation lives on in Temporal: a caller who calls again continues it.
      for (const session of [...sessions.values()]) session.shutdown("the server is restarting; call again to continue");
      for (const client of wss.clients) if (client.readyState === client.OPEN) client.close(1001, "server shutting down");
      // Let the close frames reach the peers (a terminate would drop them), briefly.
      await Promise.race([
        Promise.all([...wss.clients].map((client) => new Promise((resolve) => client.once("close", resolve)))),
        new Promise((resolve) => setTimeout(resolve, CLOSE_HANDSHAKE_MS)),
      ]);
      close();
    },
    close,
  };
}
