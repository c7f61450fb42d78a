import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import {
  appRouter,
  continueOptions,
  checkWidgetToken,
  createCallerFactory,
  publicError,
  serviceUnavailableError,
  startWidgetConversation,
  unavailableService,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
  widgetChannel,
  widgetSettings,
  type ApiContext,
  type ApiServices,
  type WidgetChannel,
} from "@parley/api";
import { requestContext } from "../request-context";
import type { TrustProxy } from "../client-address";
import { replyJson } from "../json-reply";
import { serveWidgetBundle, WIDGET_WORKLET_URL_PATH } from "./widget-bundle";
import { streamWidgetConversation } from "./widget-stream";
import { downloadWidgetFile, UploadTooLarge, uploadWidgetFile, type WidgetFileOptions } from "./widget-files";

/**
 * The embeddable widget's HTTP side: the script at /widget.js and its API under /widget/v1,
 *
 *   GET  /widget/v1/channels/:channel                                   settings (theme, online)
 *   POST /widget/v1/channels/:channel/conversations                     open one (pre-chat contact)
 *   POST /widget/v1/channels/:channel/conversations/:id/resume          transcript + fresh token
 *   POST /widget/v1/channels/:channel/conversations/:id/messages        the customer's message
 *   GET  /widget/v1/channels/:channel/conversations/:id/messages?after= what came since
 *   GET  /widget/v1/channels/:channel/conversations/:id/stream          the same, pushed (SSE)
 *   POST /widget/v1/channels/:channel/conversations/:id/continue-by-email  { email }: go on by email
 *   POST /widget/v1/channels/:channel/conversations/:id/continue-by-sms    { phone }: go on by SMS
 *   POST /widget/v1/channels/:channel/conversations/:id/attachments?name=&clientMessageId=  a file (raw body)
 *   GET  /widget/v1/channels/:channel/conversations/:id/attachments/:file  the customer's own file
 *
 * Each request is checked against its channel before anything else: unknown → 404, a page of an
 * origin the channel does not allow → 403 without CORS headers, so the browser hides even that.
 * Conversation calls go through the same procedures as the web chat, with the customer's token.
 */
export const WIDGET_SCRIPT_PATH = "/widget.js";
const API_PREFIX = "/widget/v1/";
const ROUTE = /^\/widget\/v1\/channels\/([^/]+)(?:\/(conversations)(?:\/([^/]+)\/(resume|messages|stream|continue-by-email|continue-by-sms|attachments)(?:\/([^/]+))?)?)?$/;
const MAX_BODY_BYTES = 64 * 1024;

/** Paths this route answers (the server sends them here before its own CORS and routes). */
export function isWidgetPath(url: string | undefined): boolean {
  const path = (url ?? "").split("?")[0] ?? "";
  return path === WIDGET_SCRIPT_PATH || path === WIDGET_WORKLET_URL_PATH || path.startsWith(API_PREFIX);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A path segment decoded; a malformed escape names nothing that exists. */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(404, "NOT_FOUND", "no such widget channel or conversation");
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "PAYLOAD_TOO_LARGE", "the request body is too large");
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new HttpError(400, "BAD_REQUEST", "the request body is not valid JSON");
  }
}

function allowOrigin(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (!origin) return;
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("vary", "Origin");
  res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
  res.setHeader("access-control-allow-headers", "content-type, x-parley-conversation-token, last-event-id");
  res.setHeader("access-control-expose-headers", "retry-after");
  res.setHeader("access-control-max-age", "600");
}

/** `files`: customers may send files (stored sealed with its cipher); without it the paperclip is off. */
export function createWidgetRoute(services: ApiServices, trustProxy: TrustProxy, files?: WidgetFileOptions) {
  const createCaller = createCallerFactory(appRouter);

  async function handle(req: IncomingMessage, res: ServerResponse, match: RegExpExecArray, query: URLSearchParams): Promise<void> {
    const [, publicId, conversations, conversationId, action, fileId] = match;
    const ctx: ApiContext = requestContext(services, req, trustProxy);
    const channel: WidgetChannel = await widgetChannel(ctx, segment(publicId!));
    // The origin may use this channel: from here on the browser may read our answers.
    allowOrigin(req, res);
    const method = req.method ?? "GET";
    if (method === "OPTIONS") {
      res.statusCode = 204;
      res.end();
      return;
    }
    const expect = (wanted: string) => {
      if (method !== wanted) throw new HttpError(405, "METHOD_NOT_SUPPORTED", `use ${wanted} here`);
    };
    if (!conversations) {
      expect("GET");
      return replyJson(res, 200, {
        ...widgetSettings(channel),
        ...(await continueOptions(ctx, channel.workspaceId, channel.id)),
        // The paperclip shows only when files are taken; the widget refuses larger ones before sending.
        uploads: files ? { maxBytes: files.maxBytes } : null,
      });
    }
    if (!conversationId) {
      expect("POST");
      return replyJson(res, 200, await startWidgetConversation(ctx, channel, await readJson(req)));
    }
    await checkWidgetToken(ctx, channel);
    const id = segment(conversationId);
    if (fileId !== undefined && action !== "attachments") throw new HttpError(404, "NOT_FOUND", "no such widget route");
    const caller = createCaller(ctx);
    if (action === "resume") {
      expect("POST");
      return replyJson(res, 200, await caller.conversations.resume({ conversationId: id }));
    }
    if (action === "stream") {
      expect("GET");
      return streamWidgetConversation(ctx, req, res, id, query);
    }
    if (action === "continue-by-email") {
      expect("POST");
      const body = (await readJson(req)) as { email?: unknown } | null;
      const email = body && typeof body === "object" ? body.email : undefined;
      return replyJson(res, 200, await caller.conversations.continueByEmail({ conversationId: id, email: email as string }));
    }
    if (action === "continue-by-sms") {
      expect("POST");
      const body = (await readJson(req)) as { phone?: unknown } | null;
      const phone = body && typeof body === "object" ? body.phone : undefined;
      return replyJson(res, 200, await caller.conversations.continueBySms({ conversationId: id, phone: phone as string }));
    }
    if (action === "attachments") {
      if (!files) throw new HttpError(404, "NOT_FOUND", "this server does not take files from the widget");
      if (fileId !== undefined) {
        expect("GET");
        return downloadWidgetFile(ctx, res, id, segment(fileId), files);
      }
      expect("POST");
      return uploadWidgetFile(ctx, req, res, id, query, files);
    }
    if (method === "GET") {
      const afterSeq = Number(query.get("after") ?? "0");
      return replyJson(res, 200, await caller.conversations.messagesSince({ conversationId: id, afterSeq }));
    }
    expect("POST");
    const body = (await readJson(req)) as { text?: unknown; clientMessageId?: unknown } | null;
    const text = body && typeof body === "object" ? body.text : undefined;
    const clientMessageId = body && typeof body === "object" && body.clientMessageId !== undefined ? body.clientMessageId : undefined;
    return replyJson(res, 200, await caller.conversations.send({ conversationId: id, text: text as string, ...(clientMessageId !== undefined ? { clientMessageId: clientMessageId as string } : {}) }));
  }

  function fail(res: ServerResponse, err: unknown): void {
    const service = unavailableService(err);
    if (service) {
      res.setHeader("retry-after", String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      return replyJson(res, 503, { error: serviceUnavailableError(service).message, code: "SERVICE_UNAVAILABLE" });
    }
    if (err instanceof UploadTooLarge) return replyJson(res, 413, { error: err.message, code: "PAYLOAD_TOO_LARGE" });
    if (err instanceof HttpError) return replyJson(res, err.status, { error: err.message, code: err.code });
    if (err instanceof TRPCError) {
      const answer = publicError(err);
      if (answer.code === "INTERNAL_SERVER_ERROR") console.error("[api] widget route failed:", err.cause ?? err);
      return replyJson(res, getHTTPStatusCodeFromError(answer), { error: answer.message, code: answer.code });
    }
    console.error("[api] widget route failed:", err);
    replyJson(res, 500, { error: "something went wrong on our side; try again later", code: "INTERNAL_SERVER_ERROR" });
  }

  /** Takes /widget.js and /widget/v1/...; false for any other path. */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!isWidgetPath(req.url)) return false;
    const url = new URL(req.url ?? "/", "http://api");
    if (url.pathname === WIDGET_SCRIPT_PATH) {
      serveWidgetBundle(req, res);
      return true;
    }
    if (url.pathname === WIDGET_WORKLET_URL_PATH) {
      serveWidgetBundle(req, res, "worklet");
      return true;
    }
    const match = ROUTE.exec(url.pathname);
    if (!match) {
      replyJson(res, 404, { error: "not found: the widget's API is /widget/v1/channels/:channel/...", code: "NOT_FOUND" });
      return true;
    }
    handle(req, res, match, url.searchParams).catch((err: unknown) => fail(res, err));
    return true;
  };
}
