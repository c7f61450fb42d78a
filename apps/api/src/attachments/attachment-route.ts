import type { IncomingMessage, ServerResponse } from "node:http";
import { appRouter, createCallerFactory, type ApiServices } from "@parley/api";
import type { AudioCipher } from "@parley/activities/voice";
import { replyJson } from "../json-reply";
import { replyKnownError } from "../route-error";
import { requestContext } from "../request-context";
import type { TrustProxy } from "../client-address";

const ROUTE = /^\/api\/attachments\/([A-Za-z0-9_-]{1,64})\/?$/;
const createCaller = createCallerFactory(appRouter);

/** Types a browser may show in the page (pictures, PDFs, plain text); anything else is only downloaded. */
const SHOWN_INLINE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"]);

/** `attachment; filename*=UTF-8''…`, with a plain-ASCII `filename` for old clients. */
function disposition(kind: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Writes a decrypted file so that it cannot act as a page of ours: `nosniff`, a sandboxing CSP,
 * and only pictures, PDFs and plain text inline (the widget's download of a customer's own file
 * uses it too).
 */
export function sendAttachment(res: ServerResponse, file: { fileName: string; contentType: string }, bytes: Uint8Array): void {
  const type = file.contentType.toLowerCase().split(";")[0]!.trim();
  const inline = SHOWN_INLINE.has(type);
  res.statusCode = 200;
  res.setHeader("content-type", inline ? (type === "text/plain" ? "text/plain; charset=utf-8" : type) : "application/octet-stream");
  res.setHeader("content-length", String(bytes.byteLength));
  res.setHeader("content-disposition", disposition(inline ? "inline" : "attachment", file.fileName));
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("content-security-policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
  res.setHeader("cache-control", "private, max-age=300");
  res.end(bytes);
}

/**
 * `GET /api/attachments/:id`: a file a customer sent, decrypted, for a member who may read its
 * conversation (the `attachments.get` procedure decides, and audits the read; its 401, 403 and
 * 404 are this route's). Served so that a file cannot act as a page of ours: `nosniff`, a
 * sandboxing CSP, and only pictures, PDFs and plain text inline.
 */
export function createAttachmentRoute(options: { services: ApiServices; cipher: AudioCipher; trustProxy?: TrustProxy }) {
  const trustProxy = options.trustProxy ?? (() => false);

  async function handle(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const file = await createCaller(requestContext(options.services, req, trustProxy)).attachments.get({ id });
    const sealed = await options.services.db.messageAttachment.findUniqueOrThrow({ where: { id: file.id }, select: { iv: true, tag: true, data: true } });
    sendAttachment(res, file, options.cipher.open(sealed));
  }

  /** Takes the request when it is an attachment download; false leaves it to the next route. */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const route = ROUTE.exec((req.url ?? "").split("?")[0] ?? "");
    if (!route) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET");
      replyJson(res, 405, { error: "GET an attachment", code: "METHOD_NOT_SUPPORTED" });
      return true;
    }
    handle(req, res, route[1]!).catch((err: unknown) => {
      if (replyKnownError(res, err)) return;
      console.error(`[api] attachment ${route[1]} failed:`, err);
      replyJson(res, 500, { error: "the attachment could not be read", code: "INTERNAL_SERVER_ERROR" });
    });
    return true;
  };
}
