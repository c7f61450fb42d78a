import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

const digest = (value: string) => createHash("sha256").update(value).digest();
const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * Who may scrape /metrics. With a token (`PARLEY_METRICS_TOKEN`): whoever sends it as a bearer,
 * from anywhere. Without one: only a scraper on the same host, connecting to loopback directly —
 * a request that came through a proxy (it names a client in X-Forwarded-For or Forwarded) is
 * refused even from loopback, so a reverse proxy on the same host does not publish the figures.
 */
export function metricsAccess(token: string | undefined): (req: IncomingMessage) => boolean {
  const expected = token === undefined ? undefined : digest(token);
  return (req) => {
    if (expected) {
      const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
      return match !== null && timingSafeEqual(digest(match[1]!.trim()), expected);
    }
    const proxied = req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined;
    return !proxied && LOOPBACK.has(req.socket.remoteAddress ?? "");
  };
}
