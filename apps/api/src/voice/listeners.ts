import type { WebSocket } from "ws";
import type { ServerMessage } from "@parley/voice/protocol";

/**
 * Agents listening in on a call: per conversation, the sockets that get a copy of every text
 * frame the caller gets (partials, finals, replies, states). In-process: a listener must connect
 * to the API instance holding the call.
 */
export class CallListeners {
  private readonly byConversation = new Map<string, Set<WebSocket>>();

  add(conversationId: string, socket: WebSocket): void {
    let sockets = this.byConversation.get(conversationId);
    if (!sockets) this.byConversation.set(conversationId, (sockets = new Set()));
    sockets.add(socket);
    socket.once("close", () => {
      sockets.delete(socket);
      if (sockets.size === 0 && this.byConversation.get(conversationId) === sockets) this.byConversation.delete(conversationId);
    });
  }

  broadcast(conversationId: string, message: ServerMessage): void {
    const sockets = this.byConversation.get(conversationId);
    if (!sockets) return;
    const frame = JSON.stringify(message);
    for (const socket of sockets) {
      if (socket.readyState === socket.OPEN) socket.send(frame);
    }
  }

  count(conversationId: string): number {
    return this.byConversation.get(conversationId)?.size ?? 0;
  }
}
