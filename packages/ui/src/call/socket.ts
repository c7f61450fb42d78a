/**
 * The voice gateway's address and its text frames, for every browser caller (the builder's web
 * chat and listen-in, the embeddable widget).
 *
 * `http(s)://api/…` → `ws(s)://api/voice/calls/:id[/listen]`. A caller proves the conversation
 * is theirs with its token (`?token=`: browsers cannot set headers on a WebSocket); a listener
 * is a signed-in supervisor, whose session cookie goes along by itself.
 */
export function voiceSocketUrl(apiUrl: string, conversationId: string, options: { listen?: boolean; token?: string } = {}): string {
  const base = apiUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
  const url = `${base}/voice/calls/${encodeURIComponent(conversationId)}${options.listen ? '/listen' : ''}`;
  return options.token ? `${url}?token=${encodeURIComponent(options.token)}` : url;
}

/**
 * Parses a gateway text frame; anything that is not an object with a string `type` is dropped.
 * `T` is the protocol's message union (`@parley/voice/protocol`'s ServerMessage): this module
 * stays free of it, so the widget's bundle needs nothing from the voice package.
 */
export function parseServerMessage<T extends { type: string } = { type: string }>(raw: string): T | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') {
      return value as T;
    }
  } catch {
    // not JSON: ignored
  }
  return null;
}
