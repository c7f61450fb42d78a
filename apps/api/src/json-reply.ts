import type { ServerResponse } from "node:http";

/**
 * A JSON answer from a plain HTTP route (voice messages, the codec endpoint). A refused upload
 * (413) may still be arriving, so that answer also closes the connection after it is sent.
 */
export function replyJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  if (status === 413) res.setHeader("connection", "close");
  res.end(JSON.stringify(body));
}
