import { fetchMedia, networkError, PROVIDER_TIMEOUT_MS, providerError, ProviderError, type FetchedMedia } from "../provider-http";
import type { WhatsappPayload } from "./render";

export interface WhatsappApi {
  /** The Graph API's base URL (https://graph.facebook.com; a loopback server in tests). */
  baseUrl: string;
  version: string;
  accessToken: string;
}

const graphUrl = (api: WhatsappApi, path: string) => `${api.baseUrl.replace(/\/$/, "")}/${api.version}/${path}`;
const bearer = (api: WhatsappApi) => ({ authorization: `Bearer ${api.accessToken}` });

/** Meta's error code for a free-form message outside the 24-hour customer-service window. */
export const OUTSIDE_WINDOW_ERROR = 131047;

/**
 * Sends one message: POST /{version}/{phone-number-id}/messages with the bearer token. Resolves
 * with the wamid; throws a ProviderError (permanent for a 4xx, retryable for 429 and 5xx).
 */
export async function sendWhatsappMessage(api: WhatsappApi, phoneNumberId: string, to: string, payload: WhatsappPayload): Promise<{ id: string }> {
  let response: Response;
  try {
    response = await fetch(graphUrl(api, `${encodeURIComponent(phoneNumberId)}/messages`), {
      method: "POST",
      headers: { ...bearer(api), "content-type": "application/json" },
      body: JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", to: to.replace(/^\+/, ""), ...payload }),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  } catch (err) {
    throw networkError("WhatsApp", err);
  }
  if (!response.ok) throw await providerError("WhatsApp", response);
  const sent = (await response.json().catch(() => null)) as { messages?: { id?: unknown }[] } | null;
  const id = sent?.messages?.[0]?.id;
  if (typeof id !== "string") throw new ProviderError("WhatsApp answered without a message id", false, response.status);
  return { id };
}

/** A media message's file: GET /{media-id} names a short-lived URL, downloaded with the same token. */
export async function fetchWhatsappMedia(api: WhatsappApi, mediaId: string, maxBytes: number): Promise<FetchedMedia> {
  let response: Response;
  try {
    response = await fetch(graphUrl(api, encodeURIComponent(mediaId)), { headers: bearer(api), signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
  } catch (err) {
    throw networkError("WhatsApp", err);
  }
  if (!response.ok) throw await providerError("WhatsApp", response);
  const info = (await response.json().catch(() => null)) as { url?: unknown } | null;
  if (typeof info?.url !== "string" || !/^https?:\/\//.test(info.url)) throw new ProviderError("WhatsApp named no media URL", true, response.status);
  return fetchMedia(info.url, bearer(api), maxBytes, "WhatsApp");
}
