import type { IncomingMessage, ServerResponse } from "node:http";
import { handleTwilioWebhook, handleWhatsappWebhook, verifyWhatsappWebhook, type ApiServices, type SealBytes, type WebhookReply } from "@parley/api";
import { answer, header, readBody } from "./webhook-http";
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

const ROUTE = /^\/channels\/(twilio|whatsapp)\/([A-Za-z0-9_-]{1,64})\/?(?:\?.*)?$/;

/** The webhook path of a channel, as shown on its settings page. */
export const phoneWebhookPath = (kind: "twilio" | "whatsapp", publicId: string) => `/channels/${kind}/${publicId}`;

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
    answer(res, handle(req, match[1] as "twilio" | "whatsapp", match[2]!));
    return true;
  };
}
