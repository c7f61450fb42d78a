import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CodecRequestError, PayloadDecryptionError, runCodecRequest, type PayloadCodec } from "@parley/workflows/codec";
import { replyJson } from "./json-reply";

export interface CodecRouteOptions {
  codec: PayloadCodec;
  /** Bearer token the caller must show; undefined turns the endpoint off (its paths are 404s). */
  token: string | undefined;
  /** Browser origins allowed to call it (the Temporal UI's); `*` allows any. */
  corsOrigins: string[];
  /** Largest request body: a page of history's payloads. */
  maxBytes?: number;
}

/**
 * `/codec/<token>/…`: the Temporal UI sends no static header (its "pass access token" forwards its
 * own sign-in token, over https only), so for the UI the token rides in the endpoint URL. Anything
 * else (the CLI's `--codec-auth`) sends `Authorization: Bearer <token>` to `/codec/…`.
 */
const ROUTE = /^\/codec\/(?:([^/]+)\/)?(encode|decode)$/;

/**
 * Temporal's remote codec endpoint, so people holding the token can read encrypted payloads in
 * the Temporal UI or CLI: `POST /codec/decode` and `/codec/encode` with `{ payloads: [...] }`.
 * It answers its own CORS preflight for the UI's origin (the API's CORS list is the builder's).
 * Until issue 10's sign-in lands a token from the environment guards it; then it moves behind it.
 */
export function createCodecRoute(options: CodecRouteOptions) {
  const maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  const expected = options.token === undefined ? undefined : digest(options.token);

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!expected) return false; // off: the server's 404
    const route = ROUTE.exec((req.url ?? "").split("?")[0] ?? "");
    if (!route) return false;
    cors(req, res, options.corsOrigins);
    if (req.method === "OPTIONS") {
      res.statusCode = 204;
      res.end();
      return true;
    }
    if (req.method !== "POST") {
      res.setHeader("allow", "POST, OPTIONS");
      replyJson(res, 405, { error: "POST { payloads: [...] }", code: "METHOD_NOT_SUPPORTED" });
      return true;
    }
    const shown = route[1] ? pathToken(route[1]) : bearer(req);
    if (shown === undefined || !timingSafeEqual(digest(shown), expected)) {
      req.resume();
      res.setHeader("www-authenticate", 'Bearer realm="parley-codec"');
      replyJson(res, 401, { error: "the codec endpoint needs its bearer token", code: "UNAUTHORIZED" });
      return true;
    }
    const operation = route[2] as "encode" | "decode";
    readJson(req, maxBytes)
      .then((body) => runCodecRequest(options.codec, operation, body))
      .then(
        (result) => replyJson(res, 200, result),
        (err: unknown) => {
          if (err instanceof BodyError) return replyJson(res, err.status, { error: err.message, code: err.code });
          if (err instanceof CodecRequestError) return replyJson(res, 400, { error: err.message, code: "BAD_REQUEST" });
          // Unknown key id or altered ciphertext: the payload's problem, said plainly (no key material in it).
          if (err instanceof PayloadDecryptionError) return replyJson(res, 422, { error: err.message, code: "UNPROCESSABLE_CONTENT" });
          console.error(`[api] codec ${operation} failed:`, err);
          replyJson(res, 500, { error: `the payloads could not be ${operation}d`, code: "INTERNAL_SERVER_ERROR" });
        },
      );
    return true;
  };
}

/** Hashes first, so the constant-time comparison works on equal lengths whatever was sent. */
function digest(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

function pathToken(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // malformed %-escapes: no token
  }
}

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return match?.[1];
}

function cors(req: IncomingMessage, res: ServerResponse, origins: string[]): void {
  const origin = req.headers.origin;
  if (!origin || !(origins.includes("*") || origins.includes(origin))) return;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Vary", "Origin");
  res.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
  // What the Temporal UI sends: its namespace, and with "pass access token" its own tokens.
  res.setHeader("Access-Control-Allow-Headers", "authorization, authorization-extras, content-type, x-namespace");
  // The UI's "include cross-origin credentials" setting sends cookies (sign-in, later).
  res.setHeader("Access-Control-Allow-Credentials", "true");
  res.setHeader("Access-Control-Max-Age", "600");
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size > maxBytes) return; // refused already: the rest is read and dropped
      size += chunk.length;
      if (size > maxBytes) reject(new BodyError(413, `the body is larger than ${maxBytes} bytes`, "PAYLOAD_TOO_LARGE"));
      else chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > maxBytes) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        reject(new BodyError(400, "the body is not JSON", "BAD_REQUEST"));
      }
    });
    req.on("error", reject);
  });
}

