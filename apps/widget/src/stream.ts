import type { Transcript } from "./api";
import { WidgetApiError } from "./api-error";

/**
 * Reads the conversation's server-sent events (…/conversations/:id/stream) until the server ends
 * the stream (resolves) or it fails (rejects). Not `EventSource`: it cannot send the token header,
 * and the token must not travel in a URL (access logs keep URLs). `fetch` streams the body in
 * every browser the widget supports; the few lines of SSE parsing cost less than a library.
 */
export async function readStream(url: string, headers: Record<string, string>, signal: AbortSignal, onEvent: (transcript: Transcript) => void): Promise<void> {
  const response = await fetch(url, { headers, credentials: "omit", signal, cache: "no-store" });
  if (!response.ok || !response.body) {
    const payload = (await response.json().catch(() => ({}))) as { error?: string };
    throw new WidgetApiError(response.status, payload.error ?? `stream refused (${response.status})`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const lines = buffer.slice(0, end).split("\n");
      buffer = buffer.slice(end + 2);
      const data = lines.filter((line) => line.startsWith("data: ")).map((line) => line.slice(6)).join("\n");
      if (!data) continue; // retry:, keep-alive comments
      if (lines.includes("event: error")) throw new WidgetApiError(401, (JSON.parse(data) as { error: string }).error);
      onEvent(JSON.parse(data) as Transcript);
    }
  }
}
