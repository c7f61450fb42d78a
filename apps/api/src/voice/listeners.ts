import type { WebSocket } from "ws";
import type { ServerMessage } from "@parley/voice/protocol";
import { defaultVoiceLimits, type VoiceLimits } from "./limits";

/**
 * Agents listening in on a call: per conversation, the sockets that get a copy of every text
 * frame the caller gets (partials, finals, replies, states). In-process: a listener must connect
 * to the API instance holding the call. Capped per call and in total: every listener costs a
 * copy of each frame.
 */
export class CallListeners {
  private readonly byConversation = new Map<string, Set<WebSocket>>();
  private total = 0;

  constructor(private readonly limits: Pick<VoiceLimits, "maxListenersPerCall" | "maxListeners"> = defaultVoiceLimits) {}

  /** Why one more listener on this call would be too many, or null when there is room. */
  refusal(conversationId: string): string | null {
    if (this.total >= this.limits.maxListeners) return `the server has ${this.limits.maxListeners} listeners already; try again shortly`;
    if (this.count(conversationId) >= this.limits.maxListenersPerCall) return `this call has ${this.limits.maxListenersPerCall} listeners already`;
    return null;
  }

  add(conversationId: string, socket: WebSocket): void {
    let sockets = this.byConversation.get(conversationId);
    if (!sockets) this.byConversation.set(conversationId, (sockets = new Set()));
    sockets.add(socket);
    this.total++;
    socket.once("close", () => {
      if (sockets.delete(socket)) this.total--;
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
