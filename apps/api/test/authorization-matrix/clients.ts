/**
 * How the matrix calls the API as one principal: a tRPC procedure (query, mutation or
 * subscription), the codec endpoint, a voice message upload, a call or listen-in socket.
 */
import { WebSocket } from "ws";
import type { Credentials, Principal } from "./principals";

export interface Outcome {
  status: number;
  body: string;
}

export const refused = (outcome: Outcome) => outcome.status === 401 || outcome.status === 403;

export class MatrixClient {
  constructor(
    private readonly baseUrl: string,
    private readonly credentials: Credentials,
  ) {}

  async callProcedure(path: string, type: string, principal: Principal, input: unknown): Promise<Outcome> {
    const { headers } = this.credentials.get(principal)!;
    const encoded = input === undefined ? undefined : JSON.stringify(input);
    if (type === "subscription") return this.subscribe(path, headers, encoded);
    const response =
      type === "query"
        ? await fetch(`${this.baseUrl}/trpc/${path}${encoded === undefined ? "" : `?input=${encodeURIComponent(encoded)}`}`, { headers })
        : await fetch(`${this.baseUrl}/trpc/${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, ...(encoded === undefined ? {} : { body: encoded }) });
    return { status: response.status, body: await response.text() };
  }

  /**
   * Opens a server-sent events subscription as a browser's EventSource would (GET) and reads up to
   * its first event: a refusal arrives as an error event in the stream (the HTTP status is already
   * 200 by then), so its tRPC code becomes the status here.
   */
  private async subscribe(path: string, headers: Record<string, string>, encoded: string | undefined): Promise<Outcome> {
    const abort = new AbortController();
    const response = await fetch(`${this.baseUrl}/trpc/${path}${encoded === undefined ? "" : `?input=${encodeURIComponent(encoded)}`}`, {
      headers: { ...headers, accept: "text/event-stream" },
      signal: abort.signal,
    });
    const reader = response.body!.getReader();
    let body = "";
    while (!/\n(data|event): (?!\{"type":"connected)/.test(body) || !body.endsWith("\n\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      body += new TextDecoder().decode(value);
    }
    abort.abort();
    const code = /"code":"(UNAUTHORIZED|FORBIDDEN)"/.exec(body)?.[1];
    return { status: code === "UNAUTHORIZED" ? 401 : code === "FORBIDDEN" ? 403 : response.status, body };
  }

  /** Asks the codec endpoint to decode nothing: through the authorization point that is a 200. */
  async decode(principal: Principal): Promise<number> {
    const { headers } = this.credentials.get(principal)!;
    const response = await fetch(`${this.baseUrl}/codec/decode`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ payloads: [] }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** An upload of a WAV file too short to hold speech: through the authorization point it is a 4xx of its own (never 401/403). */
  async upload(principal: Principal, conversationId: string): Promise<number> {
    const { headers } = this.credentials.get(principal)!;
    const response = await fetch(`${this.baseUrl}/voice/messages/${conversationId}`, {
      method: "POST",
      headers: { ...headers, "content-type": "audio/wav" },
      body: new TextEncoder().encode("RIFF not really a wave"),
    });
    await response.arrayBuffer();
    return response.status;
  }

  /**
   * Opens a call or listen-in socket and reports how it went: the close code when the server
   * closes it at once (4401 unauthorized, 4403 forbidden, 4404…), or 101 when it stays open.
   */
  async openSocket(principal: Principal, conversationId: string, listen: boolean): Promise<number> {
    const { headers, query } = this.credentials.get(principal)!;
    const url = `${this.baseUrl.replace("http", "ws")}/voice/calls/${conversationId}${listen ? "/listen" : ""}${query}`;
    // Sockets take no custom headers in browsers; cookies and the origin they do send. A key is a header here, as from a server.
    const socket = new WebSocket(url, { headers });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        socket.close();
        resolve(101);
      }, 1500);
      socket.on("close", (code) => {
        clearTimeout(timer);
        resolve(code);
      });
      socket.on("error", () => undefined);
      socket.on("unexpected-response", (_req, res) => {
        clearTimeout(timer);
        resolve(res.statusCode ?? 0);
      });
    });
  }
}
