/**
 * What the HTTP providers (Twilio, Meta's Graph API) have in common: an answer that failed is
 * either final (4xx but 408/429: the request itself is wrong) or worth retrying (429, 5xx, no
 * answer), and a 429/503 may say when to come back (Retry-After, seconds or an HTTP date).
 */
export class ProviderError extends Error {
  override name = "ProviderError";
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status: number | null,
    /** From Retry-After: when the provider asked us to come back, in milliseconds. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), capped at an hour; null without one. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 3_600_000) : null;
}

/** A failed answer as a ProviderError, with the provider's words (its JSON `message`, or the body). */
export async function providerError(provider: string, response: Response): Promise<ProviderError> {
  const body = await response.text().catch(() => "");
  let words = body.slice(0, 300);
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: { message?: unknown } };
    const message = parsed.message ?? parsed.error?.message;
    if (typeof message === "string") words = message;
  } catch {
    // Not JSON: the raw text says it.
  }
  const status = response.status;
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  return new ProviderError(`${provider} answered ${status}: ${words}`.slice(0, 500), permanent, status, retryAfterMs(response.headers.get("retry-after")));
}

/** A network failure (refused, reset, timed out) is transient. */
export function networkError(provider: string, err: unknown): ProviderError {
  return new ProviderError(`${provider} could not be reached: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500), false, null);
}

/** How long one provider call may take before it counts as failed (and is retried). */
export const PROVIDER_TIMEOUT_MS = 30_000;

/** A downloaded media file. */
export interface FetchedMedia {
  content: Uint8Array;
  contentType: string;
}

/** A media download that is over the size cap: refused, never buffered whole. */
export class MediaTooLargeError extends Error {
  override name = "MediaTooLargeError";
}

/**
 * Downloads a provider's media file with its credential, reading at most `maxBytes` (a larger
 * Content-Length is refused before reading; a body that runs past it is cut off).
 */
export async function fetchMedia(url: string, headers: Record<string, string>, maxBytes: number, provider: string): Promise<FetchedMedia> {
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
  } catch (err) {
    throw networkError(provider, err);
  }
  if (!response.ok) throw await providerError(provider, response);
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new MediaTooLargeError(`the media file is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new MediaTooLargeError(`the media file is over the ${maxBytes}-byte limit`);
    }
    chunks.push(read.value);
  }
  const content = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    content.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { content, contentType: (response.headers.get("content-type") ?? "application/octet-stream").split(";")[0]!.trim() };
}

/** Where the providers' APIs are: their real hosts unless tests (or a proxy) say otherwise. */
export interface ProviderUrls {
  twilio: string;
  whatsapp: string;
}

export const DEFAULT_PROVIDER_URLS: ProviderUrls = { twilio: "https://api.twilio.com", whatsapp: "https://graph.facebook.com" };
