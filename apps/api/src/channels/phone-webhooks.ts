import type { IncomingMessage, ServerResponse } from "node:http";
import { handleTwilioWebhook, handleWhatsappWebhook, verifyWhatsappWebhook, type ApiServices, type SealBytes, type WebhookReply } from "@parley/api";
import type { ProviderUrls } from "@parley/channels";

export interface PhoneWebhookRouteOptions {
  services: ApiServices;
  seal: SealBytes;
  /** The API's public base URL: Twilio signs the URL it called, so the route rebuilds it from this. */
  publicUrl: string;
  providerUrls: ProviderUrls;
  /** Largest media file a message may bring (larger ones are left out). */
  maxMediaBytes: number;
}

/** Providers' webhook bodies are small (a message and its media URLs); more is not theirs. */
const MAX_BODY_BYTES = 256 * 1024;
const ROUTE = /^\/channels\/(twilio|whatsapp)\/([A-Za-z0-9_-]{1,64})\/?(?:\?.*)?$/;

/** The webhook path of a channel, as shown on its settings page. */
export const phoneWebhookPath = (kind: "twilio" | "whatsapp", publicId: string) => `/channels/${kind}/${publicId}`;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, reply: WebhookReply): void {
  if (res.headersSent) return;
  res.statusCode = reply.status;
  res.setHeader("content-type", reply.contentType);
  res.end(reply.body);
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * `POST /channels/twilio/:publicId` (messages and status callbacks) and
 * `GET|POST /channels/whatsapp/:publicId` (Meta's verification and its webhook). Public routes:
 * each request is authenticated by the provider's signature with the channel's sealed secret
 * (packages/api checks it before anything is read or stored); the workspace is the channel's.
 */
export function createPhoneWebhookRoute(options: PhoneWebhookRouteOptions) {
  const base = options.publicUrl.replace(/\/$/, "");
  const common = { seal: options.seal, maxMediaBytes: options.maxMediaBytes };

  async function handle(req: IncomingMessage, kind: "twilio" | "whatsapp", publicId: string): Promise<WebhookReply> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (kind === "whatsapp" && req.method === "GET") return verifyWhatsappWebhook(options.services, publicId, url.searchParams);
    if (req.method !== "POST") return { status: 405, contentType: "text/plain", body: "POST only" };
    const body = await readBody(req);
    if (kind === "twilio") {
      if (!(header(req, "content-type") ?? "").startsWith("application/x-www-form-urlencoded")) return { status: 415, contentType: "text/plain", body: "Twilio posts application/x-www-form-urlencoded" };
      const request = { publicId, url: `${base}${req.url ?? ""}`, rawBody: body.toString("utf8"), signature: header(req, "x-twilio-signature") };
      return handleTwilioWebhook(options.services, request, { ...common, providerUrl: options.providerUrls.twilio });
    }
    return handleWhatsappWebhook(options.services, publicId, body, header(req, "x-hub-signature-256"), { ...common, providerUrl: options.providerUrls.whatsapp });
  }

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const match = ROUTE.exec(req.url ?? "");
    if (!match) return false;
    handle(req, match[1] as "twilio" | "whatsapp", match[2]!).then(
      (reply) => send(res, reply),
      (err: unknown) => {
        if (err instanceof BodyTooLarge) return send(res, { status: 413, contentType: "text/plain", body: `at most ${MAX_BODY_BYTES} bytes` });
        console.error("[channels] webhook failed:", err);
        send(res, { status: 503, contentType: "text/plain", body: "temporarily unable to take this request; try again" });
      },
    );
    return true;
  };
}
