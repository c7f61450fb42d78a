import http from "node:http";

/** One HTTP exchange exactly as sent: any method, path bytes, headers and body. */
export interface RawRequest {
  method: string;
  /** Sent as is (percent-encodings included, valid or not). */
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** Send the body with Transfer-Encoding: chunked (no length announced up front), in 16 KiB pieces. */
  chunked?: boolean;
}

export type RawResponse = { status: number; body: string } | { dropped: string };

/**
 * Sends one request on its own connection and reads the whole answer. A connection the server
 * resets or closes without an answer is `dropped`: the fuzz counts those as failures like a 5xx.
 */
export function send(baseUrl: string, request: RawRequest, timeoutMs = 60_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: request.headers ?? {},
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        // A subscription's event stream never ends by itself: its first events are the answer.
        const stream = String(res.headers["content-type"] ?? "").startsWith("text/event-stream");
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          const body = Buffer.concat(chunks).toString("utf8");
          if (stream && body.split("\n\n").length > 2) {
            resolve({ status: res.statusCode ?? 0, body });
            req.destroy();
          }
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", (err) => resolve({ dropped: `response: ${err.message}` }));
      },
    );
    req.on("timeout", () => {
      req.destroy(new Error(`no answer in ${timeoutMs} ms`));
    });
    req.on("error", (err) => resolve({ dropped: err.message }));
    if (request.body !== undefined && request.chunked) {
      req.setHeader("transfer-encoding", "chunked");
      const bytes = typeof request.body === "string" ? Buffer.from(request.body) : request.body;
      for (let at = 0; at < bytes.length; at += 16_384) req.write(bytes.subarray(at, at + 16_384));
      req.end();
    } else if (request.body !== undefined) req.end(request.body);
    else req.end();
  });
}
