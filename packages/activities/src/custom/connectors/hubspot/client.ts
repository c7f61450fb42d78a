import { ApplicationFailure } from "@temporalio/common";

/** HubSpot's public API; a deployment behind a proxy (or a test) points elsewhere (HUBSPOT_API_URL). */
export const HUBSPOT_API_URL = "https://api.hubapi.com";

/** A request that hangs is retried by the activity's policy rather than holding a slot. */
const REQUEST_TIMEOUT_MS = 10_000;
/** HubSpot's burst limits are per second or per ten seconds: a 429 without Retry-After waits this long. */
const DEFAULT_RATE_LIMIT_WAIT_S = 2;

export interface HubSpotOptions {
  baseUrl?: string;
}

/** What HubSpot answers on an error: `{ status: "error", message, category, correlationId }`. */
interface HubSpotError {
  message?: string;
  category?: string;
  correlationId?: string;
}

/**
 * One call to HubSpot's CRM API with a private-app token. Errors become what the activity's retry
 * policy needs: a refused token, a bad request or a missing record fails for good (retrying cannot
 * help and the flow's error branch says why); a rate limit waits as long as HubSpot asks; a server
 * error or a dropped connection is retried. The token is never part of a message.
 */
export async function hubspotRequest<T>(options: HubSpotOptions, token: string, method: "GET" | "POST" | "PATCH", path: string, body?: unknown): Promise<T> {
  const url = `${(options.baseUrl ?? HUBSPOT_API_URL).replace(/\/+$/, "")}${path}`;
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.ok) return (text ? JSON.parse(text) : {}) as T;
  throw hubspotFailure(response, parseError(text));
}

function parseError(text: string): HubSpotError {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? (parsed as HubSpotError) : {};
  } catch {
    return {};
  }
}

function hubspotFailure(response: Response, error: HubSpotError): Error {
  const why = `HubSpot answered ${response.status}${error.message ? `: ${error.message.slice(0, 300)}` : ""}${error.correlationId ? ` (correlation id ${error.correlationId})` : ""}`;
  if (response.status === 429) {
    const seconds = Number(response.headers.get("retry-after"));
    const wait = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) : DEFAULT_RATE_LIMIT_WAIT_S;
    return ApplicationFailure.create({ message: why, type: "HubSpotRateLimited", nextRetryDelay: wait * 1000 });
  }
  if (response.status === 401 || response.status === 403) return ApplicationFailure.nonRetryable(why, "HubSpotUnauthorized");
  if (response.status >= 400 && response.status < 500) return ApplicationFailure.nonRetryable(why, "HubSpotRejected");
  return new Error(why);
}
