import type { IncomingMessage, ServerResponse } from "node:http";
import type { WebhookReply } from "@parley/api";

/** Channel webhook bodies are small (a message and its media URLs); more is not theirs. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

export class BodyTooLarge extends Error {}

/** The request body, refused past MAX_WEBHOOK_BODY_BYTES without buffering the rest. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_WEBHOOK_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function send(res: ServerResponse, reply: WebhookReply): void {
  if (res.headersSent) return;
  res.statusCode = reply.status;
  res.setHeader("content-type", reply.contentType);
  res.end(reply.body);
}

export const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Writes a handler's answer; a body over the limit is 413, anything unexpected 503 (the sender retries). */
export function answer(res: ServerResponse, reply: Promise<WebhookReply>): void {
  reply.then(
    (done) => send(res, done),
    (err: unknown) => {
      if (err instanceof BodyTooLarge) return send(res, { status: 413, contentType: "text/plain", body: `at most ${MAX_WEBHOOK_BODY_BYTES} bytes` });
      console.error("[channels] webhook failed:", err);
      send(res, { status: 503, contentType: "text/plain", body: "temporarily unable to take this request; try again" });
    },
  );
}
