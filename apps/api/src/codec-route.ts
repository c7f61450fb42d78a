import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { recordAudit, type ApiServices } from "@parley/api";
import { CodecRequestError, PayloadDecryptionError, runCodecRequest, type PayloadCodec } from "@parley/workflows/codec";
import { clientAddress, type TrustProxy } from "./client-address";
import { codecSessionCheck, type CodecSessionVerdict } from "./codec-session";
import { replyJson } from "./json-reply";

export interface CodecRouteOptions {
  codec: PayloadCodec;
  /** People's sessions (the cookie) and the audit log. */
  services: ApiServices;
  /** Who may name the client's address (for the audit log). */
  trustProxy?: TrustProxy;
  /** Bearer token for the Temporal CLI and a UI that cannot send cookies; undefined: sessions only. */
  token: string | undefined;
  /**
   * Browser origins allowed to call it (the Temporal UI's). Listed origins may send the session
   * cookie; `*` lets any page call with the token, never with a session.
   */
  corsOrigins: string[];
  /** Largest request body: a page of history's payloads. */
  maxBytes?: number;
}

/**
 * `/codec/<token>/…`: the Temporal UI sends no static header (its "pass access token" forwards its
 * own sign-in token, over https only), so for the UI the token may ride in the endpoint URL.
 * Anything else (the CLI's `--codec-auth`) sends `Authorization: Bearer <token>` to `/codec/…`.
 */
const ROUTE = /^\/codec\/(?:([^/]+)\/)?(encode|decode)$/;

type Reader = { kind: "token" } | Extract<CodecSessionVerdict, { kind: "allowed" }>;

/**
 * Temporal's remote codec endpoint, so that people allowed to read every conversation can read
 * encrypted payloads in the Temporal UI or CLI: `POST /codec/decode` and `/codec/encode` with
 * `{ payloads: [...] }`. It answers a signed-in owner, admin or supervisor by their session
 * cookie (the UI with "include cross-origin credentials"), and whoever shows the token. It
 * answers its own CORS preflight for the UI's origin (the API's CORS list is the builder's).
 */
export function createCodecRoute(options: CodecRouteOptions) {
  const maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  const expected = options.token === undefined ? undefined : digest(options.token);
  const trustProxy = options.trustProxy ?? (() => false);
  const sessionOf = codecSessionCheck(options.services, trustProxy);
  // A session may be used only from pages named explicitly: never through `*`.
  const sessionOrigins = new Set(options.corsOrigins.filter((origin) => origin !== "*"));

  /** Who may read, or the refusal already sent. */
  async function reader(req: IncomingMessage, res: ServerResponse, pathSegment: string | undefined): Promise<Reader | null> {
    const refuse = (status: 401 | 403, error: string) => {
      req.resume();
      if (status === 401) res.setHeader("www-authenticate", 'Bearer realm="parley-codec"');
      replyJson(res, status, { error, code: status === 401 ? "UNAUTHORIZED" : "FORBIDDEN" });
      return null;
    };
    const shown = pathSegment !== undefined ? (pathToken(pathSegment) ?? "") : bearer(req);
    if (shown !== undefined) {
      // A token that is shown must be the right one, whatever else the request carries.
      if (!expected || !timingSafeEqual(digest(shown), expected)) return refuse(401, "this codec token is not valid");
      return { kind: "token" };
    }
    const session = await sessionOf(req);
    if (session.kind === "none") return refuse(401, "sign in as an owner, admin or supervisor, or send the codec endpoint's bearer token");
    if (session.kind === "forbidden") return refuse(403, `${session.reason}: decrypted payloads are for owners, admins and supervisors`);
    const origin = req.headers.origin;
    if (origin && !sessionOrigins.has(origin)) return refuse(403, "this page may not use your session (add its origin to PARLEY_CODEC_CORS_ORIGINS)");
    return session;
  }

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const route = ROUTE.exec((req.url ?? "").split("?")[0] ?? "");
    if (!route) return false;
    cors(req, res, options.corsOrigins, sessionOrigins);
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
    const operation = route[2] as "encode" | "decode";
    reader(req, res, route[1])
      .then(async (who) => {
        if (!who) return;
        const body = await readJson(req, maxBytes);
        const result = await runCodecRequest(options.codec, operation, body);
        // Reading conversations is a sensitive read: a person's decoding goes to the audit log.
        if (who.kind === "allowed" && operation === "decode") {
          await recordAudit(options.services.db, { ip: addressOf(req, trustProxy), userAgent: req.headers["user-agent"]?.slice(0, 300) ?? null }, {
            workspaceId: who.workspaceId,
            actor: { type: "user", id: who.userId, label: who.email },
            action: "payloads.decode",
            details: { payloads: result.payloads.length },
          });
        }
        replyJson(res, 200, result);
      })
      .catch((err: unknown) => {
        if (res.headersSent) return;
        if (err instanceof BodyError) return replyJson(res, err.status, { error: err.message, code: err.code });
        if (err instanceof CodecRequestError) return replyJson(res, 400, { error: err.message, code: "BAD_REQUEST" });
        // Unknown key id or altered ciphertext: the payload's problem, said plainly (no key material in it).
        if (err instanceof PayloadDecryptionError) return replyJson(res, 422, { error: err.message, code: "UNPROCESSABLE_CONTENT" });
        console.error(`[api] codec ${operation} failed:`, err);
        replyJson(res, 500, { error: `the payloads could not be ${operation}d`, code: "INTERNAL_SERVER_ERROR" });
      });
    return true;
  };
}

function addressOf(req: IncomingMessage, trustProxy: TrustProxy): string | null {
  try {
    return clientAddress(req, trustProxy) || null;
  } catch {
    return null;
  }
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

function cors(req: IncomingMessage, res: ServerResponse, origins: string[], sessionOrigins: ReadonlySet<string>): void {
  const origin = req.headers.origin;
  if (!origin || !(origins.includes("*") || origins.includes(origin))) return;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Vary", "Origin");
  res.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
  // What the Temporal UI sends: its namespace, and with "pass access token" its own tokens.
  res.setHeader("Access-Control-Allow-Headers", "authorization, authorization-extras, content-type, x-namespace");
  // The UI's "include cross-origin credentials" sends the session cookie: listed origins only.
  if (sessionOrigins.has(origin)) res.setHeader("Access-Control-Allow-Credentials", "true");
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

