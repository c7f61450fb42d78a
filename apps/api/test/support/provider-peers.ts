// Loopback stand-ins for Twilio's and Meta's REST APIs, speaking their wire formats: they check
// the credentials exactly as the providers do (basic auth with the account SID and auth token;
// a bearer token), record what they were sent, refuse the first send(s) with 429 + Retry-After
// when told to, and serve media files behind the same credentials. The webhook signers here
// are written from the providers' documentation, apart from the code under test.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Peer<T> {
  url: string;
  sends: T[];
  /** How many sends to refuse with 429 (Retry-After: 1) before taking one. */
  failNext: number;
  refused: number;
  /** Media files by path (Twilio) or media id (Meta). */
  media: Map<string, { content: Buffer; contentType: string }>;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

function peer<T>(handler: (self: Peer<T>, req: IncomingMessage, res: ServerResponse, text: string) => void): Promise<Peer<T>> {
  const server = createServer((req, res) => void body(req).then((text) => handler(self, req, res, text)));
  const self: Peer<T> = { url: "", sends: [], failNext: 0, refused: 0, media: new Map(), close: () => new Promise((resolve) => server.close(() => resolve())) };
  return listen(server).then((url) => Object.assign(self, { url }));
}

/** Twilio Programmable Messaging: POST /2010-04-01/Accounts/{Sid}/Messages.json and media URLs. */
export function startTwilioPeer(accountSid: string, authToken: string): Promise<Peer<URLSearchParams>> {
  const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  return peer<URLSearchParams>((self, req, res, text) => {
    if (req.headers.authorization !== expected) return json(res, 401, { code: 20003, message: "Authenticate", status: 401 });
    const path = new URL(req.url ?? "/", self.url).pathname;
    const file = self.media.get(path);
    if (req.method === "GET" && file) {
      res.writeHead(200, { "content-type": file.contentType, "content-length": String(file.content.length) });
      return res.end(file.content);
    }
    if (req.method !== "POST" || path !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) return json(res, 404, { code: 20404, message: "not found", status: 404 });
    if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return json(res, 400, { code: 21000, message: "form expected", status: 400 });
    if (self.failNext > 0) {
      self.failNext -= 1;
      self.refused += 1;
      return json(res, 429, { code: 20429, message: "Too Many Requests", status: 429 }, { "retry-after": "1" });
    }
    const params = new URLSearchParams(text);
    if (!params.get("To") || !params.get("From") || !params.get("Body")) return json(res, 400, { code: 21602, message: "Message body is required.", status: 400 });
    self.sends.push(params);
    json(res, 201, { sid: `SM${randomBytes(16).toString("hex")}`, status: "queued", to: params.get("To"), from: params.get("From"), body: params.get("Body") });
  });
}

/** Meta's Graph API for WhatsApp: POST /{version}/{phone-number-id}/messages, GET /{version}/{media-id} and the media download. */
export function startMetaPeer(version: string, phoneNumberId: string, accessToken: string): Promise<Peer<Record<string, unknown>>> {
  return peer<Record<string, unknown>>((self, req, res, text) => {
    if (req.headers.authorization !== `Bearer ${accessToken}`) return json(res, 401, { error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190 } });
    const path = new URL(req.url ?? "/", self.url).pathname;
    const download = /^\/download\/(.+)$/.exec(path);
    if (req.method === "GET" && download && self.media.has(download[1]!)) {
      const file = self.media.get(download[1]!)!;
      res.writeHead(200, { "content-type": file.contentType });
      return res.end(file.content);
    }
    const mediaId = new RegExp(`^/${version}/([^/]+)$`).exec(path)?.[1];
    if (req.method === "GET" && mediaId && self.media.has(mediaId)) {
      const file = self.media.get(mediaId)!;
      return json(res, 200, { url: `${self.url}/download/${mediaId}`, mime_type: file.contentType, file_size: file.content.length, id: mediaId, messaging_product: "whatsapp" });
    }
    if (req.method !== "POST" || path !== `/${version}/${phoneNumberId}/messages`) return json(res, 404, { error: { message: "Unknown path", code: 100 } });
    if (self.failNext > 0) {
      self.failNext -= 1;
      self.refused += 1;
      return json(res, 429, { error: { message: "(#80007) Rate limit hit", code: 80007 } }, { "retry-after": "1" });
    }
    const message = JSON.parse(text) as Record<string, unknown>;
    if (message.messaging_product !== "whatsapp" || typeof message.to !== "string") return json(res, 400, { error: { message: "(#100) Invalid parameter", code: 100 } });
    self.sends.push(message);
    json(res, 200, { messaging_product: "whatsapp", contacts: [{ input: message.to, wa_id: message.to }], messages: [{ id: `wamid.${randomBytes(12).toString("base64url")}` }] });
  });
}

/** X-Twilio-Signature as Twilio computes it: the URL, then each parameter name+value sorted by name, HMAC-SHA1, base64. */
export function twilioSigns(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url);
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf-8")).digest("base64");
}

/** X-Hub-Signature-256 as Meta computes it over the raw payload. */
export const metaSigns = (appSecret: string, payload: string) => `sha256=${createHmac("sha256", appSecret).update(payload).digest("hex")}`;

/** X-Parley-Signature as the API channel's docs describe it: `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const parleySigns = (secret: string, body: string, t = Math.floor(Date.now() / 1000)) => `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;

export interface CallbackReceiver extends Peer<{ body: Record<string, unknown>; idempotencyKey: string | undefined }> {
  /** The channel's signing secret, once the channel is made: posts signed otherwise are refused 401. */
  secret: string;
  /** Posts refused for a bad or stale signature. */
  unsigned: number;
}

/**
 * A custom integration's callback URL: verifies X-Parley-Signature over the raw body (within
 * five minutes, constant-time), refuses the first post(s) with 429 + Retry-After when told to,
 * records what it took.
 */
export function startCallbackReceiver(): Promise<CallbackReceiver> {
  let receiver: CallbackReceiver;
  return peer<CallbackReceiver["sends"][number]>((self, req, res, text) => {
    const signature = String(req.headers["x-parley-signature"] ?? "");
    const t = Number(/(?:^|,)t=(\d+)/.exec(signature)?.[1]);
    const given = Buffer.from(/(?:^|,)v1=([0-9a-f]{64})/.exec(signature)?.[1] ?? "", "hex");
    const expected = Buffer.from(parleySigns(receiver.secret, text, t).split("v1=")[1]!, "hex");
    const fresh = Math.abs(Date.now() / 1000 - t) <= 300;
    if (!fresh || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      receiver.unsigned += 1;
      return json(res, 401, { error: "bad signature" });
    }
    if (self.failNext > 0) {
      self.failNext -= 1;
      self.refused += 1;
      return json(res, 429, { error: "slow down" }, { "retry-after": "1" });
    }
    self.sends.push({ body: JSON.parse(text) as Record<string, unknown>, idempotencyKey: req.headers["idempotency-key"] as string | undefined });
    json(res, 200, { ok: true });
  }).then((self) => (receiver = Object.assign(self, { secret: "", unsigned: 0 })));
}
