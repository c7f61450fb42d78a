import { networkError, PROVIDER_TIMEOUT_MS, providerError, ProviderError } from "../provider-http";

export interface TwilioSend {
  /** The API's base URL (https://api.twilio.com; a loopback server in tests). */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  to: string;
  body: string;
  /** Where Twilio posts this message's status changes; none without a public API URL. */
  statusCallback: string | null;
}

/**
 * Sends one message: POST /2010-04-01/Accounts/{Sid}/Messages.json, form-encoded, with the
 * account's basic auth. Resolves with Twilio's MessageSid; throws a ProviderError (permanent for
 * a 4xx such as an invalid number, retryable with Retry-After for 429 and 5xx).
 */
export async function sendTwilioMessage(send: TwilioSend): Promise<{ sid: string }> {
  const url = `${send.baseUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(send.accountSid)}/Messages.json`;
  const form = new URLSearchParams({ From: send.from, To: send.to, Body: send.body });
  if (send.statusCallback) form.set("StatusCallback", send.statusCallback);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${send.accountSid}:${send.authToken}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: form,
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  } catch (err) {
    throw networkError("Twilio", err);
  }
  if (!response.ok) throw await providerError("Twilio", response);
  const sent = (await response.json().catch(() => null)) as { sid?: unknown } | null;
  if (typeof sent?.sid !== "string") throw new ProviderError("Twilio answered without a message sid", false, response.status);
  return { sid: sent.sid };
}

/** Basic auth for Twilio media URLs (the same account credential). */
export const twilioAuthHeaders = (accountSid: string, authToken: string) => ({ authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}` });
