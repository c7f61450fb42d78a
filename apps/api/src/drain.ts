import type { Server } from "node:http";
import type { VoiceGateway } from "./voice/gateway";

/** How often a draining server closes the keep-alive connections that have gone idle since. */
const IDLE_SWEEP_MS = 100;

/**
 * A graceful stop of the HTTP server and the voice gateway: the listening socket closes at once
 * (new connections are refused, so a load balancer moves on), requests in flight finish, idle
 * keep-alive connections are closed as they become idle, live calls get `graceMs` to end before
 * they are told to call again. Live update streams (server-sent events) never finish by
 * themselves: `endStreams` ends them at once, and the browsers reconnect to another process with
 * their last event id, missing nothing. Past the grace period the remaining connections are cut.
 */
export async function drainServer(server: Server, gateway: VoiceGateway, graceMs: number, endStreams: () => void = () => {}): Promise<void> {
  endStreams();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // server.close() only closes the connections idle at this instant; a keep-alive connection
  // finishing its request afterwards would otherwise hold the server open until its timeout.
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await Promise.all([closed, gateway.drain(graceMs)]);
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}
