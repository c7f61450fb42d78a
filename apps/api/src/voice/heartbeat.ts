import type { WebSocket } from "ws";

/**
 * Finds sockets whose peer is gone without a word: a caller whose network dropped sends no close
 * and no FIN, and its socket would hold a call slot until TCP gives up hours later. Every
 * interval each watched socket is pinged; one that has not answered the previous ping (browsers
 * and `ws` answer on their own) is terminated, which ends its call like a hang-up.
 */
export function createHeartbeat(intervalMs: number) {
  /** Each open socket, and whether it answered the last ping. */
  const answered = new Map<WebSocket, boolean>();
  const timer = setInterval(() => {
    for (const ws of answered.keys()) {
      if (!answered.get(ws)) {
        ws.terminate();
        continue;
      }
      answered.set(ws, false);
      ws.ping();
    }
  }, intervalMs);
  // The heartbeat alone must not keep a process alive.
  timer.unref();
  return {
    watch(ws: WebSocket): void {
      answered.set(ws, true);
      ws.on("pong", () => answered.has(ws) && answered.set(ws, true));
      ws.on("close", () => answered.delete(ws));
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}
