import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import { TRPCError } from "@trpc/server";
import type { ServerMessage } from "@parley/voice/protocol";

// How the voice gateway turns a socket away: before the upgrade with an HTTP status, after it
// with an `error` frame and a close code the caller's client can act on.

/** The socket's lookup, or null once the socket is closed with the reason it was refused. */
export async function lookup<T>(ws: WebSocket, conversationId: string, read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) {
      closeWithError(ws, "not-found", `conversation ${conversationId} not found`, 4404);
      return null;
    }
    if (err instanceof TRPCError && err.code === "UNAUTHORIZED") {
      closeWithError(ws, "unauthorized", err.message, 4401);
      return null;
    }
    if (err instanceof TRPCError && err.code === "FORBIDDEN") {
      closeWithError(ws, "forbidden", err.message, 4403);
      return null;
    }
    throw err;
  }
}

export function refuse(socket: Duplex, status: number, text: string, headers: Record<string, string> = {}): void {
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
  socket.end(`HTTP/1.1 ${status} ${text}\r\n${extra}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function closeWithError(ws: WebSocket, code: Extract<ServerMessage, { type: "error" }>["code"], message: string, closeCode: number): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.send(JSON.stringify({ type: "error", code, message } satisfies ServerMessage));
  ws.close(closeCode, message.slice(0, 120));
}
