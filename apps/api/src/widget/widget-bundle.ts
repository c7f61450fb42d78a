import { createHash } from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { WIDGET_BUNDLE_PATH, WIDGET_WORKLET_PATH } from "@parley/widget/bundle-path";
import { replyJson } from "../json-reply";

/**
 * GET /widget.js: the embeddable widget's bundle (apps/widget, built by its build script), and
 * GET /widget/pcm-capture.worklet.js: the microphone worklet its call button loads (worklets load
 * by URL, and from another origin only with CORS, so that one says `*`). Pages cache them for five
 * minutes and then revalidate by ETag, so a deploy reaches every site quickly without each page
 * view downloading them again.
 */
const CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=86400";
export const WIDGET_WORKLET_URL_PATH = "/widget/pcm-capture.worklet.js";

const cache = new Map<string, { mtimeMs: number; bytes: Buffer; etag: string }>();

/** A built file's bytes, read again only when the file changed (a rebuild in development). */
function built(path: string) {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    return undefined;
  }
  let cached = cache.get(path);
  if (cached?.mtimeMs !== stat.mtimeMs) {
    const bytes = fs.readFileSync(path);
    cached = { mtimeMs: stat.mtimeMs, bytes, etag: `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"` };
    cache.set(path, cached);
  }
  return cached;
}

export function serveWidgetBundle(req: IncomingMessage, res: ServerResponse, file: "script" | "worklet" = "script"): void {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    return replyJson(res, 405, { error: "GET the widget script", code: "METHOD_NOT_SUPPORTED" });
  }
  const current = built(file === "script" ? WIDGET_BUNDLE_PATH : WIDGET_WORKLET_PATH);
  if (!current) return replyJson(res, 503, { error: "the widget is not built: run `npm run build -w @parley/widget`", code: "SERVICE_UNAVAILABLE" });
  res.setHeader("cache-control", CACHE_CONTROL);
  res.setHeader("etag", current.etag);
  // Any site may embed it, including pages that isolate themselves (Cross-Origin-Embedder-Policy).
  res.setHeader("cross-origin-resource-policy", "cross-origin");
  if (file === "worklet") res.setHeader("access-control-allow-origin", "*");
  if (req.headers["if-none-match"] === current.etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader("content-type", "text/javascript; charset=utf-8");
  res.setHeader("content-length", current.bytes.length);
  res.end(req.method === "HEAD" ? undefined : current.bytes);
}
